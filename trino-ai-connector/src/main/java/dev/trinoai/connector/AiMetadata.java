package dev.trinoai.connector;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import dev.trinoai.udf.AskScalarFunctions;
import io.trino.spi.classloader.ThreadContextClassLoader;
import io.trino.spi.connector.AggregateFunction;
import io.trino.spi.connector.AggregationApplicationResult;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.ProjectionApplicationResult;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SchemaTablePrefix;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.function.BoundSignature;
import io.trino.spi.function.FunctionDependencyDeclaration;
import io.trino.spi.function.FunctionId;
import io.trino.spi.function.FunctionMetadata;
import io.trino.spi.function.SchemaFunctionName;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.trino.spi.function.FunctionDependencyDeclaration.NO_DEPENDENCIES;
import static java.util.Objects.requireNonNull;

/**
 * The catalog's schemas: {@code system} holds the functions (the table functions come from the connector, the scalar
 * functions of {@code ask-udf} are listed here); {@code metrics} a table per metric of the semantic model, whose
 * numbers are computed by the metric's own SQL at the grain the query pushes down ({@link MetricPushdown});
 * {@code model} what can be asked. Any other table is one that does not exist, which Trino reports as for any catalog.
 */
public final class AiMetadata
        implements ConnectorMetadata
{
    public static final String SYSTEM_SCHEMA = "system";

    private final MetricTables metricTables;
    private final MetricPushdown pushdown;
    private final ModelTables modelTables;
    private final ServedModel served;

    @Inject
    public AiMetadata(MetricTables metricTables, MetricPushdown pushdown, ModelTables modelTables, ServedModel served)
    {
        this.metricTables = requireNonNull(metricTables, "metricTables is null");
        this.pushdown = requireNonNull(pushdown, "pushdown is null");
        this.modelTables = requireNonNull(modelTables, "modelTables is null");
        this.served = requireNonNull(served, "served is null");
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return ImmutableList.of(SYSTEM_SCHEMA, MetricTables.SCHEMA, ModelTables.SCHEMA);
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return listSchemaNames(session).contains(schemaName);
    }

    @Override
    public ConnectorTableHandle getTableHandle(ConnectorSession session, SchemaTableName tableName, Optional<ConnectorTableVersion> startVersion, Optional<ConnectorTableVersion> endVersion)
    {
        if (startVersion.isPresent() || endVersion.isPresent()) {
            return null;
        }
        return switch (tableName.getSchemaName()) {
            // the reference date is fixed now, so every split of the query computes the metric as of the same day
            case MetricTables.SCHEMA -> metricTables.metric(tableName.getTableName())
                    .map(metric -> MetricTableHandle.of(metric.name(), served.engine().asOf(AiSessionProperties.referenceDate(session))))
                    .orElse(null);
            case ModelTables.SCHEMA -> modelTables.handle(tableName.getTableName()).orElse(null);
            default -> null;
        };
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle table)
    {
        return switch (table) {
            case MetricTableHandle metric -> metricTables.metadata(metricTables.metric(metric));
            case ModelTableHandle model -> modelTables.metadata(model);
            default -> throw new IllegalArgumentException("Unknown table handle: " + table);
        };
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        return Stream.concat(metricTables.list().stream(), modelTables.list().stream())
                .filter(name -> schemaName.map(name.getSchemaName()::equals).orElse(true))
                .toList();
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle table)
    {
        Map<String, ColumnHandle> columns = new LinkedHashMap<>();
        switch (table) {
            case MetricTableHandle metric -> metricTables.columns(metricTables.metric(metric)).forEach(column -> columns.put(column.name(), column));
            case ModelTableHandle model -> modelTables.columns(model).forEach(column -> columns.put(column.name(), column));
            default -> throw new IllegalArgumentException("Unknown table handle: " + table);
        }
        return columns;
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle table, ColumnHandle column)
    {
        return switch (column) {
            case MetricColumnHandle metricColumn -> metricTables.columnMetadata(metricTables.metric((MetricTableHandle) table), metricColumn);
            case ModelColumnHandle modelColumn -> modelTables.metadata((ModelTableHandle) table).getColumns().get(modelColumn.position());
            default -> throw new IllegalArgumentException("Unknown column handle: " + column);
        };
    }

    @Override
    public Map<SchemaTableName, List<ColumnMetadata>> listTableColumns(ConnectorSession session, SchemaTablePrefix prefix)
    {
        Map<SchemaTableName, List<ColumnMetadata>> columns = new LinkedHashMap<>();
        for (SchemaTableName name : listTables(session, prefix.getSchema())) {
            if (prefix.getTable().map(name.getTableName()::equals).orElse(true)) {
                ConnectorTableHandle handle = getTableHandle(session, name, Optional.empty(), Optional.empty());
                columns.put(name, getTableMetadata(session, handle).getColumns());
            }
        }
        return columns;
    }

    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session, ConnectorTableHandle table, Constraint constraint)
    {
        if (!(table instanceof MetricTableHandle metric)) {
            return Optional.empty();
        }
        try (ThreadContextClassLoader _ = new ThreadContextClassLoader(getClass().getClassLoader())) {
            return pushdown.applyFilter(metric, constraint);
        }
    }

    @Override
    public Optional<AggregationApplicationResult<ConnectorTableHandle>> applyAggregation(
            ConnectorSession session,
            ConnectorTableHandle table,
            List<AggregateFunction> aggregates,
            Map<String, ColumnHandle> assignments,
            List<List<ColumnHandle>> groupingSets)
    {
        if (!(table instanceof MetricTableHandle metric)) {
            return Optional.empty();
        }
        try (ThreadContextClassLoader _ = new ThreadContextClassLoader(getClass().getClassLoader())) {
            return pushdown.applyAggregation(metric, aggregates, assignments, groupingSets);
        }
    }

    @Override
    public Optional<ProjectionApplicationResult<ConnectorTableHandle>> applyProjection(ConnectorSession session, ConnectorTableHandle table, List<ConnectorExpression> projections, Map<String, ColumnHandle> assignments)
    {
        if (!(table instanceof MetricTableHandle metric)) {
            return Optional.empty();
        }
        try (ThreadContextClassLoader _ = new ThreadContextClassLoader(getClass().getClassLoader())) {
            return pushdown.applyProjection(metric, projections, assignments);
        }
    }

    @Override
    public Optional<LimitApplicationResult<ConnectorTableHandle>> applyLimit(ConnectorSession session, ConnectorTableHandle table, long limit)
    {
        if (!(table instanceof MetricTableHandle metric)) {
            return Optional.empty();
        }
        return pushdown.applyLimit(metric, limit);
    }

    @Override
    public Collection<FunctionMetadata> listFunctions(ConnectorSession session, String schemaName)
    {
        return SYSTEM_SCHEMA.equals(schemaName) ? AskScalarFunctions.functions() : List.of();
    }

    @Override
    public Collection<FunctionMetadata> getFunctions(ConnectorSession session, SchemaFunctionName name)
    {
        if (!SYSTEM_SCHEMA.equals(name.getSchemaName())) {
            return List.of();
        }
        // called while the query is analysed, with the catalog's session properties at hand
        return AskScalarFunctions.resolve(name.getFunctionName(), AiSessionProperties.referenceDate(session));
    }

    @Override
    public FunctionMetadata getFunctionMetadata(ConnectorSession session, FunctionId functionId)
    {
        return AskScalarFunctions.metadata(functionId);
    }

    @Override
    public FunctionDependencyDeclaration getFunctionDependencies(ConnectorSession session, FunctionId functionId, BoundSignature boundSignature)
    {
        return NO_DEPENDENCIES;
    }
}
