package dev.trinoai.jobs.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.trinoai.jobs.SqlScripts.execute;

/**
 * Creates the star tables the mappings declare and migrates them when a mapping changes: a new table or a new column
 * is added, a column that is no longer required drops its NOT NULL. Anything else (a column gone, a new type, a new
 * primary key, a constraint on an existing column, a required column added to a table with rows) would drop or
 * rewrite stored data, so the whole change is refused, naming the mapping file, before anything is applied.
 */
final class StarTables
{
    private StarTables() {}

    /**
     * Brings the declared tables up to date inside the caller's transaction, and grants them to the product's roles.
     *
     * @return what was done, a line per table changed
     */
    static List<String> migrate(Connection connection, List<SourceMapping> mappings)
            throws SQLException
    {
        List<String> problems = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (Declared declared : dependencyOrder(mappings)) {
            StarTable table = declared.table();
            Optional<Map<String, Existing>> existing = existingColumns(connection, table.name());
            if (existing.isEmpty()) {
                List<String> definitions = new ArrayList<>(table.columns().stream().map(StarTable.Column::definition).toList());
                if (!table.primaryKey().isEmpty()) {
                    definitions.add("PRIMARY KEY (%s)".formatted(String.join(", ", table.primaryKey())));
                }
                statements.add("CREATE TABLE star.%s (%s)".formatted(table.name(), String.join(", ", definitions)));
                table.columns().stream().filter(column -> column.references().isPresent() && !table.primaryKey().equals(List.of(column.name())))
                        .forEach(column -> statements.add("CREATE INDEX %1$s_%2$s ON star.%1$s (%2$s)".formatted(table.name(), column.name())));
                statements.add(grants(table.name()));
                changes.add("created star.%s (%d columns) declared in %s".formatted(table.name(), table.columns().size(), declared.mapping().origin()));
                continue;
            }
            List<String> tableProblems = new ArrayList<>();
            List<String> tableStatements = new ArrayList<>();
            Map<String, Existing> columns = existing.get();
            Set<String> declaredNames = table.columns().stream().map(StarTable.Column::name).collect(Collectors.toSet());
            columns.keySet().stream().filter(name -> !declaredNames.contains(name))
                    .forEach(name -> tableProblems.add("column '%s' is in the database but no longer declared; the job drops nothing: declare it again, or drop it by hand (ALTER TABLE star.%s DROP COLUMN %s) if its data can go"
                            .formatted(name, table.name(), name)));
            List<String> primaryKey = primaryKey(connection, table.name());
            if (!primaryKey.equals(table.primaryKey())) {
                tableProblems.add("the primary key is (%s) in the database and (%s) in the mapping; the job does not change keys".formatted(String.join(", ", primaryKey), String.join(", ", table.primaryKey())));
            }
            boolean hasRows = hasRows(connection, table.name());
            for (StarTable.Column column : table.columns()) {
                Existing current = columns.get(column.name());
                if (current == null) {
                    if ((column.required() || column.identity()) && hasRows) {
                        tableProblems.add("new column '%s' is required, but star.%s has rows that have no value for it: add it without required: true, fill it, then make it required by hand"
                                .formatted(column.name(), table.name()));
                    }
                    tableStatements.add("ALTER TABLE star.%s ADD COLUMN %s".formatted(table.name(), column.definition()));
                    continue;
                }
                if (!current.type().equals(column.sqlType().orElseThrow()) || current.identity() != column.identity()) {
                    tableProblems.add("column '%s' is %s in the database and %s in the mapping; the job does not change types"
                            .formatted(column.name(), current.describe(), column.type()));
                }
                if (current.unique() != column.unique() || !current.references().equals(column.references())) {
                    tableProblems.add("column '%s' has other constraints in the database (unique: %s, references: %s) than in the mapping (unique: %s, references: %s); the job sets constraints only on new columns"
                            .formatted(column.name(), current.unique(), current.references().orElse("none"), column.unique(), column.references().orElse("none")));
                }
                if (column.required() && !current.notNull()) {
                    tableProblems.add("column '%s' became required; the job does not tighten columns: ALTER TABLE star.%s ALTER COLUMN %s SET NOT NULL by hand once every row has a value"
                            .formatted(column.name(), table.name(), column.name()));
                }
                if (!column.required() && !column.identity() && current.notNull() && !table.primaryKey().contains(column.name())) {
                    tableStatements.add("ALTER TABLE star.%s ALTER COLUMN %s DROP NOT NULL".formatted(table.name(), column.name()));
                }
            }
            if (!tableProblems.isEmpty()) {
                problems.add("star table '%s' declared in %s: %s".formatted(table.name(), declared.mapping().origin(), String.join("; ", tableProblems)));
            }
            else if (!tableStatements.isEmpty()) {
                statements.addAll(tableStatements);
                statements.add(grants(table.name()));
                changes.add("migrated star.%s: %s (declared in %s)".formatted(table.name(), String.join("; ", tableStatements), declared.mapping().origin()));
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException("refused to migrate the star schema, nothing was changed: " + String.join(" | ", problems));
        }
        for (String statement : statements) {
            execute(connection, statement);
        }
        return changes;
    }

    /**
     * The grants of etc/postgres/roles.sql for a table made after it ran: the jobs' tables are created by whichever
     * login runs them, and the default privileges there cover only tables the writer role itself creates.
     */
    static String grants(String table)
    {
        return """
                DO $$
                BEGIN
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'trino_ai_reader') THEN
                        GRANT SELECT ON star.%1$s TO trino_ai_reader;
                    END IF;
                    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'trino_ai_writer') THEN
                        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON star.%1$s TO trino_ai_writer;
                    END IF;
                END
                $$""".formatted(table);
    }

    private record Declared(SourceMapping mapping, StarTable table) {}

    /**
     * The tables a declared table references come first, so its foreign keys can be created.
     */
    private static List<Declared> dependencyOrder(List<SourceMapping> mappings)
    {
        Map<String, Declared> pending = new LinkedHashMap<>();
        for (SourceMapping mapping : mappings) {
            for (StarTable table : mapping.starTables()) {
                pending.put(table.name(), new Declared(mapping, table));
            }
        }
        List<Declared> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            Declared next = pending.values().stream()
                    .filter(declared -> referencedTables(declared.table()).stream().noneMatch(name -> pending.containsKey(name) && !name.equals(declared.table().name())))
                    .findFirst()
                    .orElseThrow(() -> new MappingException("the declared star tables %s reference each other in a cycle; one of the references must go".formatted(pending.keySet())));
            pending.remove(next.table().name());
            ordered.add(next);
        }
        return ordered;
    }

    private static List<String> referencedTables(StarTable table)
    {
        return table.columns().stream().flatMap(column -> column.references().stream()).map(reference -> reference.split("\\.")[1]).toList();
    }

    private record Existing(String type, boolean notNull, boolean identity, boolean unique, Optional<String> references)
    {
        String describe()
        {
            return identity ? "identity" : type;
        }
    }

    private static Optional<Map<String, Existing>> existingColumns(Connection connection, String table)
            throws SQLException
    {
        Map<String, Existing> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity <> '',
                       EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conrelid = c.oid AND u.contype = 'u' AND u.conkey = ARRAY[a.attnum]),
                       (SELECT rn.nspname || '.' || rc.relname || '.' || ra.attname
                        FROM pg_constraint f JOIN pg_class rc ON rc.oid = f.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                        JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = f.confkey[1]
                        WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.conkey = ARRAY[a.attnum] LIMIT 1)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = 'star' AND c.relname = ? AND c.relkind = 'r'
                ORDER BY a.attnum
                """)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new Existing(rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), Optional.ofNullable(rs.getString(6))));
                }
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
    }

    private static List<String> primaryKey(Connection connection, String table)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname
                FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, position)
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                WHERE n.nspname = 'star' AND c.relname = ? AND p.contype = 'p'
                ORDER BY k.position
                """)) {
            statement.setString(1, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            return columns;
        }
    }

    private static boolean hasRows(Connection connection, String table)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM star.%s)".formatted(table))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
