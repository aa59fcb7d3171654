package dev.trinoai.core.plan;

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

    public String sql()
    {
        return sql;
    }

    public String label()
    {
        return name().toLowerCase();
    }

    /**
     * The label of the slice holding a day, as {@code dim_date} writes it; empty for sprints, which are not dates.
     */
    public Optional<String> sliceOf(LocalDate day)
    {
        int quarter = day.get(IsoFields.QUARTER_OF_YEAR);
        // the fiscal year starts on 1 July and is named by the year it ends in, as in dim_date
        int fiscalYear = day.getMonthValue() >= 7 ? day.getYear() + 1 : day.getYear();
        return switch (this) {
            case DAY -> Optional.of(day.toString());
            case WEEK -> Optional.of(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
            case SPRINT -> Optional.empty();
            case MONTH -> Optional.of(YearMonth.from(day).toString());
            case QUARTER -> Optional.of("%d-Q%d".formatted(day.getYear(), quarter));
            case FISCAL_QUARTER -> Optional.of("FY%d-Q%d".formatted(fiscalYear, (quarter + 1) % 4 + 1));
            case YEAR -> Optional.of(Integer.toString(day.getYear()));
            case FISCAL_YEAR -> Optional.of(Integer.toString(fiscalYear));
        };
    }

    /**
     * Whether the slice holding the day goes on after it: on that day its numbers are partial.
     */
    public boolean inProgressOn(LocalDate day)
    {
        return sliceOf(day).isPresent() && sliceOf(day).equals(sliceOf(day.plusDays(1)));
    }

    public static Optional<TimeGrain> of(String name)
    {
        return Arrays.stream(values()).filter(grain -> grain.label().equals(name)).findFirst();
    }
}
