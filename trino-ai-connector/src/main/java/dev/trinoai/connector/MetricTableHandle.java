package dev.trinoai.connector;

import io.trino.spi.connector.ConnectorTableHandle;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A metric of {@code ai.metrics} with what the query pushed into it. Without a grouping the rows are the metric at the
 * finest grain (every dimension and time column); with one, the metric at that grain, computed from its parts by the
 * metric's own SQL.
 *
 * @param asOf the reference date (YYYY-MM-DD) of the metric's SQL, fixed when the query was analysed
 * @param filters dimension name to the values kept
 * @param from the first day kept (YYYY-MM-DD); empty for no bound
 * @param to the last day kept (YYYY-MM-DD); empty for no bound
 * @param empty a filter no row can pass
 * @param grouping the columns grouped by, when an aggregation was pushed down
 * @param limit the most rows to return
 */
public record MetricTableHandle(
        String metric,
        String asOf,
        Map<String, List<String>> filters,
        Optional<String> from,
        Optional<String> to,
        boolean empty,
        Optional<List<MetricColumnHandle>> grouping,
        Optional<Long> limit)
        implements ConnectorTableHandle
{
    public MetricTableHandle
    {
        requireNonNull(metric, "metric is null");
        requireNonNull(asOf, "asOf is null");
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        grouping = grouping.map(List::copyOf);
        requireNonNull(limit, "limit is null");
    }

    static MetricTableHandle of(String metric, LocalDate asOf)
    {
        return new MetricTableHandle(metric, asOf.toString(), Map.of(), Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    public LocalDate day()
    {
        return LocalDate.parse(asOf);
    }

    MetricTableHandle withFilters(Map<String, List<String>> filters, Optional<String> from, Optional<String> to, boolean empty)
    {
        return new MetricTableHandle(metric, asOf, filters, from, to, empty, grouping, limit);
    }

    MetricTableHandle withGrouping(List<MetricColumnHandle> grouping)
    {
        return new MetricTableHandle(metric, asOf, filters, from, to, empty, Optional.of(grouping), limit);
    }

    MetricTableHandle withLimit(long limit)
    {
        return new MetricTableHandle(metric, asOf, filters, from, to, empty, grouping, Optional.of(limit));
    }

    /**
     * What EXPLAIN shows: the metric, its grain, the dimensions filtered (not their values, which Trino also puts in
     * its spans), the days and the limit.
     */
    @Override
    public String toString()
    {
        StringBuilder text = new StringBuilder("metrics.").append(metric);
        text.append(grouping.map(columns -> " grouped by " + columns.stream().map(MetricColumnHandle::name).toList()).orElse(" at the finest grain"));
        if (!filters.isEmpty()) {
            text.append(" filtered by ").append(filters.keySet());
        }
        if (from.isPresent() || to.isPresent()) {
            text.append(" from ").append(from.orElse("the first day")).append(" to ").append(to.orElse("the last day"));
        }
        if (empty) {
            text.append(" (no row passes the filter)");
        }
        limit.ifPresent(value -> text.append(" limit ").append(value));
        return text.append(" as of ").append(asOf).toString();
    }
}
