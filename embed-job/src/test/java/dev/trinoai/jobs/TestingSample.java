package dev.trinoai.jobs;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.core.warehouse.WarehouseConfig;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

/**
 * The seed-42 sample as of a day, ingested into a PostgreSQL of its own, with the local embedding model and a
 * warehouse over it: what an engine test asks against.
 */
final class TestingSample
        implements AutoCloseable
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final TestingPostgres postgres;
    private final JobDatabase database;
    private final LocalEmbeddingModel embeddings;
    private final Warehouse warehouse;

    private TestingSample(TestingPostgres postgres, JobDatabase database, LocalEmbeddingModel embeddings, Warehouse warehouse)
    {
        this.postgres = postgres;
        this.database = database;
        this.embeddings = embeddings;
        this.warehouse = warehouse;
    }

    /**
     * @param landing an empty folder the sample's files are written to
     */
    static TestingSample load(LocalDate asOf, Path landing)
            throws Exception
    {
        new SampleGenerator(42, asOf, 1).writeTo(landing);
        TestingPostgres postgres = TestingPostgres.create();
        JobDatabase database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
        new IngestJob(database, new LocalLandingZone(landing), SourceMappings.load(Path.of("../etc/ingest/sources")), QUIET).runOnce(false);
        Warehouse warehouse = new Warehouse(new WarehouseConfig(postgres.jdbcUrl(), postgres.user(), postgres.password(), "star", "ask", Duration.ofSeconds(10)));
        return new TestingSample(postgres, database, LocalEmbeddingModel.load(2), warehouse);
    }

    JobDatabase database()
    {
        return database;
    }

    LocalEmbeddingModel embeddings()
    {
        return embeddings;
    }

    Warehouse warehouse()
    {
        return warehouse;
    }

    @Override
    public void close()
    {
        try (postgres; embeddings; warehouse) {
            // closed in reverse order of opening
        }
    }
}
