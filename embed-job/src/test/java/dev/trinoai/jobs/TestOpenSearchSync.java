package dev.trinoai.jobs;

import dev.trinoai.core.TestingOpenSearch;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.retrieve.SearchScope;
import dev.trinoai.core.retrieve.opensearch.VectorIndex;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
import dev.trinoai.jobs.embed.EmbedSummary;
import dev.trinoai.jobs.embed.TestingSemanticModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The write side of the OpenSearch backend against a real node: the vector table stays the record, and its rows reach a
 * model's index once each, by the move command or after every embed run, with the embed job's rules.
 */
@TestInstance(PER_CLASS)
final class TestOpenSearchSync
{
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private LocalEmbeddingModel local;
    private Path landing;
    private TestingPostgres postgres;
    private JobDatabase database;
    private RetrievalSettings settings;

    @BeforeAll
    void loadModelAndSample(@TempDir Path landing)
            throws Exception
    {
        this.landing = landing;
        local = LocalEmbeddingModel.load(2);
        TestingSampleDatabase.generate(landing);
    }

    @AfterAll
    void closeModel()
    {
        local.close();
    }

    @BeforeEach
    void ingestSample()
            throws Exception
    {
        postgres = TestingSampleDatabase.ingest(landing);
        database = TestingSampleDatabase.database(postgres);
        settings = RetrievalSettings.opensearch(TestingOpenSearch.url()).withIndexPrefix("test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
    }

    @AfterEach
    void dropDatabaseAndIndex()
    {
        try (TestingPostgres dropped = postgres) {
            Retrievers.index(settings, LocalEmbeddingModel.ID).drop();
        }
    }

    @Test
    void theMoveCommandCopiesACorpusEmbeddedForPgvectorAndASecondMoveWritesNothing()
            throws Exception
    {
        embed(RetrievalSettings.pgvector());
        long chunks = chunks();
        VectorIndex index = index();
        assertThat(index.exists()).isFalse();

        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertThat(move(first)).isZero();
        assertThat(first.toString(StandardCharsets.UTF_8)).contains("%d written, 0 unchanged, 0 deleted".formatted(chunks));
        assertThat(index.count()).isEqualTo(chunks);

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThat(move(second)).isZero();
        assertThat(second.toString(StandardCharsets.UTF_8)).contains("0 written, %d unchanged, 0 deleted".formatted(chunks));

        // the moved vectors are searchable as they are: the catalog can switch to opensearch now
        String title = postgres.query("SELECT title FROM star.fact_risk WHERE risk_code = 'R-0001'").getFirst();
        try (Warehouse warehouse = new Warehouse(postgres.warehouseConfig())) {
            List<Citation> citations = Retrievers.create(settings, warehouse, local, Duration.ofSeconds(10)).search(title, SearchScope.of(List.of("risk"), Map.of()), 5);
            assertThat(citations.stream().map(Citation::id)).contains("risk:R-0001");
        }
    }

    @Test
    void anEmbedRunRewritesAChangedRowAloneAndDeletesARowThatIsGone()
            throws Exception
    {
        embed(settings);
        long before = chunks();
        assertThat(index().count()).isEqualTo(before);
        postgres.execute(
                "UPDATE star.fact_risk SET description = 'The vendor went bankrupt; a new supplier is being sourced.' WHERE risk_code = 'R-0001'",
                "DELETE FROM star.fact_okr WHERE okr_code = (SELECT min(okr_code) FROM star.fact_okr)");

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        EmbedSummary changed = embed(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(changed.succeeded()).isTrue();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("%d written, %d unchanged, %d deleted".formatted(changed.embedded() + changed.reused(), chunks() - changed.embedded() - changed.reused(), changed.deleted()));
        assertThat(changed.deleted()).isPositive();
        assertThat(index().count()).isEqualTo(chunks());
        try (Warehouse warehouse = new Warehouse(postgres.warehouseConfig())) {
            List<Citation> citations = Retrievers.create(settings, warehouse, local, Duration.ofSeconds(10)).search("vendor bankrupt new supplier", SearchScope.of(List.of("risk"), Map.of()), 3);
            assertThat(citations.getFirst().id()).isEqualTo("risk:R-0001");
            assertThat(citations.getFirst().snippet()).contains("bankrupt");
        }
    }

    @Test
    void aRunThatCannotReachOpenSearchFailsSayingWhereAndTheNextOneCatchesUp()
            throws Exception
    {
        RetrievalSettings down = RetrievalSettings.opensearch(URI.create("http://127.0.0.1:1")).withIndexPrefix(settings.indexPrefix());
        assertThatThrownBy(() -> embed(down)).hasMessageContaining("http://127.0.0.1:1").hasMessageContaining("cannot be reached");
        assertThat(postgres.query("SELECT status FROM ask.embed_run")).containsExactly("failed");

        EmbedSummary resumed = embed(settings);
        assertThat(resumed.embeddingCalls()).isZero();
        assertThat(index().count()).isEqualTo(chunks());
    }

    @Test
    void anIndexKeepsItsModelsDimension()
            throws Exception
    {
        index().create(8);
        assertThatThrownBy(() -> embed(settings)).hasMessageContaining("has vectors of 8 dimensions in the OpenSearch index").hasMessageContaining("needs a new id");
    }

    @Test
    void badRetrievalSettingsSayWhatToSet()
    {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(JobsMain.run(List.of("opensearch-sync"), Map.of("AI_POSTGRES_URL", postgres.jdbcUrl()), QUIET, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AI_RETRIEVAL_OPENSEARCH_URL is not set");

        err.reset();
        assertThat(JobsMain.run(List.of("embed", "--once"), Map.of("AI_POSTGRES_URL", postgres.jdbcUrl(), "AI_SEMANTIC_MODEL", "../etc/ai/semantic-model.yaml", "AI_RETRIEVAL_BACKEND", "elastic"), QUIET, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'elastic' is not a retrieval backend: set AI_RETRIEVAL_BACKEND to pgvector or opensearch");
    }

    private int move(ByteArrayOutputStream out)
    {
        Map<String, String> environment = new HashMap<>(Map.of(
                "AI_POSTGRES_URL", postgres.jdbcUrl(),
                "AI_RETRIEVAL_OPENSEARCH_URL", settings.opensearchUrl().orElseThrow().toString(),
                "AI_RETRIEVAL_OPENSEARCH_INDEX_PREFIX", settings.indexPrefix()));
        postgres.user().ifPresent(user -> environment.put("AI_POSTGRES_USER", user));
        postgres.password().ifPresent(password -> environment.put("AI_POSTGRES_PASSWORD", password));
        return JobsMain.run(List.of("opensearch-sync"), environment, new PrintStream(out, true, StandardCharsets.UTF_8), QUIET);
    }

    private EmbedSummary embed(RetrievalSettings retrieval)
            throws Exception
    {
        return embed(retrieval, QUIET);
    }

    private EmbedSummary embed(RetrievalSettings retrieval, PrintStream progress)
            throws Exception
    {
        EmbedOptions options = EmbedOptions.defaults().withReconnect(Reconnect.NEVER).withRetrieval(retrieval);
        return new EmbedJob(database, TestingSemanticModel.risksAndOkrs(), local, options, new Chunker(Chunker.DEFAULT_MAX_CHARS), progress).runOnce().orElseThrow();
    }

    private VectorIndex index()
    {
        return Retrievers.index(settings, LocalEmbeddingModel.ID);
    }

    private long chunks()
    {
        return Long.parseLong(postgres.query("SELECT count(*) FROM ask.text_chunk").getFirst());
    }
}
