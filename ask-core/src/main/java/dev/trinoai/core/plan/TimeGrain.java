package dev.trinoai.core.plan;

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
    YEAR("d.year");

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

    public static Optional<TimeGrain> of(String name)
    {
        return Arrays.stream(values()).filter(grain -> grain.label().equals(name)).findFirst();
    }
}
