package dev.trinoai.jobs;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The seed-42 sample in a database of its own, as the ingest job loads it.
 */
public final class TestingSampleDatabase
{
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private TestingSampleDatabase() {}

    /**
     * Writes the sample's files into the landing folder.
     */
    public static void generate(Path landing)
            throws Exception
    {
        new SampleGenerator(42, AS_OF, 1).writeTo(landing);
    }

    /**
     * A fresh database with the landing folder's files ingested.
     */
    public static TestingPostgres ingest(Path landing)
            throws Exception
    {
        TestingPostgres postgres = TestingPostgres.create();
        try {
            new IngestJob(database(postgres), new LocalLandingZone(landing), SourceMappings.load(Path.of("../etc/ingest/sources")), QUIET).runOnce(false);
            return postgres;
        }
        catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    public static JobDatabase database(TestingPostgres postgres)
    {
        return new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
