package dev.trinoai.core.engine;

import dev.trinoai.core.plan.MetricQuery;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * The metric query a question's table of numbers comes from, and the day its relative periods resolve against.
 *
 * @param metricQueries how many metric queries the question's plan has; the table is the first one's
 */
public record NumbersQuery(MetricQuery query, LocalDate asOf, int metricQueries)
{
    public NumbersQuery
    {
        requireNonNull(query, "query is null");
        requireNonNull(asOf, "asOf is null");
    }
}
