package dev.trinoai.jobs.ingest;

import dev.trinoai.jobs.AdvisoryLock;
import dev.trinoai.jobs.JobDatabase;
import dev.trinoai.jobs.Reconnect;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.jobs.SqlScripts.execute;
import static dev.trinoai.jobs.SqlScripts.resource;
import static java.util.Objects.requireNonNull;

/**
 * The ingest job: every source's files from the landing zone into staging and the star schema. The star tables the
 * mappings declare are created or migrated first. Each file is loaded in one transaction, once per version of itself
 * and of its mapping (tracked by path and the two SHA-256s), so a run that dies half-way leaves whole files loaded or
 * not at all, and the next run picks up the rest; a source whose mapping changed has its transform re-applied to all
 * its staging rows. The run ends with a data-quality report on the sources it loaded. A run whose connection is lost
 * (PostgreSQL restarted) starts again by itself on a new one, a few times (see {@link Reconnect}).
 */
public final class IngestJob
{
    // Two runs at once (the hourly schedule overlapping a manual run) would race on the same staging rows.
    private static final long LOCK_ID = 0x7269_6E67_6573_74L;

    private final JobDatabase database;
    private final LandingZone landing;
    private final List<SourceMapping> mappings;
    private final PrintStream progress;
    private final Reconnect reconnect;

    public IngestJob(JobDatabase database, LandingZone landing, List<SourceMapping> mappings, PrintStream progress)
    {
        this(database, landing, mappings, progress, Reconnect.DEFAULT);
    }

    public IngestJob(JobDatabase database, LandingZone landing, List<SourceMapping> mappings, PrintStream progress, Reconnect reconnect)
    {
        this.database = requireNonNull(database, "database is null");
        this.landing = requireNonNull(landing, "landing is null");
        this.mappings = List.copyOf(mappings);
        this.progress = requireNonNull(progress, "progress is null");
        this.reconnect = requireNonNull(reconnect, "reconnect is null");
    }

    /**
     * @param reload load every file again, even one whose checksum and mapping have not changed, and re-apply each
     *               source's transform to all its staging rows
     */
    public IngestSummary runOnce(boolean reload)
            throws SQLException, IOException
    {
        return reconnect.run("ingest", database, progress, connection -> attempt(connection, reload));
    }

    private IngestSummary attempt(Connection connection, boolean reload)
            throws SQLException, IOException
    {
        long start = System.nanoTime();
        try (AdvisoryLock lock = AdvisoryLock.tryAcquire(connection, LOCK_ID)
                .orElseThrow(() -> new IllegalStateException("another ingest run holds the lock on this database; try again when it has finished"))) {
            execute(connection, resource(IngestJob.class, "ingest-state.sql"));
            execute(connection, resource(IngestJob.class, "star-schema.sql"));
            Calendar.cover(connection, Calendar.FIRST_DAY, Calendar.LAST_DAY);
            Calendar.createFiscalCalendar(connection);
            List<String> schemaChanges = migrateStarTables(connection);
            lock.closeAbandonedRuns("staging.ingest_run");
            long runId = startRun(connection);
            List<FileResult> results = new ArrayList<>();
            List<SourceResult> reapplied = new ArrayList<>();
            List<QualityWarning> warnings = new ArrayList<>();
            for (SourceMapping mapping : mappings) {
                FileLoader loader = new FileLoader(mapping);
                loader.ensureStagingTable(connection);
                Optional<String> reapply = reload ? Optional.of("--reload") : reasonToReapply(connection, mapping);
                int loaded = 0;
                for (LandedFile file : landing.list(mapping.files())) {
                    FileResult result = loadFile(connection, mapping, loader, file, runId, reload, reapply.isEmpty());
                    results.add(result);
                    loaded += result.status() == FileResult.Status.LOADED ? 1 : 0;
                }
                if (reapply.isPresent()) {
                    reapplied.add(reapply(connection, mapping, loader, runId, reapply.get()));
                }
                else {
                    recordAppliedMapping(connection, mapping, runId);
                }
                if (loaded > 0 || reapply.isPresent()) {
                    warnings.addAll(qualityWarnings(connection, mapping));
                }
            }
            QualityReport.store(connection, runId, warnings);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            IngestSummary summary = new IngestSummary(runId, landing.location(), schemaChanges, results, reapplied, warnings, starRowCounts(connection), elapsed);
            finishRun(connection, summary);
            return summary;
        }
    }

    /**
     * A report that cannot be made is a warning itself: the rows it would have looked at are loaded already.
     */
    private static List<QualityWarning> qualityWarnings(Connection connection, SourceMapping mapping)
            throws SQLException
    {
        try {
            return QualityReport.check(connection, mapping);
        }
        catch (SQLException e) {
            if (Reconnect.lostConnection(e).isPresent()) {
                throw e;
            }
            return List.of(new QualityWarning(mapping.source(), "report_failed", "staging." + mapping.stagingTable(), 1, List.of(String.valueOf(e.getMessage()))));
        }
    }

    /**
     * All declared star tables at once, in one transaction: a refused change leaves the schema as it was.
     */
    private List<String> migrateStarTables(Connection connection)
            throws SQLException
    {
        connection.setAutoCommit(false);
        try {
            List<String> changes = StarTables.migrate(connection, mappings);
            connection.commit();
            changes.forEach(change -> progress.println("  " + change));
            return changes;
        }
        catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Why the source's transform must run over all its staging rows, if it must: its mapping file is not the version
     * every staging row went through (a source seen for the first time has no rows to re-apply it to).
     */
    private static Optional<String> reasonToReapply(Connection connection, SourceMapping mapping)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT (SELECT mapping_sha256 FROM staging.ingest_source WHERE source = ?), EXISTS (SELECT 1 FROM staging.ingest_file WHERE source = ?)
                """)) {
            statement.setString(1, mapping.source());
            statement.setString(2, mapping.source());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                String applied = rs.getString(1);
                if (applied == null) {
                    return rs.getBoolean(2) ? Optional.of("mapping changed (loaded before the job tracked mapping versions)") : Optional.empty();
                }
                return applied.equals(mapping.mappingSha256()) ? Optional.empty() : Optional.of("mapping changed");
            }
        }
    }

    private SourceResult reapply(Connection connection, SourceMapping mapping, FileLoader loader, long runId, String reason)
            throws SQLException
    {
        connection.setAutoCommit(false);
        try {
            long rows = loader.retransform(connection, nextLoadId(connection));
            recordAppliedMapping(connection, mapping, runId);
            connection.commit();
            return new SourceResult(mapping.source(), reason, rows, Optional.empty());
        }
        catch (SQLException | RuntimeException e) {
            if (Reconnect.lostConnection(e).isPresent()) {
                throw e;
            }
            connection.rollback();
            return new SourceResult(mapping.source(), reason, 0, Optional.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        finally {
            connection.setAutoCommit(true);
        }
    }

    private static void recordAppliedMapping(Connection connection, SourceMapping mapping, long runId)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO staging.ingest_source (source, mapping_file, mapping_sha256, run_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET mapping_file = EXCLUDED.mapping_file, mapping_sha256 = EXCLUDED.mapping_sha256, run_id = EXCLUDED.run_id, applied_at = now()
                WHERE staging.ingest_source.mapping_sha256 IS DISTINCT FROM EXCLUDED.mapping_sha256
                """)) {
            statement.setString(1, mapping.source());
            statement.setString(2, mapping.origin());
            statement.setString(3, mapping.mappingSha256());
            statement.setLong(4, runId);
            statement.executeUpdate();
        }
    }

    /**
     * @param transform run the transform over the rows this file changed; not when the source's transform is re-applied
     *                  to all its rows after its files
     */
    private FileResult loadFile(Connection connection, SourceMapping mapping, FileLoader loader, LandedFile file, long runId, boolean reload, boolean transform)
            throws IOException, SQLException
    {
        String sha256 = sha256(file);
        Optional<Loaded> loaded = loaded(connection, mapping.source(), file.path());
        String reason;
        if (loaded.isEmpty()) {
            reason = "new file";
        }
        else if (!loaded.get().sha256().equals(sha256)) {
            reason = "file changed";
        }
        else if (!mapping.mappingSha256().equals(loaded.get().mappingSha256())) {
            reason = "mapping changed";
        }
        else if (reload) {
            reason = "--reload";
        }
        else {
            return FileResult.unchanged(mapping.source(), file.path(), "same file and mapping as run %d".formatted(loaded.get().runId()));
        }
        connection.setAutoCommit(false);
        FileResult result;
        try {
            long loadId = nextLoadId(connection);
            try (InputStream content = landing.open(file)) {
                result = loader.load(connection, file, content, loadId, reason, transform, rows -> progress.printf(Locale.ROOT, "  %s: %,d rows read%n", file.path(), rows));
            }
            recordFile(connection, result, sha256, mapping.mappingSha256(), file.size(), loadId, runId);
            connection.commit();
        }
        catch (SQLException | IOException | RuntimeException e) {
            if (Reconnect.lostConnection(e).isPresent()) {
                // Not the file's fault, and nothing of it is kept: the server rolled its transaction back with the
                // session. The whole run stops, and the next attempt loads the file again.
                throw e;
            }
            connection.rollback();
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            recordUnreadableFile(connection, mapping.source(), file.path(), error);
            connection.commit();
            result = FileResult.failed(mapping.source(), file.path(), reason, error);
        }
        connection.setAutoCommit(true);
        return result;
    }

    private String sha256(LandedFile file)
            throws IOException
    {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(landing.open(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Loaded(String sha256, String mappingSha256, long runId) {}

    private static Optional<Loaded> loaded(Connection connection, String source, String path)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("SELECT sha256, mapping_sha256, run_id FROM staging.ingest_file WHERE source = ? AND path = ?")) {
            statement.setString(1, source);
            statement.setString(2, path);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Loaded(rs.getString(1), rs.getString(2), rs.getLong(3))) : Optional.empty();
            }
        }
    }

    private static void recordFile(Connection connection, FileResult result, String sha256, String mappingSha256, long size, long loadId, long runId)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO staging.ingest_file (source, path, sha256, size_bytes, load_id, run_id, rows_read, rows_inserted, rows_updated, rows_unchanged, rows_quarantined, mapping_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, path) DO UPDATE SET sha256 = EXCLUDED.sha256, mapping_sha256 = EXCLUDED.mapping_sha256, size_bytes = EXCLUDED.size_bytes, load_id = EXCLUDED.load_id, run_id = EXCLUDED.run_id,
                    loaded_at = now(), rows_read = EXCLUDED.rows_read, rows_inserted = EXCLUDED.rows_inserted, rows_updated = EXCLUDED.rows_updated,
                    rows_unchanged = EXCLUDED.rows_unchanged, rows_quarantined = EXCLUDED.rows_quarantined
                """)) {
            statement.setString(1, result.source());
            statement.setString(2, result.path());
            statement.setString(3, sha256);
            statement.setLong(4, size);
            statement.setLong(5, loadId);
            statement.setLong(6, runId);
            statement.setLong(7, result.read());
            statement.setLong(8, result.inserted());
            statement.setLong(9, result.updated());
            statement.setLong(10, result.unchanged());
            statement.setLong(11, result.quarantined());
            statement.setString(12, mappingSha256);
            statement.executeUpdate();
        }
    }

    /**
     * A file that could not be loaded at all leaves a line in the quarantine, so it is counted and visible; its rows
     * stay in the landing zone and load on a later run once it is fixed (its checksum is not recorded). Every run
     * tries it again, but a failure already in the quarantine is not added a second time.
     */
    private static void recordUnreadableFile(Connection connection, String source, String path, String error)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH failure (source, path, reason) AS (VALUES (?, ?, ?))
                INSERT INTO staging.quarantine (load_id, source, path, line, reason)
                SELECT nextval('staging.load_id_seq'), source, path, 0, reason FROM failure f
                WHERE NOT EXISTS (SELECT 1 FROM staging.quarantine q WHERE q.source = f.source AND q.path = f.path AND q.line = 0 AND q.reason = f.reason)
                """)) {
            statement.setString(1, source);
            statement.setString(2, path);
            statement.setString(3, FileLoader.storable("the file could not be loaded: " + error));
            statement.executeUpdate();
        }
    }

    private long startRun(Connection connection)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO staging.ingest_run (landing) VALUES (?) RETURNING run_id")) {
            statement.setString(1, landing.location());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void finishRun(Connection connection, IngestSummary summary)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE staging.ingest_run SET finished_at = now(), status = ?, files_loaded = ?, files_unchanged = ?, files_failed = ?,
                    rows_inserted = ?, rows_updated = ?, rows_unchanged = ?, rows_quarantined = ?
                WHERE run_id = ?
                """)) {
            statement.setString(1, summary.succeeded() ? "succeeded" : "failed");
            statement.setLong(2, summary.count(FileResult.Status.LOADED));
            statement.setLong(3, summary.count(FileResult.Status.UNCHANGED));
            statement.setLong(4, summary.count(FileResult.Status.FAILED));
            statement.setLong(5, summary.inserted());
            statement.setLong(6, summary.updated());
            statement.setLong(7, summary.unchanged());
            statement.setLong(8, summary.quarantined());
            statement.setLong(9, summary.runId());
            statement.executeUpdate();
        }
    }

    private static long nextLoadId(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT nextval('staging.load_id_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> starRowCounts(Connection connection)
            throws SQLException
    {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'star' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM star." + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
