package dev.trinoai.jobs.embed;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.retrieve.PgvectorRetriever;
import dev.trinoai.core.retrieve.SearchScope;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.jobs.JobDatabase;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embed job against the real PostgreSQL with pgvector and the real local model, over the sample dataset as the
 * ingest job loads it. Each test has a database of its own.
 */
final class TestEmbedJob
{
    private static final Path SOURCES = Path.of("../etc/ingest/sources");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final String STAR_IDS = "SELECT 'risk:' || risk_code FROM star.fact_risk UNION ALL SELECT 'okr:' || okr_code FROM star.fact_okr ORDER BY 1";

    @TempDir
    static Path landing;

    private static LocalEmbeddingModel local;
    private static SemanticModel model;

    private TestingPostgres postgres;
    private JobDatabase database;

    @BeforeAll
    static void loadModelAndSample()
            throws Exception
    {
        local = LocalEmbeddingModel.load(2);
        new SampleGenerator(42, LocalDate.of(2026, 11, 25), 1).writeTo(landing);
        model = TestingSemanticModel.risksAndOkrs();
    }

    @AfterAll
    static void closeModel()
    {
        local.close();
    }

    @BeforeEach
    void ingestSample()
            throws Exception
    {
        postgres = TestingPostgres.create();
        database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
        new IngestJob(database, new LocalLandingZone(landing), SourceMappings.load(SOURCES), QUIET).runOnce(false);
    }

    @AfterEach
    void dropDatabase()
    {
        postgres.close();
    }

    @Test
    void aFirstRunEmbedsEverythingAndASecondRunMakesNoEmbeddingCall()
            throws Exception
    {
        CountingModel counting = new CountingModel(local);
        EmbedSummary first = run(counting);

        List<String> star = postgres.query(STAR_IDS);
        assertThat(first.succeeded()).isTrue();
        assertThat(first.scanned()).isEqualTo(star.size());
        assertThat(first.embedded()).isEqualTo(first.scanned() - first.reused());
        // one call per 64 distinct texts: rows that share a text (an OKR repeated each quarter) share its vector
        int texts = Integer.parseInt(postgres.query("SELECT count(DISTINCT text_hash) FROM ask.text_chunk").getFirst());
        assertThat(texts).isLessThan(star.size());
        assertThat(first.texts()).isEqualTo(texts);
        assertThat(first.embeddingCalls()).isEqualTo(counting.calls()).isEqualTo((texts + 63) / 64);
        assertThat(storedIds(LocalEmbeddingModel.ID)).isEqualTo(star);
        assertThat(postgres.query("SELECT DISTINCT vector_dims(embedding) FROM ask.text_chunk")).containsExactly("384");
        assertThat(postgres.query("SELECT metadata->>'program' FROM ask.text_chunk WHERE source_id = 'R-0001'")).singleElement().isNotNull();
        assertThat(postgres.query("SELECT count(*) FROM ask.text_chunk WHERE tsv @@ plainto_tsquery('english', 'vendor')")).singleElement().isNotEqualTo("0");

        EmbedSummary second = run(counting);
        assertThat(second.embeddingCalls()).isZero();
        assertThat(counting.calls()).isEqualTo(first.embeddingCalls());
        assertThat(second.skipped()).isEqualTo(second.scanned()).isEqualTo(first.scanned());
        assertThat(second.embedded() + second.reused() + second.deleted() + second.failed()).isZero();
        assertThat(postgres.query("SELECT status || ' ' || embedding_calls FROM ask.embed_run ORDER BY run_id"))
                .containsExactly("succeeded " + first.embeddingCalls(), "succeeded 0");
    }

    @Test
    void aChangedRowIsEmbeddedAgainAloneAndAChangedStatusReusesItsVector()
            throws Exception
    {
        run(new CountingModel(local));
        String before = postgres.query("SELECT embedding::text FROM ask.text_chunk WHERE source_id = 'R-0001'").getFirst();
        postgres.execute("UPDATE star.fact_risk SET description = 'The vendor went bankrupt; a new supplier is being sourced.' WHERE risk_code = 'R-0001'");

        CountingModel counting = new CountingModel(local);
        EmbedSummary changed = run(counting);
        assertThat(changed.embedded()).isEqualTo(1);
        assertThat(counting.calls()).isEqualTo(1);
        assertThat(changed.skipped()).isEqualTo(changed.scanned() - 1);
        assertThat(postgres.query("SELECT content FROM ask.text_chunk WHERE source_id = 'R-0001'")).singleElement().asString().contains("bankrupt");
        assertThat(postgres.query("SELECT embedding::text FROM ask.text_chunk WHERE source_id = 'R-0001'")).singleElement().isNotEqualTo(before);

        // the metadata changes, the text does not: the row is rewritten with the vector it had
        postgres.execute("UPDATE star.fact_risk SET status = 'closed_' || status WHERE risk_code = 'R-0002'");
        EmbedSummary status = run(counting);
        assertThat(status.reused()).isEqualTo(1);
        assertThat(status.embeddingCalls()).isZero();
        assertThat(postgres.query("SELECT metadata->>'risk_status' FROM ask.text_chunk WHERE source_id = 'R-0002'")).singleElement().asString().startsWith("closed_");
    }

    @Test
    void aDeletedRowIsRemovedAndAMovedRowKeepsItsVector()
            throws Exception
    {
        run(new CountingModel(local));
        postgres.execute("DELETE FROM star.fact_risk WHERE risk_code = 'R-0002'", "UPDATE star.fact_risk SET risk_code = 'R-9003' WHERE risk_code = 'R-0003'");

        CountingModel counting = new CountingModel(local);
        EmbedSummary summary = run(counting);

        assertThat(summary.deleted()).isEqualTo(2);
        assertThat(summary.reused()).isEqualTo(1);
        assertThat(counting.calls()).isZero();
        assertThat(storedIds(LocalEmbeddingModel.ID)).isEqualTo(postgres.query(STAR_IDS)).doesNotContain("risk:R-0002", "risk:R-0003").contains("risk:R-9003");
    }

    @Test
    void anotherModelGetsItsOwnRowsAndIndexAndNeverMixes()
            throws Exception
    {
        EmbedSummary first = run(new CountingModel(local));
        CountingModel renamed = new CountingModel(local, "local:all-minilm-l6-v2-q-renamed", _ -> false);
        EmbedSummary second = run(renamed);

        // same weights, but a new id: nothing is reused across models
        assertThat(second.embedded()).isEqualTo(first.embedded());
        assertThat(second.reused()).isEqualTo(first.reused());
        assertThat(renamed.calls()).isEqualTo(first.embeddingCalls());
        List<String> star = postgres.query(STAR_IDS);
        assertThat(storedIds(LocalEmbeddingModel.ID)).isEqualTo(star);
        assertThat(storedIds(renamed.id())).isEqualTo(star);
        List<String> indexes = List.of(EmbedJob.indexName(LocalEmbeddingModel.ID), EmbedJob.indexName(renamed.id()));
        assertThat(indexes.get(0)).isNotEqualTo(indexes.get(1));
        assertThat(postgres.query("SELECT index_name FROM ask.embed_model ORDER BY model_id")).isEqualTo(indexes);
        assertThat(postgres.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'ask' AND indexname LIKE 'text_chunk_hnsw_%' ORDER BY indexname"))
                .containsExactlyInAnyOrderElementsOf(indexes);
        assertThat(postgres.query("SELECT indexdef FROM pg_indexes WHERE indexname = '%s'".formatted(indexes.get(1)))).singleElement().asString()
                .contains("hnsw", "vector(384)", "vector_cosine_ops", "local:all-minilm-l6-v2-q-renamed");

        assertThat(run(new CountingModel(local)).embeddingCalls()).isZero();

        EmbedSummary pruned = new EmbedJob(database, model, renamed, EmbedOptions.defaults().withPruneOtherModels(true), new Chunker(Chunker.DEFAULT_MAX_CHARS), QUIET)
                .runOnce().orElseThrow();
        assertThat(pruned.deleted()).isEqualTo(star.size());
        assertThat(postgres.query("SELECT DISTINCT model_id FROM ask.text_chunk")).containsExactly(renamed.id());
        assertThat(postgres.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'ask' AND indexname LIKE 'text_chunk_hnsw_%'")).containsExactly(indexes.get(1));
    }

    @Test
    void aRunThatFailsHalfWayKeepsItsBatchesAndTheNextRunCompletesWithoutDuplicatesOrGaps()
            throws Exception
    {
        // the provider goes down for good at the third call: the retries fail too
        CountingModel failing = new CountingModel(local, LocalEmbeddingModel.ID, call -> call >= 3);
        EmbedSummary broken = run(failing);

        assertThat(broken.succeeded()).isFalse();
        assertThat(broken.error()).get().asString().contains("planted failure");
        assertThat(broken.embeddingCalls()).isEqualTo(2 + 3);
        // two batches of 64 distinct texts (a text that several rows share is embedded once for all of them)
        assertThat(broken.embedded()).isGreaterThanOrEqualTo(2 * 64);
        assertThat(broken.failed()).isEqualTo(broken.scanned() - broken.embedded() - broken.reused());
        assertThat(postgres.query("SELECT count(*) FROM ask.text_chunk")).containsExactly(String.valueOf(broken.embedded() + broken.reused()));
        assertThat(postgres.query("SELECT status FROM ask.embed_run")).containsExactly("failed");

        // a call that fails once is retried and the run goes on
        CountingModel flaky = new CountingModel(local, LocalEmbeddingModel.ID, call -> call == 1);
        EmbedSummary resumed = run(flaky);

        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.embedded()).isEqualTo(broken.failed());
        assertThat(resumed.skipped()).isEqualTo(broken.embedded() + broken.reused());
        assertThat(postgres.query("SELECT count(*) = count(DISTINCT (source, source_id, chunk)) FROM ask.text_chunk")).containsExactly("t");
        assertThat(storedIds(LocalEmbeddingModel.ID)).isEqualTo(postgres.query(STAR_IDS));
        assertThat(run(new CountingModel(local)).embeddingCalls()).isZero();
    }

    @Test
    void aLongTextIsChunkedAndEveryChunkKeepsItsSourceId()
            throws Exception
    {
        String longText = IntStream.range(0, 40).mapToObj(i -> "Finding %d: the contractor rates rose again and the vendor missed its delivery date.".formatted(i))
                .collect(Collectors.joining(" "));
        postgres.execute("UPDATE star.fact_risk SET description = '%s' WHERE risk_code = 'R-0001'".formatted(longText));
        run(new CountingModel(local));

        List<String> chunks = postgres.query("SELECT source || ':' || source_id || '#' || chunk FROM ask.text_chunk WHERE source_id = 'R-0001' ORDER BY chunk");
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).isEqualTo(IntStream.range(0, chunks.size()).mapToObj(i -> "risk:R-0001#" + i).toList());
        assertThat(postgres.query("SELECT max(length(content)) FROM ask.text_chunk WHERE source_id = 'R-0001'")).singleElement().satisfies(length -> assertThat(Integer.parseInt(length)).isLessThanOrEqualTo(800));

        // the text gets short again: the surplus chunks go
        postgres.execute("UPDATE star.fact_risk SET description = 'Resolved.' WHERE risk_code = 'R-0001'");
        EmbedSummary shorter = run(new CountingModel(local));
        assertThat(shorter.deleted()).isEqualTo(chunks.size() - 1);
        assertThat(postgres.query("SELECT chunk FROM ask.text_chunk WHERE source_id = 'R-0001'")).containsExactly("0");
    }

    @Test
    void theRetrieverFindsWhatTheJobWrote()
            throws Exception
    {
        run(new CountingModel(local));
        String program = postgres.query("SELECT metadata->>'program' FROM ask.text_chunk WHERE source_id = 'R-0001'").getFirst();
        String title = postgres.query("SELECT title FROM star.fact_risk WHERE risk_code = 'R-0001'").getFirst();

        try (Warehouse warehouse = new Warehouse(postgres.warehouseConfig())) {
            List<Citation> citations = new PgvectorRetriever(warehouse, local, "ask", Duration.ofSeconds(10)).search(title, SearchScope.of(List.of("risk"), Map.of("program", List.of(program))), 5);
            assertThat(citations).isNotEmpty().allSatisfy(citation -> assertThat(citation.metadata()).containsEntry("program", program));
            assertThat(citations.stream().map(Citation::id)).contains("risk:R-0001");
        }
    }

    @Test
    void aSecondRunWhileOneIsUnderWayDoesNothing()
            throws Exception
    {
        try (Connection other = postgres.connect(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(%d)".formatted(EmbedJob.LOCK_ID));
            CountingModel counting = new CountingModel(local);
            assertThat(job(counting).runOnce()).isEmpty();
            assertThat(counting.calls()).isZero();
        }
    }

    private EmbedSummary run(CountingModel embeddings)
            throws Exception
    {
        return job(embeddings).runOnce().orElseThrow();
    }

    private EmbedJob job(CountingModel embeddings)
    {
        EmbedOptions options = EmbedOptions.defaults().withRetries(3, Duration.ZERO);
        return new EmbedJob(database, model, embeddings, options, new Chunker(Chunker.DEFAULT_MAX_CHARS), QUIET);
    }

    private List<String> storedIds(String modelId)
    {
        return postgres.query("SELECT DISTINCT source || ':' || source_id FROM ask.text_chunk WHERE model_id = '%s' ORDER BY 1".formatted(modelId));
    }
}
