package dev.trinoai.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.VerifiedQuestion;
import dev.trinoai.core.plan.MetricQuery;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.type.Type;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * The tables of {@code ai.model}: the semantic model's metrics, dimensions and verified questions, so that a tool or a
 * person can see what can be asked. A verified question about values the caller may not see is not listed, as it is
 * neither matched nor offered by {@code ask()}.
 */
public final class ModelTables
{
    public static final String SCHEMA = "model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Column(String name, Type type, String comment) {}

    private record Table(String name, String comment, List<Column> columns, BiFunction<SemanticModel, AccessScope, List<List<Object>>> rows) {}

    private static final List<Table> TABLES = List.of(
            new Table("metrics", "The metrics of the semantic model; each is a table of ai.metrics.", List.of(
                    new Column("metric", VARCHAR, "The metric's name, and its table's in ai.metrics"),
                    new Column("label", VARCHAR, "How answers name it"),
                    new Column("description", VARCHAR, "What it means"),
                    new Column("unit", VARCHAR, "What it is measured in"),
                    new Column("higher_is_better", BOOLEAN, "Whether a higher value is better; null when neither is"),
                    new Column("default_period", VARCHAR, "The period ask() uses for a question that names none; null for every date"),
                    new Column("open_period", VARCHAR, "How it counts a period still in progress"),
                    new Column("whole_period", BOOLEAN, "Whether a period in progress is counted whole (a plan or a forecast)"),
                    new Column("dimensions", VARCHAR, "The dimensions it can be grouped and filtered by, comma-separated"),
                    new Column("synonyms", VARCHAR, "Other words for it in questions, comma-separated"),
                    new Column("sql", VARCHAR, "Its SQL aggregate over its fact table, aliased f")),
                    ModelTables::metricRows),
            new Table("dimensions", "What the metrics are grouped and filtered by.", List.of(
                    new Column("dimension", VARCHAR, "The dimension's name, and its column's in ai.metrics"),
                    new Column("label", VARCHAR, "How answers name it"),
                    new Column("source", VARCHAR, "The table and column of the star schema it is read from"),
                    new Column("synonyms", VARCHAR, "Other words for it in questions, comma-separated"),
                    new Column("metrics", VARCHAR, "The metrics that can be grouped and filtered by it, comma-separated")),
                    ModelTables::dimensionRows),
            new Table("verified_questions", "Questions whose plans a person has checked: a question that means the same gets the checked plan.", List.of(
                    new Column("question", VARCHAR, "The question"),
                    new Column("metrics", VARCHAR, "The metrics its plan computes, comma-separated"),
                    new Column("plan", VARCHAR, "Its plan as JSON")),
                    ModelTables::verifiedQuestionRows));

    private final ServedModel served;

    @Inject
    public ModelTables(ServedModel served)
    {
        this.served = requireNonNull(served, "served is null");
    }

    public List<SchemaTableName> list()
    {
        return TABLES.stream().map(table -> new SchemaTableName(SCHEMA, table.name())).toList();
    }

    public Optional<ModelTableHandle> handle(String name)
    {
        return TABLES.stream().filter(table -> table.name().equals(name)).findFirst().map(table -> new ModelTableHandle(table.name()));
    }

    public ConnectorTableMetadata metadata(ModelTableHandle handle)
    {
        Table table = table(handle);
        return new ConnectorTableMetadata(new SchemaTableName(SCHEMA, table.name()),
                table.columns().stream().map(column -> ColumnMetadata.builder().setName(column.name()).setType(column.type()).setComment(Optional.of(column.comment())).build()).toList(),
                Map.of(),
                Optional.of(table.comment()));
    }

    public List<ModelColumnHandle> columns(ModelTableHandle handle)
    {
        List<Column> columns = table(handle).columns();
        List<ModelColumnHandle> handles = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            handles.add(new ModelColumnHandle(columns.get(i).name(), i, columns.get(i).type()));
        }
        return handles;
    }

    public List<List<Object>> rows(ModelTableHandle handle, AccessScope access)
    {
        return table(handle).rows().apply(served.model(), access);
    }

    private static Table table(ModelTableHandle handle)
    {
        return TABLES.stream().filter(table -> table.name().equals(handle.table())).findFirst().orElseThrow(() -> new IllegalArgumentException("unknown table " + handle));
    }

    private static List<List<Object>> metricRows(SemanticModel model, AccessScope access)
    {
        return model.metrics().values().stream().map(metric -> Arrays.<Object>asList(
                metric.name(),
                metric.label(),
                metric.description(),
                metric.unit(),
                metric.higherIsBetter().orElse(null),
                metric.defaultPeriod().orElse(null),
                metric.openPeriod().orElse(null),
                metric.wholePeriod(),
                String.join(", ", dimensionsOf(model, metric)),
                String.join(", ", metric.synonyms()),
                metric.sql())).toList();
    }

    private static List<List<Object>> dimensionRows(SemanticModel model, AccessScope access)
    {
        return model.dimensions().values().stream().map(dimension -> Arrays.<Object>asList(
                dimension.name(),
                dimension.label(),
                dimension.table() + "." + dimension.column(),
                String.join(", ", dimension.synonyms()),
                String.join(", ", model.metrics().values().stream().filter(metric -> model.reaches(metric.table(), dimension)).map(Metric::name).toList()))).toList();
    }

    private static List<List<Object>> verifiedQuestionRows(SemanticModel model, AccessScope access)
    {
        return model.verifiedQuestions().stream()
                .filter(question -> access.admits(question.plan()))
                .map(question -> Arrays.<Object>asList(
                        question.question(),
                        String.join(", ", question.plan().metrics().stream().map(MetricQuery::metric).distinct().toList()),
                        json(question)))
                .toList();
    }

    private static List<String> dimensionsOf(SemanticModel model, Metric metric)
    {
        return model.dimensions().values().stream().filter(dimension -> model.reaches(metric.table(), dimension)).map(Dimension::name).toList();
    }

    private static String json(VerifiedQuestion question)
    {
        try {
            return JSON.writeValueAsString(question.plan());
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
