package dev.trinoai.core.sql;

import dev.trinoai.core.model.Metric;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.time.Period;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One metric query as one PostgreSQL statement, every value a bound parameter.
 *
 * @param groups the names of the columns before {@code value}: dimensions or time grains
 * @param period the period the rows are limited to: the query's, else the metric's default; empty for every row
 * @param asOf the reference date the period and the metric's parameters were resolved against
 */
public record CompiledQuery(MetricQuery query, Metric metric, String sql, List<Object> parameters, List<String> groups, Optional<Period> period, LocalDate asOf)
{
    public CompiledQuery
    {
        requireNonNull(query, "query is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
        groups = List.copyOf(groups);
        requireNonNull(period, "period is null");
        requireNonNull(asOf, "asOf is null");
    }

    /**
     * The period is still in progress on the reference date and the metric counts it to that date, not to its end.
     */
    public boolean countsToDate()
    {
        return period.filter(value -> value.isOpen(asOf)).isPresent() && !metric.wholePeriod();
    }

    /**
     * The last day the numbers cover: the period's, or the reference date for a period counted to date; empty for every
     * date.
     */
    public Optional<LocalDate> coveredTo()
    {
        return period.filter(value -> !value.isAllTime()).map(value -> countsToDate() ? asOf : value.to());
    }

    /**
     * The statement as the {@code sql} row shows it: the SQL, then the resolved period and every parameter.
     */
    public String display()
    {
        StringBuilder text = new StringBuilder(sql);
        period.ifPresent(value -> text.append("\n-- period: ").append(value.describe()));
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            text.append("\n-- $%d = %s".formatted(i + 1, parameter instanceof String[] values ? "{" + String.join(", ", values) + "}" : parameter));
        }
        return text.toString();
    }
}
