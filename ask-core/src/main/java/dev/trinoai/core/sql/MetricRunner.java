package dev.trinoai.core.sql;

import dev.trinoai.core.Warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
                    List<MetricResult.Row> rows = new ArrayList<>();
                    boolean truncated = false;
                    try (ResultSet rs = statement.executeQuery()) {
                        int groups = query.groups().size();
                        while (rs.next()) {
                            if (rows.size() == maxRows) {
                                truncated = true;
                                break;
                            }
                            double value = rs.getDouble(groups + 1);
                            if (rs.wasNull()) {
                                continue;
                            }
                            List<String> groupValues = new ArrayList<>();
                            for (int column = 1; column <= groups; column++) {
                                String group = rs.getString(column);
                                groupValues.add(group == null ? "(none)" : group);
                            }
                            rows.add(new MetricResult.Row(groupValues, value));
                        }
                    }
                    return new MetricResult(query, rows, truncated);
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
}
