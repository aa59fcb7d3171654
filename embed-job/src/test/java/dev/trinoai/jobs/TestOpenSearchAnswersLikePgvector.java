package dev.trinoai.jobs;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.TestingOpenSearch;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.access.AccessRules;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.AskSettings;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.core.warehouse.WarehouseConfig;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The done criterion of moving retrieval to OpenSearch: the sample's "why" questions, asked of the engine with
 * {@code ai.retrieval.backend=opensearch}, cite the same rows in the same order as with pgvector, for a caller who sees
 * everything and for one limited to a program.
 */
@TestInstance(PER_CLASS)
final class TestOpenSearchAnswersLikePgvector
{
    private static final SemanticModel MODEL = SemanticModelLoader.load(TestingSemanticModels.SHIPPED);
    private static final LocalDate AS_OF = TestingSampleDatabase.AS_OF;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final RetrievalSettings opensearch = RetrievalSettings.opensearch(TestingOpenSearch.url())
            .withIndexPrefix("test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
    private TestingPostgres postgres;
    private LocalEmbeddingModel embeddings;
    private Warehouse warehouse;
    private AskEngine pgvectorEngine;
    private AskEngine opensearchEngine;

    @BeforeAll
    void embedTheSampleForBoth(@TempDir Path landing)
            throws Exception
    {
        TestingSampleDatabase.generate(landing);
        postgres = TestingSampleDatabase.ingest(landing);
        JobDatabase database = TestingSampleDatabase.database(postgres);
        embeddings = LocalEmbeddingModel.load(2);
        // the texts the "why" questions search; the job writes the vector table and, for this backend, the index
        new EmbedJob(database, TestingSemanticModels.withTextSources(MODEL, Set.of("risk", "milestone")), embeddings, EmbedOptions.defaults().withRetrieval(opensearch),
                new Chunker(Chunker.DEFAULT_MAX_CHARS), QUIET).runOnce().orElseThrow();
        warehouse = new Warehouse(new WarehouseConfig(postgres.jdbcUrl(), postgres.user(), postgres.password(), "star", "ask", Duration.ofSeconds(10)));
        AskSettings defaults = AskSettings.defaults();
        AskSettings settings = new AskSettings(defaults.statementTimeout(), defaults.maxRows(), defaults.citations(), defaults.verifiedSimilarity(), defaults.vocabularyRefresh(), Optional.of(AS_OF));
        pgvectorEngine = new AskEngine(List.of(MODEL), warehouse, embeddings, settings, Optional.empty(), RetrievalSettings.pgvector());
        opensearchEngine = new AskEngine(List.of(MODEL), warehouse, embeddings, settings, Optional.empty(), opensearch);
    }

    @AfterAll
    void close()
    {
        try (LocalEmbeddingModel model = embeddings; TestingPostgres database = postgres; Warehouse opened = warehouse) {
            Retrievers.index(opensearch, LocalEmbeddingModel.ID).drop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Which programs are over budget this quarter, and why?",
            "Why is Mobile App 4.0 behind schedule?",
            "Can you give me the story on Delta? Why has it stalled?",
            "Which programs have overdue milestones, and what's holding them up?",
            "How many milestones is Falcon behind on, and why?"})
    void aWhyQuestionCitesTheSameRowsWithEitherBackend(String question)
    {
        List<String> cited = citations(pgvectorEngine, question, AccessScope.ALL);
        assertThat(cited).isNotEmpty();
        assertThat(citations(opensearchEngine, question, AccessScope.ALL)).isEqualTo(cited);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Which programs are over budget this quarter, and why?", "What are the main risks to Apollo right now?"})
    void aCallerLimitedToAProgramIsCitedTheSameRowsWithEitherBackend(String question)
    {
        AccessScope apollo = AccessRules.load(Path.of("../etc/ai/access-rules.yaml"), MODEL).scopeOf("pm_apollo", Set.of());
        List<String> cited = citations(pgvectorEngine, question, apollo);
        assertThat(cited).isNotEmpty();
        assertThat(citations(opensearchEngine, question, apollo)).isEqualTo(cited);
    }

    private static List<String> citations(AskEngine engine, String question, AccessScope access)
    {
        List<AnswerRow> rows = new ArrayList<>();
        engine.answer(new Question(question), Optional.empty(), access, rows::add);
        return rows.stream().filter(row -> row.kind() == RowKind.CITATION).map(AnswerRow::source).toList();
    }
}
