package dev.trinoai.core.sql;

import dev.trinoai.core.AskException;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.ModelProblem;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TableSpec;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.plan.MetricQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.trinoai.core.AskFailure.DATABASE_NOT_READY;
import static dev.trinoai.core.model.SemanticModel.FACT_ALIAS;
import static java.util.Objects.requireNonNull;

/**
 * Checks a semantic model against the live database: its tables and columns exist, its joins compare columns of
 * comparable types, and each metric's SQL is accepted by PostgreSQL. Every statement reads no row ({@code LIMIT 0}) in
 * a read-only transaction that is rolled back, so the check is safe against production.
 */
public final class SchemaCheck
{
    private final SemanticModel model;
    private final Connection connection;
    private final LocalDate asOf;
    private final List<ModelProblem> problems = new ArrayList<>();

    private SchemaCheck(SemanticModel model, Connection connection, LocalDate asOf)
    {
        this.model = requireNonNull(model, "model is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.asOf = requireNonNull(asOf, "asOf is null");
    }

    /**
     * @param asOf the day the metrics' periods resolve against, as a question asked that day would
     * @throws AskException {@link dev.trinoai.core.AskFailure#DATABASE_NOT_READY} when the schema has none of the
     *     model's tables: a database not loaded yet, which a model cannot be checked against
     */
    public static List<ModelProblem> problems(SemanticModel model, Connection connection, LocalDate asOf)
            throws SQLException
    {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ ONLY");
            }
            return new SchemaCheck(model, connection, asOf).check();
        }
        finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private List<ModelProblem> check()
            throws SQLException
    {
        Map<String, Set<String>> columns = columns();
        if (model.tables().keySet().stream().noneMatch(columns::containsKey)) {
            // not a model's mistake but a database not loaded yet, as before the first ingest
            throw new AskException(DATABASE_NOT_READY, "The schema %s of the database has none of the tables of the semantic model %s (%s): load it first (scripts/jobs.sh ingest), then check the model again"
                    .formatted(model.schema(), model.source(), String.join(", ", model.tables().keySet())));
        }
        Set<String> present = new LinkedHashSet<>();
        for (TableSpec table : model.tables().values()) {
            Set<String> found = columns.get(table.name());
            if (found == null) {
                problem(table.line(), "table %s is not in the schema %s of the database (its tables: %s); create it, or correct the name".formatted(table.name(), model.schema(), String.join(", ", columns.keySet())));
                continue;
            }
            present.add(table.name());
            table.key().ifPresent(key -> column(found, table.name(), key, table.line(), "the key of table " + table.name()));
            table.joins().keySet().forEach(target -> column(found, table.name(), table.joins().get(target), table.line(), "the join of table %s to %s".formatted(table.name(), target)));
            table.date().ifPresent(date -> {
                if (date.matches("[a-z_][a-z0-9_]*")) {
                    column(found, table.name(), date, table.line(), "the date of table " + table.name());
                }
            });
        }
        for (TableSpec table : model.tables().values()) {
            if (!present.contains(table.name())) {
                continue;
            }
            table.date().ifPresent(date -> statement(table.line(), "the date of table " + table.name(), "SELECT %s FROM %s %s LIMIT 0".formatted(table.dateSql().orElseThrow(), qualified(table.name()), FACT_ALIAS), List.of()));
            for (Map.Entry<String, String> join : table.joins().entrySet()) {
                TableSpec target = model.tables().get(join.getKey());
                if (present.contains(target.name()) && columns.get(target.name()).contains(target.key().orElseThrow()) && columns.get(table.name()).contains(join.getValue())) {
                    statement(table.line(), "the join of table %s to %s".formatted(table.name(), target.name()), "SELECT 1 FROM %s %s JOIN %s j ON j.%s = %s.%s LIMIT 0"
                            .formatted(qualified(table.name()), FACT_ALIAS, qualified(target.name()), target.key().orElseThrow(), FACT_ALIAS, join.getValue()), List.of());
                }
            }
        }
        for (Dimension dimension : model.dimensions().values()) {
            if (present.contains(dimension.table())) {
                column(columns.get(dimension.table()), dimension.table(), dimension.column(), dimension.line(), "dimension " + dimension.name());
            }
        }
        for (TextSource source : model.textSources().values()) {
            if (present.contains(source.table())) {
                Set<String> found = columns.get(source.table());
                column(found, source.table(), source.id(), source.line(), "the id of text source " + source.name());
                column(found, source.table(), source.title(), source.line(), "the title of text source " + source.name());
                source.text().forEach(text -> column(found, source.table(), text, source.line(), "the text of text source " + source.name()));
            }
        }
        SqlCompiler compiler = new SqlCompiler(model);
        for (Metric metric : model.metrics().values()) {
            if (!present.contains(metric.table())) {
                continue;
            }
            CompiledQuery compiled;
            try {
                compiled = compiler.compile(new MetricQuery(metric.name(), List.of(), Map.of(), metric.defaultPeriod().orElse(null), null, null, null), asOf, 1, AccessScope.ALL);
            }
            catch (RuntimeException e) {
                problem(metric.line(), "metric %s does not compile: %s".formatted(metric.name(), e.getMessage()));
                continue;
            }
            statement(metric.line(), "the SQL of metric " + metric.name(), "SELECT * FROM (%s) AS checked LIMIT 0".formatted(compiled.sql()), compiled.parameters());
        }
        return List.copyOf(problems);
    }

    private Map<String, Set<String>> columns()
            throws SQLException
    {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
            statement.setString(1, model.schema());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), table -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
        }
        return columns;
    }

    private void column(Set<String> columns, String table, String column, int line, String what)
    {
        if (!columns.contains(column)) {
            problem(line, "%s names column %s, which table %s.%s does not have (its columns: %s)".formatted(what, column, model.schema(), table, String.join(", ", columns)));
        }
    }

    /**
     * Runs the statement, which returns no row, in a savepoint: a statement PostgreSQL refuses is a problem, and the
     * checks after it go on.
     */
    private void statement(int line, String what, String sql, List<Object> parameters)
    {
        try {
            Savepoint savepoint = connection.setSavepoint();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                statement.executeQuery().close();
                connection.releaseSavepoint(savepoint);
            }
            catch (SQLException e) {
                connection.rollback(savepoint);
                problem(line, "%s fails in PostgreSQL: %s".formatted(what, e.getMessage().lines().findFirst().orElse(e.toString())));
            }
        }
        catch (SQLException e) {
            problem(line, "%s could not be checked: %s".formatted(what, e.getMessage()));
        }
    }

    private String qualified(String table)
    {
        return model.schema() + "." + table;
    }

    private void problem(int line, String message)
    {
        problems.add(new ModelProblem(model.source(), line, message));
    }
}
