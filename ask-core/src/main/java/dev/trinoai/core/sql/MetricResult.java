package dev.trinoai.core.sql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a metric statement returned.
 *
 * @param truncated the statement had more rows than the configured limit; {@link #rows()} holds the first ones
 */
public record MetricResult(CompiledQuery query, List<Row> rows, boolean truncated)
{
    /**
     * One number and the group it belongs to, the group values in the order of {@link CompiledQuery#groups()}.
     */
    public record Row(List<String> groupValues, double value)
    {
        public Row
        {
            groupValues = List.copyOf(groupValues);
        }
    }

    public MetricResult
    {
        requireNonNull(query, "query is null");
        rows = List.copyOf(rows);
    }
}
