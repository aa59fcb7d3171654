package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.AskException;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricRunner;
import io.trino.spi.classloader.ThreadContextClassLoader;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorRecordSetProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.InMemoryRecordSet;
import io.trino.spi.connector.RecordSet;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static java.util.Objects.requireNonNull;

/**
 * Reads the tables of {@code ai.metrics} and {@code ai.model}. A metric's rows come from the statement ask-core
 * compiles for the pushed-down query and runs as it does for {@code ask()}: with the caller's row access in it, in a
 * read-only transaction, under the statement timeout, never more rows than {@code ai.ask.max-rows}.
 */
public final class AiRecordSetProvider
        implements ConnectorRecordSetProvider
{
    private final ServedModel served;
    private final CallerAccess callers;
    private final MetricTables metricTables;
    private final MetricPushdown pushdown;
    private final ModelTables modelTables;
    private final int maxRows;

    @Inject
    public AiRecordSetProvider(ServedModel served, CallerAccess callers, MetricTables metricTables, MetricPushdown pushdown, ModelTables modelTables, AskConfig config)
    {
        this.maxRows = config.getMaxRows();
        this.served = requireNonNull(served, "served is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.metricTables = requireNonNull(metricTables, "metricTables is null");
        this.pushdown = requireNonNull(pushdown, "pushdown is null");
        this.modelTables = requireNonNull(modelTables, "modelTables is null");
    }

    @Override
    public RecordSet getRecordSet(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorSplit split, ConnectorTableHandle table, List<? extends ColumnHandle> columns)
    {
        try (ThreadContextClassLoader _ = new ThreadContextClassLoader(getClass().getClassLoader())) {
            AccessScope access = callers.of(session);
            return switch (table) {
                case MetricTableHandle metric -> metricRows(metric, columns.stream().map(MetricColumnHandle.class::cast).toList(), access);
                case ModelTableHandle model -> modelRows(model, columns.stream().map(ModelColumnHandle.class::cast).toList(), access);
                default -> throw new IllegalArgumentException("Unknown table handle: " + table.getClass().getName());
            };
        }
        catch (RuntimeException e) {
            throw toTrinoException(e);
        }
    }

    private RecordSet metricRows(MetricTableHandle handle, List<MetricColumnHandle> columns, AccessScope access)
    {
        List<Type> types = columns.stream().map(MetricColumnHandle::type).toList();
        // an aggregation without GROUP BY has one row, null when no row is left to compute it from
        boolean oneRow = handle.grouping().filter(List::isEmpty).isPresent();
        if (handle.empty()) {
            return new InMemoryRecordSet(types, oneRow ? List.of(nulls(columns.size())) : List.of());
        }
        Metric metric = metricTables.metric(handle);
        AskEngine engine = served.engine();
        CompiledQuery compiled = engine.compile(pushdown.query(handle), handle.day(), access);
        MetricRunner.Table table = engine.table(compiled);
        // the first rows of a table would pass for the whole; say so instead of cutting it short
        if (table.truncated()) {
            throw new AskException(INVALID_QUESTION, ("ai.metrics.%s has more than %,d rows at this grain (ai.ask.max-rows). Group by fewer columns, filter, add a LIMIT, or raise the limit in the catalog file.")
                    .formatted(metric.name(), maxRows));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Object> values = new ArrayList<>(columns.size());
            for (MetricColumnHandle column : columns) {
                values.add(switch (column.kind()) {
                    case DIMENSION -> {
                        Object value = row.get(compiled.groups().indexOf(column.group().orElseThrow()));
                        yield value == null ? null : value.toString();
                    }
                    case TIME -> TimeColumn.toTrino(TimeGrain.of(column.group().orElseThrow()).orElseThrow(), column.type(), row.get(compiled.groups().indexOf(column.group().orElseThrow())));
                    case UNIT -> metric.unit();
                    case VALUE -> row.getLast();
                });
            }
            rows.add(values);
        }
        if (rows.isEmpty() && oneRow) {
            rows.add(nulls(columns.size()));
        }
        return new InMemoryRecordSet(types, rows);
    }

    private RecordSet modelRows(ModelTableHandle handle, List<ModelColumnHandle> columns, AccessScope access)
    {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : modelTables.rows(handle, access)) {
            rows.add(columns.stream().map(column -> row.get(column.position())).toList());
        }
        return new InMemoryRecordSet(columns.stream().map(ModelColumnHandle::type).toList(), rows);
    }

    private static List<Object> nulls(int size)
    {
        return Arrays.asList(new Object[size]);
    }
}
