package dev.trinoai.jobs.eval;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The reference date's parameters of an evaluation set's SQL ({@code :quarter_start}, {@code :month_elapsed}...),
 * written by hand apart from the engine's own period code so that the two check each other.
 */
public final class EvalParameters
{
    // "::" is a cast, not a parameter
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-z_]+)\\b");

    private final Map<String, String> values = new LinkedHashMap<>();

    public EvalParameters(LocalDate asOf)
    {
        requireNonNull(asOf, "asOf is null");
        YearMonth month = YearMonth.from(asOf);
        LocalDate quarter = asOf.with(IsoFields.DAY_OF_QUARTER, 1);
        LocalDate fiscalYear = LocalDate.of(asOf.getMonthValue() >= 7 ? asOf.getYear() : asOf.getYear() - 1, 7, 1);
        values.put("as_of", "DATE '%s'".formatted(asOf));
        values.put("as_of_key", key(asOf));
        range("month", month.atDay(1), month.atEndOfMonth());
        range("quarter", quarter, quarter.plusMonths(3).minusDays(1));
        range("year", asOf.withDayOfYear(1), asOf.withDayOfYear(1).plusYears(1).minusDays(1));
        range("fy", fiscalYear, fiscalYear.plusYears(1).minusDays(1));
        range("prev_month", month.minusMonths(1).atDay(1), month.minusMonths(1).atEndOfMonth());
        range("prev_quarter", quarter.minusMonths(3), quarter.minusDays(1));
        range("prev_year", asOf.withDayOfYear(1).minusYears(1), asOf.withDayOfYear(1).minusDays(1));
        range("prev_fy", fiscalYear.minusYears(1), fiscalYear.minusDays(1));
        values.put("month_elapsed", "(%d.0/%d)".formatted(asOf.getDayOfMonth(), month.lengthOfMonth()));
    }

    /**
     * The SQL with every parameter replaced by its value.
     *
     * @throws IllegalArgumentException naming a parameter that is not one of these
     */
    public String apply(String sql)
    {
        Matcher matcher = PARAMETER.matcher(sql);
        StringBuilder bound = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the expected SQL uses :%s, which is not a parameter (known: %s)".formatted(matcher.group(1), String.join(", ", values.keySet())));
            }
            matcher.appendReplacement(bound, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(bound).toString();
    }

    private void range(String name, LocalDate start, LocalDate end)
    {
        values.put(name + "_start", key(start));
        values.put(name + "_end", key(end));
    }

    private static String key(LocalDate date)
    {
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
