package dev.trinoai.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One metric, sliced and filtered: compiles to one SQL statement.
 *
 * @param groupBy dimension names or time grains (day, week, sprint, month, quarter, fiscal_quarter, year, fiscal_year)
 * @param filters dimension name to the values kept
 * @param time a period in words, resolved against the reference date: "this quarter", "2025-Q3", "last 3 sprints",
 *     "2026-03-01..2026-11-25"; null for all time
 * @param order desc, asc or time (chronological)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MetricQuery(
        String metric,
        @JsonProperty("group_by") List<String> groupBy,
        Map<String, List<String>> filters,
        String time,
        Comparison having,
        String order,
        Integer limit)
{
    public MetricQuery
    {
        requireNonNull(metric, "metric is null");
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        filters = filters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }
}
