package dev.trinoai.jobs;

import dev.trinoai.core.TestingPostgresCluster;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.CountingModel;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
import dev.trinoai.jobs.embed.EmbedSummary;
import dev.trinoai.jobs.embed.TestingSemanticModel;
import dev.trinoai.jobs.ingest.FileResult;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.IngestSummary;
import dev.trinoai.jobs.ingest.LandedFile;
import dev.trinoai.jobs.ingest.LandingZone;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * PostgreSQL restarted (fast: open connections cut, the server back a moment later) while the ingest job loads the
 * seed-42 sample and while the embed job embeds it. A run the restart cuts either fails with one line that names the
 * database and says to run again, or, allowed to reconnect, rides it out; either way the next run resumes, and the
 * tables end up exactly as after the same work done with no restart: no row twice, no row missing, and the run history
 * tells the failed run from the one that completed. On a cluster of the test's own: the shared server is never
 * restarted.
 */
@TestInstance(PER_CLASS)
@Tag("security")
final class TestJobsSurvivePostgresRestart
{
    private static final Path SOURCES = Path.of("../etc/ingest/sources");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    // The sample's largest file: the restart comes half-way through its COPY, the most work a restart can undo.
    private static final String CUT_FILE = "incidents.ndjson";
    // Of the three batches of the risks and OKRs, the first is committed before the restart, the second is cut.
    private static final int CUT_CALL = 2;
    private static final Reconnect QUICKLY = new Reconnect(3, Duration.ofMillis(200));
    /**
     * Surrogate keys come from sequences, and a value taken by a transaction the restart rolled back is not given back:
     * the rows of the file it cut get other keys than in the reference load. A row is what its code and values say,
     * so a reference to a dimension is compared by the code it points to.
     */
    private static final Map<String, String> CODE_OF_KEY = Map.of(
            "program_key", "(SELECT program_code FROM star.dim_program d WHERE d.program_key = t.program_key)",
            "project_key", "(SELECT project_code FROM star.dim_project d WHERE d.project_key = t.project_key)",
            "team_key", "(SELECT team_code FROM star.dim_team d WHERE d.team_key = t.team_key)");
    // The job's own bookkeeping, which differs between two loads of the same files by design: ids and times.
    private static final List<String> BOOKKEEPING = List.of("load_id", "run_id", "loaded_at", "quarantine_id", "quarantined_at", "applied_at", "found_at");
    // Everything a chunk holds but the time it was written (its tsv is computed from its title and content).
    private static final String CHUNK = "row(model_id, source, source_id, chunk, title, content, content_hash, text_hash, metadata, embedding)::text";

    @TempDir
    static Path landing;

    private TestingPostgresCluster cluster;
    private LocalEmbeddingModel local;
    private SemanticModel model;
    private JobDatabase reference;
    private int referenceCalls;
    private final AtomicInteger restarts = new AtomicInteger();

    @BeforeAll
    void loadTheReferenceWithoutRestart()
            throws Exception
    {
        new SampleGenerator(42, LocalDate.of(2026, 11, 25), 1).writeTo(landing);
        cluster = new TestingPostgresCluster();
        local = LocalEmbeddingModel.load(2);
        model = TestingSemanticModel.risksAndOkrs();
        reference = createDatabase("reference");
        assertThat(ingest(reference, new LocalLandingZone(landing), Reconnect.NEVER, QUIET).count(FileResult.Status.FAILED)).isZero();
        CountingModel counting = new CountingModel(local);
        assertThat(embed("ask_reference", counting, Reconnect.NEVER, QUIET).succeeded()).isTrue();
        referenceCalls = counting.calls();
        System.out.printf("reference: the sample loaded and its risks and OKRs embedded in %d model calls, with no restart%n", referenceCalls);
    }

    @AfterAll
    void stopTheCluster()
    {
        local.close();
        cluster.close();
    }

    @Test
    void anIngestRunCutByARestartFailsSayingWhatToDoAndTheNextRunLoadsExactlyTheRest()
            throws Exception
    {
        JobDatabase database = createDatabase("ingest_run_again");
        LandingZone zone = new RestartingLandingZone(new LocalLandingZone(landing), CUT_FILE);
        int before = restarts.get();

        assertThatThrownBy(() -> ingest(database, zone, Reconnect.NEVER, QUIET))
                .isInstanceOf(SQLException.class)
                .satisfies(failure -> assertThat(failure.getMessage()).satisfies(this::saysWhereAndWhatToDo));
        assertThat(restarts.get() - before).as("restarts that hit the run").isEqualTo(1);
        assertThat(query(database, "SELECT path FROM staging.ingest_file ORDER BY path")).as("the files committed before the cut, not the one it cut")
                .isNotEmpty().doesNotContain(CUT_FILE);
        assertNoLockLeftHeld(database);

        // run again, as whoever reads that line would
        IngestSummary again = ingest(database, zone, Reconnect.NEVER, QUIET);

        assertThat(again.count(FileResult.Status.FAILED)).isZero();
        assertThat(again.count(FileResult.Status.UNCHANGED)).as("files the cut run committed").isPositive();
        assertThat(again.files()).filteredOn(file -> file.path().equals(CUT_FILE)).singleElement()
                .satisfies(file -> assertThat(file.status()).isEqualTo(FileResult.Status.LOADED));
        assertSameLoadAsTheReference(database);
        assertThat(query(database, "SELECT status || ' ' || coalesce(error, '') FROM staging.ingest_run ORDER BY run_id"))
                .containsExactly("failed stopped before it finished (its connection to the database was lost, or its process ended); a later run resumed its work", "succeeded ");
    }

    @Test
    void anIngestRunCutByARestartReconnectsAndCompletesByItself()
            throws Exception
    {
        JobDatabase database = createDatabase("ingest_reconnect");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int before = restarts.get();

        IngestSummary summary = ingest(database, new RestartingLandingZone(new LocalLandingZone(landing), CUT_FILE), QUICKLY, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(restarts.get() - before).as("restarts that hit the run").isEqualTo(1);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("ingest lost its connection to PostgreSQL at " + database.url(), "reconnecting in 0.2 s (attempt 2 of 3)");
        assertThat(summary.count(FileResult.Status.FAILED)).isZero();
        assertSameLoadAsTheReference(database);
        assertThat(query(database, "SELECT status FROM staging.ingest_run ORDER BY run_id")).containsExactly("failed", "succeeded");
    }

    @Test
    void anEmbedRunCutByARestartFailsSayingWhatToDoAndTheNextRunEmbedsExactlyTheRest()
            throws Exception
    {
        String schema = "ask_run_again";
        int before = restarts.get();

        assertThatThrownBy(() -> embed(schema, new CountingModel(local, LocalEmbeddingModel.ID, restartOnCall(CUT_CALL)), Reconnect.NEVER, QUIET))
                .isInstanceOf(SQLException.class)
                .satisfies(failure -> assertThat(failure.getMessage()).satisfies(this::saysWhereAndWhatToDo));
        assertThat(restarts.get() - before).as("restarts that hit the run").isEqualTo(1);
        long committed = Long.parseLong(query(reference, "SELECT count(*) FROM %s.text_chunk".formatted(schema)).getFirst());
        assertThat(committed).as("chunks of the batches committed before the restart").isGreaterThanOrEqualTo((long) (CUT_CALL - 1) * local.maxBatchSize());
        assertNoLockLeftHeld(reference);

        CountingModel again = new CountingModel(local);
        EmbedSummary resumed = embed(schema, again, Reconnect.NEVER, QUIET);

        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.skipped()).isEqualTo(committed);
        assertThat(resumed.embedded() + resumed.reused()).isEqualTo(resumed.scanned() - committed);
        assertSameChunksAsTheReference(schema);
        assertThat(query(reference, "SELECT status FROM %s.embed_run ORDER BY run_id".formatted(schema))).containsExactly("failed", "succeeded");

        CountingModel third = new CountingModel(local);
        EmbedSummary nothingLeft = embed(schema, third, Reconnect.NEVER, QUIET);
        assertThat(third.calls()).isZero();
        assertThat(nothingLeft.skipped()).isEqualTo(nothingLeft.scanned());
    }

    @Test
    void anEmbedRunCutByARestartReconnectsAndCompletesByItself()
            throws Exception
    {
        String schema = "ask_reconnect";
        CountingModel counting = new CountingModel(local, LocalEmbeddingModel.ID, restartOnCall(CUT_CALL));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int before = restarts.get();

        EmbedSummary summary = embed(schema, counting, QUICKLY, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(restarts.get() - before).as("restarts that hit the run").isEqualTo(1);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("embed lost its connection to PostgreSQL at " + reference.url(), "reconnecting in 0.2 s (attempt 2 of 3)");
        assertThat(summary.succeeded()).isTrue();
        // the batch whose write the restart cut is the only work done twice
        assertThat(counting.calls()).isEqualTo(referenceCalls + 1);
        assertSameChunksAsTheReference(schema);
        assertThat(query(reference, "SELECT status FROM %s.embed_run ORDER BY run_id".formatted(schema))).containsExactly("failed", "succeeded");
    }

    private void saysWhereAndWhatToDo(String message)
    {
        System.out.println("the run the restart cut: " + message);
        assertThat(message)
                .matches("(ingest|embed) lost its connection to PostgreSQL at jdbc:postgresql://127\\.0\\.0\\.1:\\d+/\\w+ \\(SQLSTATE (08\\d\\d\\d|57P0\\d): [^)]+\\); "
                        + "what it committed is kept: run it again and it resumes where it stopped \\(with --every, the next run does\\)")
                .doesNotContain(cluster.superuserPassword());
    }

    // the server ends the cut session, and its advisory lock with it: nothing stops the next run
    private static void assertNoLockLeftHeld(JobDatabase database)
    {
        assertThat(query(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
    }

    /**
     * Staging and star, table by table and row by row, against the reference load: the file ledger (every file with
     * its checksum and row counts), the quarantine, the staging and star tables. The bookkeeping of the load (which
     * run, which load id, when) is left out, and so are surrogate keys (see {@link #CODE_OF_KEY}).
     */
    private void assertSameLoadAsTheReference(JobDatabase database)
    {
        String tables = "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('staging', 'star') AND table_type = 'BASE TABLE' AND table_name <> 'ingest_run' ORDER BY 1";
        List<String> names = query(reference, tables);
        assertThat(query(database, tables)).isEqualTo(names);
        long rows = 0;
        for (String table : names) {
            String rowsOfTable = canonicalRows(table);
            List<String> expected = query(reference, rowsOfTable);
            assertThat(query(database, rowsOfTable)).as(table).isEqualTo(expected);
            rows += expected.size();
        }
        System.out.printf("%s: %d tables, %,d rows equal to the reference load%n", database.url(), names.size(), rows);
    }

    private String canonicalRows(String table)
    {
        String[] name = table.split("\\.");
        List<String> columns = query(reference, """
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = '%s' AND table_name = '%s' AND coalesce(column_default, '') NOT LIKE 'nextval(%%'
                ORDER BY ordinal_position
                """.formatted(name[0], name[1]));
        String values = columns.stream()
                .filter(column -> !BOOKKEEPING.contains(column))
                .map(column -> CODE_OF_KEY.getOrDefault(column, "t." + column))
                .collect(Collectors.joining(", "));
        return "SELECT row(%s)::text FROM %s t ORDER BY 1".formatted(values, table);
    }

    private void assertSameChunksAsTheReference(String schema)
    {
        List<String> expected = query(reference, "SELECT %s FROM ask_reference.text_chunk ORDER BY 1".formatted(CHUNK));
        assertThat(query(reference, "SELECT %s FROM %s.text_chunk ORDER BY 1".formatted(CHUNK, schema))).isEqualTo(expected);
        System.out.printf("%s: %,d chunks equal to the reference run, vectors included%n", schema, expected.size());
    }

    private JobDatabase createDatabase(String name)
    {
        cluster.execute("postgres", "CREATE DATABASE " + name);
        cluster.execute(name, "CREATE SCHEMA staging", "CREATE SCHEMA star");
        return new JobDatabase(cluster.jdbcUrl(name), Optional.of(TestingPostgresCluster.SUPERUSER), Optional.of(cluster.superuserPassword()));
    }

    private IngestSummary ingest(JobDatabase database, LandingZone zone, Reconnect reconnect, PrintStream progress)
            throws Exception
    {
        return new IngestJob(database, zone, SourceMappings.load(SOURCES), progress, reconnect).runOnce(false);
    }

    /**
     * An embed run over the star schema of the reference load, into a schema of the test's own.
     */
    private EmbedSummary embed(String schema, CountingModel embeddings, Reconnect reconnect, PrintStream progress)
            throws Exception
    {
        EmbedOptions options = EmbedOptions.defaults().withSchema(schema).withRetries(1, Duration.ZERO).withReconnect(reconnect);
        return new EmbedJob(reference, model, embeddings, options, new Chunker(Chunker.DEFAULT_MAX_CHARS), progress).runOnce().orElseThrow();
    }

    /**
     * The model never fails: the cluster restarts while it computes the given call's batch, so the job finds its
     * connection cut when it writes that batch.
     */
    private IntPredicate restartOnCall(int cut)
    {
        return call -> {
            if (call == cut) {
                restart();
            }
            return false;
        };
    }

    private void restart()
    {
        cluster.restart();
        restarts.incrementAndGet();
    }

    private static List<String> query(JobDatabase database, String sql)
    {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sample's landing zone, restarting the cluster once, half-way through the load of one file (the second time
     * it is opened: the first read computes its checksum).
     */
    private final class RestartingLandingZone
            implements LandingZone
    {
        private final LandingZone files;
        private final String cut;
        private int opened;
        private boolean restarted;

        RestartingLandingZone(LandingZone files, String cut)
        {
            this.files = files;
            this.cut = cut;
        }

        @Override
        public List<LandedFile> list(String glob)
                throws IOException
        {
            return files.list(glob);
        }

        @Override
        public InputStream open(LandedFile file)
                throws IOException
        {
            InputStream content = files.open(file);
            if (!file.path().equals(cut) || ++opened != 2 || restarted) {
                return content;
            }
            return new FilterInputStream(content)
            {
                private long read;

                @Override
                public int read(byte[] buffer, int offset, int length)
                        throws IOException
                {
                    int count = super.read(buffer, offset, length);
                    read += Math.max(0, count);
                    if (!restarted && read >= file.size() / 2) {
                        restarted = true;
                        restart();
                    }
                    return count;
                }
            };
        }

        @Override
        public String location()
        {
            return files.location();
        }
    }
}
