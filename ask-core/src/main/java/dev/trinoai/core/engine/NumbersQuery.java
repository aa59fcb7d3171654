package dev.trinoai.core.engine;

import dev.trinoai.core.plan.MetricQuery;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The metric queries a question's table of numbers comes from (one, or a scorecard's several), and the day its
 * relative periods resolve against.
 */
public record NumbersQuery(List<MetricQuery> queries, LocalDate asOf)
{
    public NumbersQuery
    {
        queries = List.copyOf(queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a table of numbers needs a metric query");
        }
        requireNonNull(asOf, "asOf is null");
    }
}
