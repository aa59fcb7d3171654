package dev.trinoai.jobs.ingest;

import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Checks a source mapping against the live database without loading a row: the tables and columns its references
 * name, its staging table as the mapping would make it, and its transform, planned by PostgreSQL ({@code EXPLAIN})
 * but not run. All of it happens in one transaction that is rolled back, so the database is left as it was.
 */
public final class MappingCheck
{
    private static final Pattern BLOCK = Pattern.compile("transform:\\s*[|>][-+0-9]*\\s*(#.*)?");

    private final Path file;
    private final SourceMapping mapping;
    private final List<String> lines;
    private final List<String> problems = new ArrayList<>();

    private MappingCheck(Path file, SourceMapping mapping)
    {
        this.file = requireNonNull(file, "file is null");
        this.mapping = requireNonNull(mapping, "mapping is null");
        try {
            this.lines = Files.readAllLines(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return each problem as {@code file: line N: what to fix}
     */
    public static List<String> problems(Path file, SourceMapping mapping, Connection connection)
            throws SQLException
    {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return new MappingCheck(file, mapping).check(connection);
        }
        finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private List<String> check(Connection connection)
            throws SQLException
    {
        for (ColumnMapping column : mapping.columns()) {
            column.references().ifPresent(reference -> {
                String[] target = reference.split("\\.");
                run(connection, lineOf(Pattern.quote(reference)), "SELECT %s FROM %s.%s LIMIT 0".formatted(target[2], target[0], target[1]), 0,
                        "column %s references %s, which the database does not have".formatted(column.name(), reference));
            });
        }
        boolean staged = run(connection, lineOf("staging_table\\s*:"), null, 0, "the staging table staging.%s cannot be made from the columns".formatted(mapping.stagingTable()));
        if (staged && mapping.transform().isPresent()) {
            int transformLine = lineOf("transform\\s*:");
            int firstLine = transformLine > 0 && BLOCK.matcher(lines.get(transformLine - 1).strip()).matches() ? transformLine + 1 : transformLine;
            // EXPLAIN plans each statement without running it; the load id is a number, as the job inlines it
            String transform = mapping.transform().get().replace(":load_id", "0");
            int start = 0;
            for (int end : statementEnds(transform)) {
                String statement = transform.substring(start, end);
                if (!statement.replaceAll("--[^\n]*", "").isBlank()) {
                    int line = firstLine + (int) transform.substring(0, start).chars().filter(c -> c == '\n').count();
                    run(connection, line, "EXPLAIN " + statement, "EXPLAIN ".length(), "the transform of source '%s' fails in PostgreSQL".formatted(mapping.source()));
                }
                start = end + 1;
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Runs the statement (or makes the staging table, for none) in a savepoint; a refusal is a problem at the line of
     * the statement the error points into, and the checks after it go on.
     */
    private boolean run(Connection connection, int line, String sql, int prefix, String what)
    {
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                if (sql == null) {
                    new FileLoader(mapping).ensureStagingTable(connection);
                }
                else {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(sql);
                    }
                }
                connection.releaseSavepoint(savepoint);
                return true;
            }
            catch (SQLException e) {
                connection.rollback(savepoint);
                problems.add("%s: line %d: %s: %s".formatted(file, line + linesBefore(sql, prefix, e), what, e.getMessage().lines().findFirst().orElse(e.toString())));
                return false;
            }
        }
        catch (SQLException e) {
            problems.add("%s: line %d: %s could not be checked: %s".formatted(file, line, what, e.getMessage()));
            return false;
        }
    }

    /**
     * Where each statement of the SQL ends: at a ';' outside quotes and comments, or at the end of the text.
     */
    static List<Integer> statementEnds(String sql)
    {
        List<Integer> ends = new ArrayList<>();
        boolean quoted = false;
        boolean comment = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (comment) {
                comment = c != '\n';
            }
            else if (c == '\'') {
                quoted = !quoted;
            }
            else if (!quoted && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                comment = true;
            }
            else if (!quoted && c == ';') {
                ends.add(i);
            }
        }
        ends.add(sql.length());
        return ends;
    }

    /**
     * How many lines of the statement come before the position PostgreSQL's error points at, so a misspelt column of a
     * transform is reported on its own line.
     */
    private static int linesBefore(String sql, int prefix, SQLException e)
    {
        if (sql == null || !(e instanceof PSQLException error) || error.getServerErrorMessage() == null || error.getServerErrorMessage().getPosition() <= prefix) {
            return 0;
        }
        int position = Math.min(error.getServerErrorMessage().getPosition() - 1, sql.length());
        return (int) sql.substring(prefix, position).chars().filter(c -> c == '\n').count();
    }

    private int lineOf(String regex)
    {
        Pattern pattern = Pattern.compile(regex);
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 1;
    }
}
