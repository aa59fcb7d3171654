package dev.trinoai.jobs.retrieve;

import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.retrieve.RankFusion;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.retrieve.Retriever;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.retrieve.SearchScope;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.jobs.TestingSampleDatabase;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.CountingModel;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
import dev.trinoai.jobs.embed.TestingSemanticModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every retrieval backend does, run against each ({@link TestPgvectorRetrieval}, {@link TestOpenSearchRetrieval})
 * over the risks and OKRs of the sample as the embed job writes them for that backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractTestRetrieval
{
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    LocalEmbeddingModel local;
    TestingPostgres postgres;
    Warehouse warehouse;
    Retriever retriever;

    /**
     * Where this backend searches; the embed job writes there too.
     */
    abstract RetrievalSettings settings();

    @BeforeAll
    void embedTheSample(@TempDir Path landing)
            throws Exception
    {
        local = LocalEmbeddingModel.load(2);
        TestingSampleDatabase.generate(landing);
        postgres = TestingSampleDatabase.ingest(landing);
        new EmbedJob(TestingSampleDatabase.database(postgres), TestingSemanticModel.risksAndOkrs(), local, EmbedOptions.defaults().withRetrieval(settings()), new Chunker(Chunker.DEFAULT_MAX_CHARS), QUIET)
                .runOnce().orElseThrow();
        warehouse = new Warehouse(postgres.warehouseConfig());
        retriever = Retrievers.create(settings(), warehouse, local, Duration.ofSeconds(10));
    }

    @AfterAll
    void close()
            throws Exception
    {
        try (LocalEmbeddingModel model = local; TestingPostgres database = postgres; Warehouse opened = warehouse) {
            // closed in reverse order of opening
        }
    }

    @Test
    void aRiskIsFoundByItsTitleAndByWordsOfTheSameMeaning()
    {
        String title = postgres.query("SELECT title FROM star.fact_risk WHERE risk_code = 'R-0001'").getFirst();
        assertThat(ids(retriever.search(title, SearchScope.of(List.of("risk"), Map.of()), 5))).contains("risk:R-0001");
    }

    @Test
    void aSourceRowIsCitedOnceByItsBestChunkAndTheBestComesFirst()
    {
        List<Citation> citations = retriever.search("vendor delay on the integration", SearchScope.of(List.of(), Map.of()), 20);
        assertThat(citations).hasSize(20);
        assertThat(ids(citations)).doesNotHaveDuplicates();
        assertThat(citations).isSortedAccordingTo((left, right) -> Double.compare(right.score(), left.score()));
        // in both lists at best, in one at worst, ranks from 1: the fused score says which
        assertThat(citations).allSatisfy(citation -> assertThat(citation.score()).isBetween(1.0 / (RankFusion.RRF_K + RankFusion.CANDIDATES), 2.0 / (RankFusion.RRF_K + 1)));
    }

    @Test
    void aMetadataFilterKeepsOnlyItsValues()
    {
        String program = postgres.query("SELECT metadata->>'program' FROM ask.text_chunk WHERE source_id = 'R-0001'").getFirst();
        List<Citation> citations = retriever.search("schedule risk", SearchScope.of(List.of("risk", "okr"), Map.of("program", List.of(program))), 10);
        assertThat(citations).isNotEmpty().allSatisfy(citation -> assertThat(citation.metadata()).containsEntry("program", program));
    }

    @Test
    void aSourceFilterAppliesToItsSourceAlone()
    {
        SearchScope scope = new SearchScope(List.of("risk", "okr"), Map.of(), Map.of("risk", Map.of("risk_status", List.of("open"))), Optional.empty(), Optional.empty(), Optional.empty());
        List<Citation> citations = retriever.search("deliver the platform on time", scope, 30);
        assertThat(citations).filteredOn(citation -> citation.source().equals("risk")).isNotEmpty().allSatisfy(citation -> assertThat(citation.metadata()).containsEntry("risk_status", "open"));
        assertThat(citations).filteredOn(citation -> citation.source().equals("okr")).isNotEmpty();
    }

    @Test
    void accessLimitsEachSourceOnItsOwnTermsAndNoSourceMeansNothing()
    {
        String program = postgres.query("SELECT metadata->>'program' FROM ask.text_chunk WHERE source_id = 'R-0001'").getFirst();
        SearchScope risksOfOneProgram = new SearchScope(List.of(), Map.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.of(Map.of("risk", Map.of("program", List.of(program)))));
        assertThat(retriever.search("schedule risk", risksOfOneProgram, 10)).isNotEmpty()
                .allSatisfy(citation -> assertThat(citation.source()).isEqualTo("risk"))
                .allSatisfy(citation -> assertThat(citation.metadata()).containsEntry("program", program));

        SearchScope nothing = new SearchScope(List.of(), Map.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.of(Map.of()));
        assertThat(retriever.search("schedule risk", nothing, 10)).isEmpty();
    }

    @Test
    void aPeriodKeepsOnlyTheChunksDatedInIt()
    {
        List<String> dates = postgres.query("SELECT metadata->>'date' FROM ask.text_chunk WHERE metadata ? 'date' ORDER BY 1");
        LocalDate from = LocalDate.parse(dates.get(dates.size() / 4));
        LocalDate to = LocalDate.parse(dates.get(dates.size() / 2));
        SearchScope period = new SearchScope(List.of(), Map.of(), Map.of(), Optional.of(from), Optional.of(to), Optional.empty());
        assertThat(retriever.search("schedule risk", period, 10)).isNotEmpty()
                .allSatisfy(citation -> assertThat(LocalDate.parse(citation.metadata().get("date"))).isBetween(from, to));
    }

    @Test
    void aModelWithoutVectorsIsReportedWithTheJobToRun()
    {
        Retriever empty = Retrievers.create(settings(), warehouse, new CountingModel(local, "never-embedded", _ -> false), Duration.ofSeconds(10));
        assertThatThrownBy(() -> empty.search("schedule risk", SearchScope.of(List.of(), Map.of()), 5))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(AskFailure.DATABASE_NOT_READY))
                .hasMessageContaining("never-embedded")
                .hasMessageContaining("scripts/jobs.sh embed");
    }

    static List<String> ids(List<Citation> citations)
    {
        return citations.stream().map(Citation::id).toList();
    }
}
