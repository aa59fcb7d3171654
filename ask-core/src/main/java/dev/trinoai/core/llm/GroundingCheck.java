package dev.trinoai.core.llm;

import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the numbers in a model's narrative that no SQL statement returned. A number matches a returned value within
 * the rounding its written precision allows ("12.3%" for 12.34, "$1.2M" for 1,234,567), sign aside: a variance of
 * -5000 is written "under budget by $5,000". These pass without a match: citation markers [n], numbers written in the question, the period, a group's or filter's value (sprint
 * names, release numbers), the counts of rows and citations, and years.
 */
final class GroundingCheck
{
    // a number not glued to a word or another number: "Q3", "FY26", "R-0142" and the parts of "2026-10-01" are names
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.,\\-])(-)?(\\$)?(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?:\\s?(%|percent|k|K|M|million|bn|billion|thousand))?(?![\\p{L}\\p{N}])");
    private static final Pattern CITATION = Pattern.compile("\\[\\d+(?:\\s*[,-]\\s*\\d+)*]");
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)?");

    private GroundingCheck() {}

    /**
     * The numbers as the narrative wrote them, in order, each once.
     */
    static List<String> unmatched(String narrative, String question, List<MetricResult> results, List<Citation> citations)
    {
        List<Double> returned = new ArrayList<>();
        Set<String> named = new HashSet<>(literals(question));
        for (MetricResult result : results) {
            CompiledQuery query = result.query();
            returned.add((double) result.rows().size());
            query.period().ifPresent(period -> named.addAll(literals(period.describe())));
            query.query().filters().values().forEach(values -> values.forEach(value -> named.addAll(literals(value))));
            for (MetricResult.Row row : result.rows()) {
                returned.add(row.value());
                row.groupValues().forEach(value -> named.addAll(literals(value)));
            }
        }
        returned.add((double) citations.size());

        Set<String> unmatched = new LinkedHashSet<>();
        Matcher number = NUMBER.matcher(CITATION.matcher(narrative).replaceAll(" "));
        while (number.find()) {
            String digits = number.group(3).replace(",", "") + (number.group(4) == null ? "" : number.group(4));
            if (named.contains(digits) || isYear(number, digits) || matches(number, digits, returned)) {
                continue;
            }
            unmatched.add(number.group().strip());
        }
        return List.copyOf(unmatched);
    }

    private static boolean matches(Matcher number, String digits, List<Double> returned)
    {
        BigDecimal written = new BigDecimal(digits);
        double scale = switch (number.group(5) == null ? "" : number.group(5).toLowerCase(Locale.ROOT)) {
            case "k", "thousand" -> 1e3;
            case "m", "million" -> 1e6;
            case "bn", "billion" -> 1e9;
            default -> 1;
        };
        double value = written.doubleValue() * scale;
        // half a unit of the last digit written, and a hair for binary fractions
        double tolerance = 0.5 * Math.pow(10, -written.scale()) * scale + 1e-9 * Math.max(1, value);
        return returned.stream().anyMatch(sql -> Math.abs(Math.abs(sql) - value) <= tolerance);
    }

    private static boolean isYear(Matcher number, String digits)
    {
        return number.group(1) == null && number.group(2) == null && number.group(5) == null && digits.length() == 4 && digits.startsWith("20");
    }

    private static List<String> literals(String text)
    {
        List<String> found = new ArrayList<>();
        Matcher digits = DIGITS.matcher(text.replaceAll("(\\d),(\\d{3})", "$1$2"));
        while (digits.find()) {
            found.add(digits.group());
        }
        return found;
    }
}
