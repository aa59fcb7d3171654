package dev.trinoai.core.sql;

import dev.trinoai.core.model.Metric;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.time.Period;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One metric query as one PostgreSQL statement, every value a bound parameter.
 *
 * @param groups the names of the columns before {@code value}: dimensions or time grains
 */
public record CompiledQuery(MetricQuery query, Metric metric, String sql, List<Object> parameters, List<String> groups, Optional<Period> period)
{
    public CompiledQuery
    {
        requireNonNull(query, "query is null");
        requireNonNull(metric, "metric is null");
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
        groups = List.copyOf(groups);
        requireNonNull(period, "period is null");
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
