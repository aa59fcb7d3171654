package dev.trinoai.core.sql;

import dev.trinoai.core.warehouse.Warehouse;

import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import static java.util.Objects.requireNonNull;

/**
 * Runs compiled metric statements in read-only transactions with a statement timeout, and never keeps more rows
 * than the limit.
 */
public final class MetricRunner
{
    private final Warehouse warehouse;
    private final Duration statementTimeout;
    private final int maxRows;

    /**
     * A column of a metric statement as PostgreSQL describes it.
     */
    public record Column(String name, JDBCType type)
    {
        public Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * A metric statement's rows as typed values: the group values as the driver reads them ({@code String},
     * {@code Integer}, {@code java.sql.Date}...; null stays null), then the value as a {@code Double}.
     */
    public record Table(List<List<Object>> rows, boolean truncated)
    {
        public Table
        {
            rows = List.copyOf(rows);
        }
    }

    public MetricRunner(Warehouse warehouse, Duration statementTimeout, int maxRows)
    {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.statementTimeout = requireNonNull(statementTimeout, "statementTimeout is null");
        this.maxRows = maxRows;
    }

    public int maxRows()
    {
        return maxRows;
    }

    public MetricResult run(CompiledQuery query)
    {
        return withStatement(query, statement -> {
            List<MetricResult.Row> rows = new ArrayList<>();
            boolean truncated = read(statement, query, (rs, column) -> {
                String group = rs.getString(column);
                return group == null ? "(none)" : group;
            }, (groups, value) -> rows.add(new MetricResult.Row(groups, value)));
            return new MetricResult(query, rows, truncated);
        });
    }

    /**
     * The same rows as {@link #run} with their types kept, for a caller that hands them on as typed columns.
     */
    public Table table(CompiledQuery query)
    {
        return withStatement(query, statement -> {
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = read(statement, query, ResultSet::getObject, (groups, value) -> {
                List<Object> row = new ArrayList<>(groups);
                row.add(value);
                rows.add(Collections.unmodifiableList(row));
            });
            return new Table(rows, truncated);
        });
    }

    /**
     * The statement's columns as PostgreSQL describes them, without running it.
     */
    public List<Column> describe(CompiledQuery query)
    {
        return withStatement(query, statement -> {
            ResultSetMetaData metadata = statement.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int column = 1; column <= metadata.getColumnCount(); column++) {
                columns.add(new Column(metadata.getColumnLabel(column), jdbcType(metadata.getColumnType(column))));
            }
            return columns;
        });
    }

    private static JDBCType jdbcType(int type)
    {
        return Arrays.stream(JDBCType.values()).filter(value -> value.getVendorTypeNumber() == type).findFirst().orElse(JDBCType.OTHER);
    }

    /**
     * Reads at most {@link #maxRows} rows, skipping those whose value is null, and says whether there were more. The
     * statement's rows are counted, not the rows kept: the statement stops one row after the limit, so rows skipped
     * before it would otherwise hide the rows it never returned.
     */
    private <T> boolean read(PreparedStatement statement, CompiledQuery query, GroupReader<T> groupReader, BiConsumer<List<T>, Double> sink)
            throws SQLException
    {
        int groups = query.groups().size();
        int fetched = 0;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (fetched++ == maxRows) {
                    return true;
                }
                double value = rs.getDouble(groups + 1);
                if (rs.wasNull()) {
                    continue;
                }
                List<T> groupValues = new ArrayList<>();
                for (int column = 1; column <= groups; column++) {
                    groupValues.add(groupReader.read(rs, column));
                }
                sink.accept(groupValues, value);
            }
        }
        return false;
    }

    private <R> R withStatement(CompiledQuery query, StatementWork<R> work)
    {
        try (Connection connection = warehouse.openReadOnly()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
                }
                try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                    statement.setMaxRows(maxRows + 1);
                    for (int i = 0; i < query.parameters().size(); i++) {
                        Object parameter = query.parameters().get(i);
                        if (parameter instanceof String[] values) {
                            statement.setArray(i + 1, connection.createArrayOf("text", values));
                        }
                        else {
                            statement.setObject(i + 1, parameter);
                        }
                    }
                    return work.apply(statement);
                }
            }
            finally {
                connection.rollback();
            }
        }
        catch (SQLException e) {
            throw warehouse.translate(e);
        }
    }

    private interface StatementWork<R>
    {
        R apply(PreparedStatement statement)
                throws SQLException;
    }

    private interface GroupReader<T>
    {
        T read(ResultSet rs, int column)
                throws SQLException;
    }
}
