package dev.trinoai.core.sql;

import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.time.Period;
import dev.trinoai.core.warehouse.Warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.trinoai.core.model.SemanticModel.FACT_ALIAS;
import static java.util.Objects.requireNonNull;

/**
 * The first and last day a metric's rows cover, read from the warehouse and kept for a while: a period wholly outside
 * them has no data, and "0 incidents in 2015" would be a number the data cannot give.
 */
public final class DataDates
{
    /**
     * The days a metric's rows are dated within, both included.
     */
    public record Span(LocalDate first, LocalDate last)
    {
        public Span
        {
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
        }

        public boolean misses(Period period)
        {
            return !period.isAllTime() && !period.isSprints() && (period.to().isBefore(first) || period.from().isAfter(last));
        }
    }

    private record Read(Optional<Span> span, Instant at) {}

    private final SemanticModel model;
    private final Warehouse warehouse;
    private final Duration kept;
    private final Clock clock;
    private final Map<String, Read> spans = new ConcurrentHashMap<>();

    public DataDates(SemanticModel model, Warehouse warehouse, Duration kept, Clock clock)
    {
        this.model = requireNonNull(model, "model is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.kept = requireNonNull(kept, "kept is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @return empty for a metric without dates, or whose table has no rows
     */
    public Optional<Span> of(Metric metric)
    {
        Optional<String> date = metric.dateSql(model.tables().get(metric.table()));
        if (date.isEmpty()) {
            return Optional.empty();
        }
        // the date keys alone: an index on them answers without reading the rows
        String sql = "SELECT min(%s), max(%s) FROM %s.%s AS %s".formatted(date.get(), date.get(), model.schema(), metric.table(), FACT_ALIAS);
        Read read = spans.get(sql);
        if (read == null || read.at().plus(kept).isBefore(clock.instant())) {
            read = new Read(span(sql), clock.instant());
            spans.put(sql, read);
        }
        return read.span();
    }

    private static LocalDate day(int key)
    {
        return LocalDate.of(key / 10000, key / 100 % 100, key % 100);
    }

    private Optional<Span> span(String sql)
    {
        try (Connection connection = warehouse.openReadOnly(); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            int first = rs.getInt(1);
            if (rs.wasNull()) {
                return Optional.empty();
            }
            return Optional.of(new Span(day(first), day(rs.getInt(2))));
        }
        catch (SQLException e) {
            throw warehouse.translate(e);
        }
    }
}
