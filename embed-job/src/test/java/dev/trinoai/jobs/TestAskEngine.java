package dev.trinoai.jobs;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.AskSettings;
import dev.trinoai.core.llm.LlmClients;
import dev.trinoai.core.llm.LlmSettings;
import dev.trinoai.core.llm.TestingOpenAiServer;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import dev.trinoai.core.warehouse.Warehouse;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.trinoai.core.llm.ModelScript.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The engine's pipeline over the seed-42 sample in a real PostgreSQL, its risks and milestones embedded by the local
 * model: the order of an answer's rows, a decline's shape, the verified-question path, a period the data does not
 * reach, the reference date, and the model's narrative in place of the offline one.
 */
@TestInstance(PER_CLASS)
final class TestAskEngine
{
    private static final SemanticModel MODEL = SemanticModelLoader.load(TestingSemanticModels.SHIPPED);
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final String VERIFIED = "Which programs are over budget this quarter, and why?";
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private TestingSample sample;
    private LocalEmbeddingModel embeddings;
    private Warehouse warehouse;
    private AskEngine engine;

    @BeforeAll
    void loadTheSample(@TempDir Path landing)
            throws Exception
    {
        sample = TestingSample.load(AS_OF, landing);
        embeddings = sample.embeddings();
        // the texts the verified question searches: all of the sample's would take minutes to embed on a small machine
        new EmbedJob(sample.database(), TestingSemanticModels.withTextSources(MODEL, Set.of("risk", "milestone")), embeddings, EmbedOptions.defaults(), new Chunker(Chunker.DEFAULT_MAX_CHARS), QUIET)
                .runOnce().orElseThrow();
        warehouse = sample.warehouse();
        engine = new AskEngine(MODEL, warehouse, embeddings, settings());
    }

    @AfterAll
    void close()
    {
        if (sample != null) {
            sample.close();
        }
    }

    @Test
    void anAnswerSaysWhatItComputedThenTheNumbersThenTheWordsThenTheSql()
    {
        List<AnswerRow> rows = answered(ask("How many incidents did each program have this quarter?"));
        assertThat(kinds(rows)).containsExactly(RowKind.ANSWER, RowKind.NUMBER, RowKind.ANSWER, RowKind.SQL);
        assertThat(rows.getFirst().text()).isEqualTo("Incident count by program, this quarter (2026-10-01 to 2026-12-31), to date 2026-11-25.");
        List<AnswerRow> numbers = rows.stream().filter(row -> row.kind() == RowKind.NUMBER).toList();
        assertThat(numbers).hasSizeGreaterThan(1).allSatisfy(number -> {
            assertThat(number.metric()).isEqualTo("incident_count");
            assertThat(number.dimensions()).startsWith("{\"program\":");
        });
        // each kind is numbered from 1 in the order it streams
        assertThat(numbers).extracting(AnswerRow::seq).isEqualTo(java.util.stream.IntStream.rangeClosed(1, numbers.size()).boxed().toList());
        assertThat(rows.getLast().text()).startsWith("SELECT").contains("-- period: this quarter (2026-10-01 to 2026-12-31)");
    }

    @Test
    void theVerifiedQuestionIsAnsweredByItsCheckedPlanWithNumbersThenCitationsOfTheProgramsTheyName()
    {
        List<AnswerRow> rows = answered(ask(VERIFIED));
        assertThat(rows.getFirst()).isEqualTo(AnswerRow.notice(1, "This is a verified answer: your question matches the verified question \"%s\" of the semantic model, whose plan a person has checked.".formatted(VERIFIED)));
        assertThat(kinds(rows)).containsExactly(RowKind.NOTICE, RowKind.ANSWER, RowKind.NUMBER, RowKind.CITATION, RowKind.ANSWER, RowKind.SQL);

        List<AnswerRow> numbers = rows.stream().filter(row -> row.kind() == RowKind.NUMBER).toList();
        assertThat(numbers).isNotEmpty().allSatisfy(number -> {
            assertThat(number.metric()).isEqualTo("budget_variance_pct");
            assertThat(number.value()).isPositive();
        });
        assertThat(numbers).extracting(AnswerRow::value).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // "... and why?": the citations are about the programs the numbers single out
        List<String> programs = numbers.stream().map(number -> program(number.dimensions())).toList();
        List<AnswerRow> citations = rows.stream().filter(row -> row.kind() == RowKind.CITATION).toList();
        assertThat(citations).isNotEmpty().allSatisfy(citation -> {
            assertThat(citation.source()).matches("(risk|milestone):.+");
            assertThat(programs).contains(program(citation.dimensions()));
        });
    }

    @Test
    void aDeclineIsOneNoticeSayingWhatWasNotUnderstoodWhatWasAndWhatToAskInstead()
    {
        List<AnswerRow> rows = ask("What is the median MTTR per team this quarter?");
        List<String> examples = MODEL.verifiedQuestions().stream().limit(3).map(verified -> verified.question()).toList();
        assertThat(rows.getFirst()).satisfies(row -> {
            assertThat(row.kind()).isEqualTo(RowKind.NOTICE);
            assertThat(row.text())
                    .startsWith("I did not answer with numbers: ")
                    .contains(" I understood: ");
        });
        // what to ask instead are the suggestions after it, questions the engine answers
        assertThat(rows.subList(1, rows.size())).extracting(AnswerRow::kind, AnswerRow::text)
                .containsExactlyElementsOf(examples.stream().map(example -> tuple(RowKind.SUGGESTION, example)).toList());
        assertThatThrownBy(() -> engine.numbersQuery(new Question("What is the median MTTR per team this quarter?"), Optional.empty(), AccessScope.ALL))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(AskFailure.INVALID_QUESTION))
                .hasMessage(rows.getFirst().text() + " You could ask: " + String.join(" / ", examples));
    }

    @Test
    void aPeriodTheDataDoesNotReachIsANoticeNotAZero()
    {
        List<AnswerRow> rows = ask("How many incidents did we have in 2015?");
        assertThat(rows).noneMatch(row -> row.kind() == RowKind.NUMBER || row.kind() == RowKind.SQL);
        assertThat(rows).anySatisfy(row -> assertThat(row.text()).startsWith("There is no data on incident count for 2015"));
    }

    @Test
    void theQuestionsReferenceDateWinsOverTheCatalogs()
    {
        List<AnswerRow> rows = new ArrayList<>();
        engine.answer(new Question("How many incidents did each program have this quarter?"), Optional.of(LocalDate.of(2026, 8, 15)), AccessScope.ALL, rows::add);
        rows = answered(rows);
        assertThat(rows.getFirst().text()).isEqualTo("Incident count by program, this quarter (2026-07-01 to 2026-09-30), to date 2026-08-15.");
        assertThat(rows.getLast().text()).contains("-- period: this quarter (2026-07-01 to 2026-09-30)");
    }

    @Test
    void withAModelTheNarrativeIsTheModelsAndItsTokensAreTheLastNotice()
    {
        try (TestingOpenAiServer server = new TestingOpenAiServer()) {
            server.script().then(reply("The overruns follow ", "vendor delays [1]."));
            AskEngine withModel = new AskEngine(List.of(MODEL), warehouse, embeddings, settings(),
                    LlmClients.create(LlmSettings.openAi(server.baseUrl(), "llama3.1", Optional.empty()).withLimits(Duration.ofMinutes(1), 1, 1, Duration.ofMillis(10))));
            List<AnswerRow> rows = new ArrayList<>();
            withModel.answer(new Question(VERIFIED), Optional.empty(), AccessScope.ALL, rows::add);
            rows = answered(rows);

            assertThat(kinds(rows)).containsExactly(RowKind.NOTICE, RowKind.ANSWER, RowKind.NUMBER, RowKind.CITATION, RowKind.ANSWER, RowKind.SQL, RowKind.NOTICE);
            List<String> answers = rows.stream().filter(row -> row.kind() == RowKind.ANSWER).map(AnswerRow::text).toList();
            assertThat(answers.subList(answers.size() - 2, answers.size())).containsExactly("The overruns follow ", "vendor delays [1].");
            assertThat(rows.getLast().text()).isEqualTo("The model (openai llama3.1) used 100 input and 2 output tokens in 1 call.");
            // the model was given the numbers the rows carry
            String prompt = server.script().calls().getFirst().body().path("messages").get(1).path("content").asText();
            assertThat(prompt).contains("Question: " + VERIFIED, "budget variance % (%) by program");
        }
    }

    private AskSettings settings()
    {
        AskSettings defaults = AskSettings.defaults();
        return new AskSettings(defaults.statementTimeout(), defaults.maxRows(), defaults.citations(), defaults.verifiedSimilarity(), defaults.vocabularyRefresh(), Optional.of(AS_OF));
    }

    private List<AnswerRow> ask(String question)
    {
        List<AnswerRow> rows = new ArrayList<>();
        engine.answer(new Question(question), Optional.empty(), AccessScope.ALL, rows::add);
        return rows;
    }

    /**
     * The kinds of the rows in order, each run of one kind once.
     */
    private static List<RowKind> kinds(List<AnswerRow> rows)
    {
        List<RowKind> kinds = new ArrayList<>();
        for (AnswerRow row : rows) {
            if (kinds.isEmpty() || kinds.getLast() != row.kind()) {
                kinds.add(row.kind());
            }
        }
        return kinds;
    }

    private static String program(String dimensions)
    {
        return dimensions.replaceAll(".*\"program\":\"([^\"]*)\".*", "$1");
    }

    /**
     * The answer without the follow-up questions suggested after it, which come last.
     */
    private static List<AnswerRow> answered(List<AnswerRow> rows)
    {
        int first = rows.size();
        while (first > 0 && rows.get(first - 1).kind() == RowKind.SUGGESTION) {
            first--;
        }
        assertThat(rows.subList(0, first)).noneMatch(row -> row.kind() == RowKind.SUGGESTION);
        return rows.subList(0, first);
    }

}
