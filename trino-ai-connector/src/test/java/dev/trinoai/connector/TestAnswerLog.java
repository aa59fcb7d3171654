package dev.trinoai.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import dev.trinoai.core.llm.TestingOpenAiServer;
import dev.trinoai.jobs.DeclinesCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;


import static dev.trinoai.core.llm.ModelScript.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The answer log: one JSON line per question with what the engine made of it, and the question's words only when
 * the catalog asks for them. The line is written before the answer's last row is handed over, so it is there when
 * the query returns.
 */
final class TestAnswerLog
        extends AbstractTestQueryFramework
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHY = "Which programs are over budget this quarter, and why?";
    private static final String BLOCKCHAIN = "What is the MTTR of the blockchain team this quarter?";

    // held here: java.util.logging keeps its loggers only weakly
    private final Logger answers = Logger.getLogger(AnswerLog.LOGGER);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler()
    {
        @Override
        public void publish(LogRecord record)
        {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private TestingOpenAiServer model;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        TestingSampleWarehouse warehouse = TestingSampleWarehouse.shared();
        QueryRunner runner = warehouse.queryRunner(Map.of());
        Map<String, String> verbose = new HashMap<>(warehouse.catalogProperties());
        verbose.put("ai.log.question-text", "true");
        runner.createCatalog("ai_verbose", "ai", verbose);
        model = new TestingOpenAiServer();
        runner.createCatalog("ai_priced", "ai", warehouse.openAiCatalogProperties(model.baseUrl().toString())
                .put("ai.llm.price-per-1k-input-tokens", "0.5")
                .put("ai.llm.price-per-1k-output-tokens", "1.5")
                .buildOrThrow());
        return runner;
    }

    @AfterAll
    void stopModel()
    {
        model.close();
    }

    @BeforeEach
    void capture()
    {
        lines.clear();
        answers.addHandler(capture);
    }

    @AfterEach
    void release()
    {
        answers.removeHandler(capture);
    }

    @Test
    void anAnswerIsOneLineOfWhatTheEngineDidWithoutTheQuestionsWords()
    {
        var result = getDistributedQueryRunner().executeWithPlan(getSession(), "SELECT kind, source FROM TABLE(ai.system.ask(question => '%s'))".formatted(WHY));
        List<MaterializedRow> rows = result.result().getMaterializedRows();
        String line = lineOf(result.queryId().toString());
        JsonNode answer = json(line);

        assertThat(answer.get("catalog").asText()).isEqualTo("ai");
        assertThat(answer.get("user").asText()).isEqualTo(getSession().getUser());
        assertThat(answer.get("function").asText()).isEqualTo("ask");
        assertThat(answer.get("outcome").asText()).isEqualTo("answered");
        assertThat(answer.get("verified").asBoolean()).isTrue();
        assertThat(answer.has("error_code")).isFalse();
        assertThat(answer.get("metrics")).singleElement().satisfies(metric -> {
            assertThat(metric.get("metric").asText()).isEqualTo("budget_variance_pct");
            assertThat(texts(metric.get("group_by"))).containsExactly("program");
            assertThat(metric.get("time").asText()).isEqualTo("this quarter");
        });
        assertThat(answer.get("retrievals")).singleElement().satisfies(retrieval -> assertThat(retrieval.get("follow_numbers").asBoolean()).isTrue());
        // one entry per sql row of the answer, with the days it covered and the rows it returned
        assertThat(answer.get("statements")).hasSize(count(rows, "sql")).first().satisfies(statement -> {
            assertThat(statement.get("seq").asInt()).isEqualTo(1);
            assertThat(statement.get("metric").asText()).isEqualTo("budget_variance_pct");
            assertThat(statement.get("period_start").asText()).isEqualTo("2026-10-01");
            assertThat(statement.get("period_end").asText()).isEqualTo("2026-12-31");
            assertThat(statement.get("rows").asInt()).isEqualTo(count(rows, "number"));
            assertThat(statement.get("millis").asLong()).isNotNegative();
        });
        assertThat(texts(answer.get("citations"))).isNotEmpty()
                .containsExactlyElementsOf(rows.stream().filter(row -> row.getField(0).equals("citation")).map(row -> (String) row.getField(1)).toList());
        // the catalog's models, whether called or not
        assertThat(answer.get("llm_model").asText()).isEqualTo("none");
        assertThat(answer.get("embedding_model").asText()).isEqualTo("local:all-minilm-l6-v2-q");
        assertThat(answer.get("models")).singleElement().satisfies(model -> {
            assertThat(model.get("model").asText()).isEqualTo("local:all-minilm-l6-v2-q");
            assertThat(model.get("calls").asInt()).isPositive();
        });
        assertThat(answer.get("millis").asLong()).isNotNegative();

        assertThat(answer.has("question")).isFalse();
        assertThat(answer.has("message")).isFalse();
        assertThat(line).doesNotContain("over budget").doesNotContain("why");
    }

    @Test
    void aDeclineSaysWhichKindItIsAndQuotesTheQuestionOnlyWhenAskedTo()
    {
        JsonNode quiet = json(lineOf(getDistributedQueryRunner().executeWithPlan(getSession(), "SELECT * FROM TABLE(ai.system.ask(question => '%s'))".formatted(BLOCKCHAIN)).queryId().toString()));
        assertThat(quiet.get("outcome").asText()).isEqualTo("declined");
        assertThat(quiet.get("declined").asText()).isEqualTo("coverage");
        assertThat(quiet.has("question")).isFalse();
        assertThat(quiet.has("message")).isFalse();
        assertThat(quiet.toString()).doesNotContain("blockchain");

        JsonNode verbose = json(lineOf(getDistributedQueryRunner().executeWithPlan(getSession(), "SELECT * FROM TABLE(ai_verbose.system.ask(question => '%s'))".formatted(BLOCKCHAIN)).queryId().toString()));
        assertThat(verbose.get("declined").asText()).isEqualTo("coverage");
        assertThat(verbose.get("question").asText()).isEqualTo(BLOCKCHAIN);
        assertThat(verbose.get("message").asText()).contains("\"blockchain\"");
        assertThat(texts(verbose.get("not_understood"))).contains("blockchain");
        assertThat(quiet.has("not_understood")).isFalse();
    }

    @Test
    void aLanguageModelsCallsHaveTheirTokensAndTheirCostAtTheCatalogsPrices()
    {
        model.script().then(reply("Apollo leads ", "the overruns [1]."));
        JsonNode answer = json(lineOf(getDistributedQueryRunner().executeWithPlan(getSession(), "SELECT * FROM TABLE(ai_priced.system.ask(question => '%s'))".formatted(WHY)).queryId().toString()));

        assertThat(answer.get("llm_model").asText()).isEqualTo("openai llama3.1");
        // 100 input tokens at 0.5 and 2 output tokens at 1.5 per 1000
        assertThat(answer.get("models")).filteredOn(used -> used.get("model").asText().equals("openai llama3.1")).singleElement().satisfies(llm -> {
            assertThat(llm.get("calls").asInt()).isEqualTo(1);
            assertThat(llm.get("input_tokens").asLong()).isEqualTo(100);
            assertThat(llm.get("output_tokens").asLong()).isEqualTo(2);
            assertThat(llm.get("estimated_cost").asDouble()).isCloseTo(0.053, within(1e-12));
        });
        // the embedding model has no price: no cost, rather than a guessed one
        assertThat(answer.get("models")).filteredOn(used -> used.get("model").asText().startsWith("local:")).singleElement()
                .satisfies(embedding -> assertThat(embedding.has("estimated_cost")).isFalse());
    }

    @Test
    void theDeclinesReportGroupsTheLoggedDeclinesByTheWordsNotUnderstood(@TempDir Path directory)
            throws IOException
    {
        String write = "Delete the Apollo program";
        for (String question : List.of(BLOCKCHAIN, BLOCKCHAIN, write, WHY)) {
            computeActual("SELECT * FROM TABLE(ai_verbose.system.ask(question => '%s'))".formatted(question));
        }
        // as Trino's server.log has them, among its other lines: time, level, thread, logger, message
        Path log = directory.resolve("server.log");
        List<String> serverLog = new ArrayList<>();
        serverLog.add("2026-12-07T12:00:00.000Z\tINFO\tmain\tio.trino.server.Server\t======== SERVER STARTED ========");
        lines.forEach(line -> serverLog.add("2026-12-07T12:00:01.000Z\tINFO\tQuery-1\t%s\t%s".formatted(AnswerLog.LOGGER, line)));
        Files.write(log, serverLog);

        // the day the coordinator started the queries, which their ids begin with
        LocalDate day = LocalDate.parse(json(lines.getFirst()).get("query_id").asText().substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        DeclinesCommand.Report report;
        try (var logLines = Files.lines(log)) {
            report = DeclinesCommand.report(logLines, day);
        }
        assertThat(report.questions()).isEqualTo(4);
        assertThat(report.declined()).isEqualTo(3);
        assertThat(report.groups().getFirst()).isEqualTo(new DeclinesCommand.Group("\"blockchain\"", 2, List.of(BLOCKCHAIN)));
        assertThat(report.groups()).anySatisfy(group -> {
            assertThat(group.reason()).startsWith("This assistant only reads data: it cannot delete anything.");
            assertThat(group.examples()).containsExactly(write);
        });
        try (var logLines = Files.lines(log)) {
            assertThat(DeclinesCommand.report(logLines, day.plusDays(1)).questions()).isZero();
        }
    }

    @Test
    void filterValuesAreWordsOfTheQuestion()
    {
        String apollo = "SELECT * FROM TABLE(CATALOG.system.ask_numbers(question => 'budget variance % for Apollo this quarter'))";
        JsonNode quiet = json(lineOf(getDistributedQueryRunner().executeWithPlan(getSession(), apollo.replace("CATALOG", "ai")).queryId().toString()));
        assertThat(quiet.get("function").asText()).isEqualTo("ask_numbers");
        assertThat(quiet.get("metrics")).singleElement().satisfies(metric -> {
            assertThat(texts(metric.get("filters"))).containsExactly("program");
            assertThat(metric.has("filter_values")).isFalse();
        });
        assertThat(quiet.toString()).doesNotContain("Apollo");

        JsonNode verbose = json(lineOf(getDistributedQueryRunner().executeWithPlan(getSession(), apollo.replace("CATALOG", "ai_verbose")).queryId().toString()));
        assertThat(verbose.get("metrics")).singleElement().satisfies(metric -> assertThat(texts(metric.get("filter_values").get("program"))).containsExactly("Apollo"));
    }

    @Test
    void aQuestionRefusedWhileTheQueryIsAnalysedIsLoggedWithItsErrorCode()
    {
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => ''))", "The question is empty.*");
        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode refused = json(line);
            assertThat(refused.get("outcome").asText()).isEqualTo("failed");
            assertThat(refused.get("error_code").asText()).isEqualTo("AI_INVALID_QUESTION");
            assertThat(refused.get("statements")).isEmpty();
        });
    }

    private String lineOf(String queryId)
    {
        List<String> ofQuery = lines.stream().filter(line -> json(line).get("query_id").asText().equals(queryId)).toList();
        assertThat(ofQuery).as("the lines of query %s", queryId).hasSize(1);
        return ofQuery.getFirst();
    }

    private static JsonNode json(String line)
    {
        try {
            return JSON.readTree(line);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array)
    {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static int count(List<MaterializedRow> rows, String kind)
    {
        return (int) rows.stream().filter(row -> row.getField(0).equals(kind)).count();
    }
}
