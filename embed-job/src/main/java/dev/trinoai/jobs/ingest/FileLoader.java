package dev.trinoai.jobs.ingest;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Loads one file of one source inside the caller's transaction: typed rows go to a temporary table (COPY), rows that
 * fail a reference check or the typing go to the quarantine, the rest are upserted into the source's staging table by
 * key (a row whose values did not change is left alone), and the source's transform upserts the star schema from the
 * rows this load changed.
 */
final class FileLoader
{
    private static final int COPY_CHUNK = 1 << 16;
    private static final int QUARANTINE_BATCH = 500;
    // A quarantined row keeps this much of its text: enough to see what was wrong with a huge line.
    private static final int MAX_RAW_LENGTH = 10_000;

    private final SourceMapping mapping;
    private final RowTyper typer;
    private final String stagingTable;
    private final List<String> columnNames;

    FileLoader(SourceMapping mapping)
    {
        this.mapping = requireNonNull(mapping, "mapping is null");
        this.typer = new RowTyper(mapping);
        this.stagingTable = "staging." + mapping.stagingTable();
        this.columnNames = mapping.columns().stream().map(ColumnMapping::name).toList();
    }

    /**
     * Creates the staging table from the mapping, and adds the columns a changed mapping gained.
     */
    void ensureStagingTable(Connection connection)
            throws SQLException
    {
        String columns = mapping.columns().stream()
                .map(column -> "%s %s".formatted(column.name(), column.type().sqlType()))
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS %s (%s, load_id bigint NOT NULL, source_file text NOT NULL, source_line integer NOT NULL, PRIMARY KEY (%s))"
                    .formatted(stagingTable, columns, String.join(", ", mapping.key())));
            for (ColumnMapping column : mapping.columns()) {
                statement.execute("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s".formatted(stagingTable, column.name(), column.type().sqlType()));
            }
        }
    }

    /**
     * @param transform whether to run the transform over the rows this load changed; not when the caller re-applies
     *                  it to every staging row of the source afterwards
     */
    FileResult load(Connection connection, LandedFile file, InputStream content, long loadId, String reason, boolean transform, Consumer<Long> progress)
            throws SQLException, IOException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE load_rows ON COMMIT DROP AS SELECT %s, source_line FROM %s WITH NO DATA"
                    .formatted(String.join(", ", columnNames), stagingTable));
        }
        Quarantine quarantine = new Quarantine(connection, loadId, file.path());
        long read;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY pg_temp.load_rows (%s, source_line) FROM STDIN".formatted(String.join(", ", columnNames)));
        try (RowWriter writer = new RowWriter(copy)) {
            read = readRecords(file, content, quarantine, writer, progress);
        }
        catch (RuntimeException | IOException | SQLException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                }
                catch (SQLException cancel) {
                    // the connection is gone (PostgreSQL restarted): what cut the COPY is the error to report
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
        checkReferences(connection, quarantine);
        quarantine.flush();
        long[] merged = merge(connection, loadId, file.path());
        if (transform) {
            transform(connection, loadId);
        }
        long accepted = read - quarantine.count();
        return new FileResult(mapping.source(), file.path(), FileResult.Status.LOADED, reason, read, merged[0], merged[1], accepted - merged[0] - merged[1], quarantine.count(), Optional.empty());
    }

    private long readRecords(LandedFile file, InputStream content, Quarantine quarantine, RowWriter writer, Consumer<Long> progress)
            throws IOException, SQLException
    {
        int[] keyIndexes = mapping.key().stream().mapToInt(columnNames::indexOf).toArray();
        Map<List<Object>, Integer> seenKeys = new HashMap<>();
        long[] read = {0};
        Utf8Reader text = new Utf8Reader(content);
        Consumer<RawRecord> consumer = record -> {
            read[0]++;
            if (read[0] % 50_000 == 0) {
                progress.accept(read[0]);
            }
            try {
                Optional<String> notUtf8 = text.notUtf8(record.line(), record.raw());
                if (notUtf8.isPresent()) {
                    quarantine.add(record.line(), notUtf8.get(), record.raw());
                    return;
                }
                switch (typer.type(record, file.path())) {
                    case RowTyper.Problem problem -> quarantine.add(record.line(), problem.reason(), record.raw());
                    case RowTyper.Row row -> {
                        List<Object> key = Arrays.stream(keyIndexes).mapToObj(index -> row.values()[index]).toList();
                        Integer first = seenKeys.putIfAbsent(key, record.line());
                        if (first != null) {
                            quarantine.add(record.line(), "duplicate key %s: the row at line %d has the same key".formatted(key, first), record.raw());
                        }
                        else {
                            writer.write(row.values(), record.line());
                        }
                    }
                }
            }
            catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        BufferedReader reader = new BufferedReader(text);
        try {
            switch (mapping.format()) {
                case CSV -> {
                    Optional<String> overflowHeader = mapping.csv().overflow().flatMap(mapping::column).map(column -> column.path().getFirst());
                    CsvRecords records = new CsvRecords(reader, mapping.csv(), overflowHeader);
                    checkHeader(records.header());
                    records.forEachRemaining(consumer);
                }
                case NDJSON -> JsonRecords.ndjson(reader).forEachRemaining(consumer);
                case JSON -> JsonRecords.document(reader, mapping.json(), consumer);
            }
        }
        catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sqlException) {
                throw sqlException;
            }
            throw e;
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return read[0];
    }

    /**
     * A header without a required column would quarantine every row for the same reason, and record the file as
     * loaded; rejecting the file instead keeps it in line for the next run, once the export or the mapping is fixed.
     */
    private void checkHeader(List<String> header)
    {
        List<String> missing = mapping.columns().stream()
                .filter(column -> column.required() && column.from() == ColumnMapping.Source.FIELD)
                .filter(column -> column.path().stream().noneMatch(header::contains))
                .map(column -> "'%s'".formatted(String.join("' or '", column.path())))
                .toList();
        if (!missing.isEmpty()) {
            String found = String.join(",", header);
            throw new IllegalArgumentException("the header has no column %s, which the mapping of source '%s' requires; the header is: %s. Add the column to the file, or name the export's column under path: in the mapping"
                    .formatted(String.join(", ", missing), mapping.source(), found.length() <= 200 ? found : found.substring(0, 200) + "..."));
        }
    }

    private void checkReferences(Connection connection, Quarantine quarantine)
            throws SQLException
    {
        for (ColumnMapping column : mapping.columns()) {
            if (column.references().isEmpty()) {
                continue;
            }
            String[] target = column.references().get().split("\\.");
            String sql = """
                    DELETE FROM pg_temp.load_rows l
                    WHERE l.%1$s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %2$s.%3$s r WHERE r.%4$s = l.%1$s)
                    RETURNING l.source_line, l.%1$s::text, row_to_json(l)::text
                    """.formatted(column.name(), target[0], target[1], target[2]);
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    quarantine.add(rs.getInt(1), "%s '%s' is not in %s".formatted(column.name(), rs.getString(2), column.references().get()), rs.getString(3));
                }
            }
        }
    }

    /**
     * Upserts the temporary rows into staging; returns {inserted, updated}.
     */
    private long[] merge(Connection connection, long loadId, String path)
            throws SQLException
    {
        List<String> values = columnNames.stream().filter(name -> !mapping.key().contains(name)).toList();
        String updates = values.stream().map(name -> "%1$s = EXCLUDED.%1$s".formatted(name)).collect(Collectors.joining(", "));
        String changed = values.isEmpty() ? "false" : "(%s) IS DISTINCT FROM (%s)".formatted(
                values.stream().map(name -> "s." + name).collect(Collectors.joining(", ")),
                values.stream().map(name -> "EXCLUDED." + name).collect(Collectors.joining(", ")));
        String sql = """
                WITH merged AS (
                    INSERT INTO %1$s AS s (%2$s, load_id, source_file, source_line)
                    SELECT %2$s, ?, ?, source_line FROM pg_temp.load_rows
                    ON CONFLICT (%3$s) DO UPDATE SET %4$s load_id = EXCLUDED.load_id, source_file = EXCLUDED.source_file, source_line = EXCLUDED.source_line
                    WHERE %5$s
                    RETURNING (xmax = 0) AS inserted)
                SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
                """.formatted(stagingTable, String.join(", ", columnNames), String.join(", ", mapping.key()), updates.isEmpty() ? "" : updates + ",", changed);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, loadId);
            statement.setString(2, path);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /**
     * Runs the transform over every staging row of the source, as one load: after its mapping changed, or on
     * {@code --reload}. Returns the number of staging rows.
     */
    long retransform(Connection connection, long loadId)
            throws SQLException
    {
        long rows;
        try (PreparedStatement statement = connection.prepareStatement("UPDATE %s SET load_id = ?".formatted(stagingTable))) {
            statement.setLong(1, loadId);
            rows = statement.executeUpdate();
        }
        transform(connection, loadId);
        return rows;
    }

    private void transform(Connection connection, long loadId)
            throws SQLException
    {
        if (mapping.transform().isEmpty()) {
            return;
        }
        Calendar.coverLoad(connection, mapping, loadId);
        // The load id is a number this job generated, never text from a file, so it is safe to inline.
        String sql = mapping.transform().get().replace(":load_id", Long.toString(loadId));
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new SQLException("the transform of source '%s' failed: %s".formatted(mapping.source(), e.getMessage()), e.getSQLState(), e);
        }
    }

    /**
     * The text with each NUL shown as U+2400 (␀): PostgreSQL text cannot hold NUL, and a quarantine row that failed
     * on one would fail the whole file.
     */
    static String storable(String text)
    {
        return text.replace('\0', '\u2400');
    }

    /**
     * Writes rows in COPY's text format, in chunks.
     */
    private static final class RowWriter
            implements AutoCloseable
    {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(COPY_CHUNK + 1024);

        RowWriter(CopyIn copy)
        {
            this.copy = copy;
        }

        void write(Object[] values, int line)
                throws SQLException
        {
            for (Object value : values) {
                append(value);
                buffer.append('\t');
            }
            buffer.append(line).append('\n');
            if (buffer.length() >= COPY_CHUNK) {
                flush();
            }
        }

        private void append(Object value)
        {
            if (value == null) {
                buffer.append("\\N");
                return;
            }
            String text = switch (value) {
                case BigDecimal decimal -> decimal.toPlainString();
                case Boolean bool -> bool ? "t" : "f";
                default -> value.toString();
            };
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }

        private void flush()
                throws SQLException
        {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public void close()
                throws SQLException
        {
            flush();
            copy.endCopy();
        }
    }

    /**
     * Quarantined rows of this load. They are written after the COPY, which holds the connection while it runs.
     */
    private final class Quarantine
    {
        private final PreparedStatement insert;
        private final long loadId;
        private final String path;
        private final List<Object[]> pending = new ArrayList<>();
        private long count;

        Quarantine(Connection connection, long loadId, String path)
                throws SQLException
        {
            // The same file read again (its mapping changed, or --reload) quarantines the same rows again: they are
            // in the quarantine once.
            this.insert = connection.prepareStatement("""
                    INSERT INTO staging.quarantine (load_id, source, path, line, reason, raw)
                    SELECT * FROM (VALUES (?::bigint, ?, ?, ?::integer, ?, ?)) AS r (load_id, source, path, line, reason, raw)
                    WHERE NOT EXISTS (SELECT 1 FROM staging.quarantine q
                                      WHERE q.source = r.source AND q.path = r.path AND q.line = r.line AND q.reason = r.reason AND q.raw IS NOT DISTINCT FROM r.raw)
                    """);
            this.loadId = loadId;
            this.path = path;
        }

        void add(int line, String reason, String raw)
        {
            count++;
            pending.add(new Object[] {line, storable(reason), raw == null ? null : storable(raw.length() <= MAX_RAW_LENGTH ? raw : raw.substring(0, MAX_RAW_LENGTH))});
        }

        long count()
        {
            return count;
        }

        void flush()
                throws SQLException
        {
            int batched = 0;
            for (Object[] row : pending) {
                insert.setLong(1, loadId);
                insert.setString(2, mapping.source());
                insert.setString(3, path);
                insert.setInt(4, (Integer) row[0]);
                insert.setString(5, (String) row[1]);
                insert.setString(6, (String) row[2]);
                insert.addBatch();
                if (++batched % QUARANTINE_BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            pending.clear();
        }
    }
}
