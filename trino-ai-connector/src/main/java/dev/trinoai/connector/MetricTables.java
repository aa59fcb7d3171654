package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TableSpec;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.SchemaTableName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * The tables of {@code ai.metrics}: one per metric of the semantic model, with a column for every dimension the
 * metric's table reaches, its time columns, {@code unit} and {@code value}. Names and comments come from the model.
 */
public final class MetricTables
{
    public static final String SCHEMA = "metrics";
    static final String UNIT = "unit";
    static final String VALUE = "value";

    private final ServedModel served;

    @Inject
    public MetricTables(ServedModel served)
    {
        this.served = requireNonNull(served, "served is null");
    }

    /**
     * @throws IllegalArgumentException when a dimension has the name of a column every metric's table has
     */
    static void checkNames(SemanticModel model)
    {
        Set<String> reserved = new HashSet<>(List.of(UNIT, VALUE));
        for (TimeColumn column : TimeColumn.values()) {
            reserved.add(column.columnName());
        }
        for (String dimension : model.dimensions().keySet()) {
            if (reserved.contains(dimension)) {
                throw new IllegalArgumentException("%s: the dimension '%s' has the name of a column every table of ai.metrics has (%s); rename it".formatted(model.source(), dimension, reserved));
            }
        }
    }

    public List<SchemaTableName> list()
    {
        return served.model().metrics().keySet().stream().map(name -> new SchemaTableName(SCHEMA, name)).toList();
    }

    public Optional<Metric> metric(String name)
    {
        return served.model().metric(name);
    }

    public Metric metric(MetricTableHandle handle)
    {
        return served.model().metric(handle.metric()).orElseThrow(() -> new IllegalArgumentException("unknown metric " + handle.metric()));
    }

    /**
     * Every column of the metric's table, in the order a tool shows them.
     */
    public List<MetricColumnHandle> columns(Metric metric)
    {
        // one model for the whole list, whatever a reload serves meanwhile
        SemanticModel model = served.model();
        TableSpec table = model.tables().get(metric.table());
        List<MetricColumnHandle> columns = new ArrayList<>();
        for (Dimension dimension : model.dimensions().values()) {
            if (model.reaches(metric.table(), dimension)) {
                columns.add(new MetricColumnHandle(dimension.name(), MetricColumnHandle.Kind.DIMENSION, Optional.of(dimension.name()), VARCHAR));
            }
        }
        if (metric.dateSql(table).isPresent()) {
            for (TimeColumn time : TimeColumn.values()) {
                if (time != TimeColumn.SPRINT || table.sprints()) {
                    columns.add(new MetricColumnHandle(time.columnName(), MetricColumnHandle.Kind.TIME, Optional.of(time.columnName()), time.type()));
                }
            }
        }
        columns.add(new MetricColumnHandle(UNIT, MetricColumnHandle.Kind.UNIT, Optional.empty(), VARCHAR));
        columns.add(new MetricColumnHandle(VALUE, MetricColumnHandle.Kind.VALUE, Optional.empty(), DOUBLE));
        return List.copyOf(columns);
    }

    public ConnectorTableMetadata metadata(Metric metric)
    {
        return new ConnectorTableMetadata(
                new SchemaTableName(SCHEMA, metric.name()),
                columns(metric).stream().map(column -> columnMetadata(metric, column)).toList(),
                Map.of(),
                Optional.of(comment(metric)));
    }

    public ColumnMetadata columnMetadata(Metric metric, MetricColumnHandle column)
    {
        return ColumnMetadata.builder()
                .setName(column.name())
                .setType(column.type())
                .setNullable(column.kind() != MetricColumnHandle.Kind.UNIT)
                .setComment(Optional.of(comment(metric, column)))
                .build();
    }

    private static String comment(Metric metric)
    {
        String better = metric.higherIsBetter().map(higher -> higher ? " Higher is better." : " Lower is better.").orElse("");
        return "%s In %s.%s A row is the metric at the grain of the columns grouped by: sum, avg, min, max or any_value of value in a GROUP BY computes it from its parts at that grain."
                .formatted(metric.description(), metric.unit(), better);
    }

    private String comment(Metric metric, MetricColumnHandle column)
    {
        return switch (column.kind()) {
            case DIMENSION -> {
                Dimension dimension = served.model().dimension(column.name()).orElseThrow();
                String synonyms = dimension.synonyms().isEmpty() ? "" : " Also called: " + String.join(", ", dimension.synonyms()) + ".";
                yield "The %s (%s.%s).%s".formatted(dimension.label(), dimension.table(), dimension.column(), synonyms);
            }
            // a truncation's column (date_trunc('year', month)) is the first day of its slice
            case TIME -> TimeColumn.of(column.name()).map(TimeColumn::comment).orElse("The first day of the %s.".formatted(column.group().orElseThrow().replace('_', ' ')));
            case UNIT -> "What value is measured in: %s.".formatted(metric.unit());
            case VALUE -> "The %s at the row's grain, in %s. Aggregated in a GROUP BY, it is computed again at that grain from its parts, never added up from finer rows."
                    .formatted(metric.label(), metric.unit());
        };
    }
}
