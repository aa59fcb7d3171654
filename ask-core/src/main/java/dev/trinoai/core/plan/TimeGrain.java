package dev.trinoai.core.plan;

import dev.trinoai.core.time.FiscalYear;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * The time slices a metric can be grouped by: a column of {@code dim_date} (alias {@code d}), or the sprint itself.
 */
public enum TimeGrain
{
    DAY("d.date"),
    WEEK("d.week_start"),
    SPRINT("f.name"),
    MONTH("d.month_label"),
    QUARTER("d.quarter_label"),
    FISCAL_QUARTER("d.fiscal_quarter_label"),
    YEAR("d.year"),
    FISCAL_YEAR("d.fiscal_year");

    private final String sql;

    TimeGrain(String sql)
    {
        this.sql = sql;
    }

    /**
     * The slice's label as SQL over {@code dim_date}: its own columns for the fiscal year they hold (July's), else the
     * day moved into the calendar year and quarter the fiscal ones are named by.
     */
    public String sql(FiscalYear fiscal)
    {
        if (fiscal.equals(FiscalYear.JULY) || (this != FISCAL_QUARTER && this != FISCAL_YEAR)) {
            return sql;
        }
        String shifted = "(d.date + interval '%d months')".formatted(fiscal.monthsAhead());
        return this == FISCAL_YEAR
                ? "extract(year FROM %s)::integer".formatted(shifted)
                : "'FY' || extract(year FROM %1$s)::integer || '-Q' || extract(quarter FROM %1$s)::integer".formatted(shifted);
    }

    public String label()
    {
        return name().toLowerCase();
    }

    /**
     * The label of the slice holding a day, as {@code dim_date} writes it; empty for sprints, which are not dates.
     */
    public Optional<String> sliceOf(LocalDate day, FiscalYear fiscal)
    {
        int quarter = day.get(IsoFields.QUARTER_OF_YEAR);
        int fiscalYear = fiscal.of(day);
        return switch (this) {
            case DAY -> Optional.of(day.toString());
            case WEEK -> Optional.of(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
            case SPRINT -> Optional.empty();
            case MONTH -> Optional.of(YearMonth.from(day).toString());
            case QUARTER -> Optional.of("%d-Q%d".formatted(day.getYear(), quarter));
            case FISCAL_QUARTER -> Optional.of("FY%d-Q%d".formatted(fiscalYear, fiscal.quarterOf(day)));
            case YEAR -> Optional.of(Integer.toString(day.getYear()));
            case FISCAL_YEAR -> Optional.of(Integer.toString(fiscalYear));
        };
    }

    /**
     * Whether the slice holding the day goes on after it: on that day its numbers are partial.
     */
    public boolean inProgressOn(LocalDate day, FiscalYear fiscal)
    {
        return sliceOf(day, fiscal).isPresent() && sliceOf(day, fiscal).equals(sliceOf(day.plusDays(1), fiscal));
    }

    public static Optional<TimeGrain> of(String name)
    {
        return Arrays.stream(values()).filter(grain -> grain.label().equals(name)).findFirst();
    }
}
