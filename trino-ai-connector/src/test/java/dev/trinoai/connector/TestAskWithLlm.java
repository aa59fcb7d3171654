package dev.trinoai.connector;

import dev.trinoai.core.llm.ModelScript;
import dev.trinoai.core.llm.TestingOpenAiServer;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static dev.trinoai.core.llm.ModelScript.reply;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ai.system.ask} with {@code ai.llm.provider=openai}, in a real Trino query runner over the seed-42 sample, the
 * model a local server that speaks OpenAI's streaming protocol: the answer rows are the model's chunks, the numbers
 * and the SQL those of the offline catalog.
 */
@Tag("security")
final class TestAskWithLlm
        extends AbstractTestQueryFramework
{
    private static final String WHY = "Which programs are over budget this quarter, and why?";

    private TestingOpenAiServer model;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        TestingSampleWarehouse warehouse = TestingSampleWarehouse.shared();
        model = new TestingOpenAiServer();
        QueryRunner runner = warehouse.queryRunner(Map.of());
        runner.createCatalog("ai_llm", "ai", warehouse.openAiCatalogProperties(model.baseUrl().toString())
                .put("ai.llm.openai.api-key", "sk-test-0000")
                .buildOrThrow());
        runner.createCatalog("ai_llm_down", "ai", warehouse.openAiCatalogProperties("http://127.0.0.1:%d/v1".formatted(closedPort()))
                .put("ai.llm.max-attempts", "1")
                .buildOrThrow());
        return runner;
    }

    private static int closedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    void stopModel()
    {
        model.close();
    }

    @BeforeEach
    void reset()
    {
        model.script().reset();
    }

    @Test
    void theModelsChunksAreTheAnswerRowsAndTheNumbersComeFromSql()
    {
        model.script().then(reply("Apollo ", "and the others ", "are over budget ", "because of vendor delays [1]."));
        List<MaterializedRow> rows = rows("ai_llm", WHY);

        // after the engine's own line saying what was computed, the model's chunks, as they came
        List<String> answers = texts(rows, "answer");
        assertThat(answers.getFirst()).startsWith("Budget variance % by program, this quarter");
        assertThat(answers.subList(1, answers.size())).containsExactly("Apollo ", "and the others ", "are over budget ", "because of vendor delays [1].");
        assertThat(numbers(rows)).isNotEmpty().isEqualTo(numbers(rows("ai", WHY)));
        assertThat(texts(rows, "sql")).isEqualTo(texts(rows("ai", WHY), "sql"));
        assertThat(texts(rows, "notice")).contains("The model (openai llama3.1) used 100 input and 4 output tokens in 1 call.");

        List<ModelScript.Call> calls = model.script().calls();
        assertThat(calls).hasSize(1);
        String prompt = calls.getFirst().body().path("messages").get(1).path("content").asText();
        assertThat(prompt).contains("Question: " + WHY, "NUMBERS (returned by SQL)", "SNIPPETS (a JSON array");
        assertThat(calls.getFirst().authorization()).isEqualTo("Bearer sk-test-0000");
    }

    @Test
    void aNumberTheModelMadeUpIsFlagged()
    {
        model.script().then(reply("Apollo is 97.5% over budget [1]."));
        assertThat(texts(rows("ai_llm", WHY), "notice")).contains("The narrative mentions 97.5%, which no query returned: trust the number rows, not this figure.");
    }

    @Test
    void theModelPlansWhatTheOfflineReaderDeclines()
    {
        String median = "What is the median MTTR per team this quarter?";
        assertThat(texts(rows("ai", median), "notice")).singleElement().asString().startsWith("I did not answer with numbers");

        model.script().then(reply("{\"metrics\": [{\"metric\": \"mttr\", \"group_by\": [\"team\"], \"time\": \"this quarter\", \"order\": \"desc\"}]}"));
        List<MaterializedRow> rows = rows("ai_llm", median);
        assertThat(numbers(rows)).isNotEmpty().isEqualTo(numbers(rows("ai", "What is the MTTR by team this quarter?")));
        assertThat(texts(rows, "notice")).anySatisfy(notice -> assertThat(notice).contains("the model (openai llama3.1) planned it"));
        // no retrieval in the plan: the offline composer writes the narrative, without another call
        assertThat(model.script().calls()).hasSize(1);
    }

    @Test
    void aModelThatIsDownLeavesTheOfflineAnswer()
    {
        List<MaterializedRow> offline = rows("ai", WHY);
        List<MaterializedRow> rows = rows("ai_llm_down", WHY);
        assertThat(numbers(rows)).isEqualTo(numbers(offline));
        assertThat(texts(rows, "citation")).isNotEmpty().isEqualTo(texts(offline, "citation"));
        assertThat(texts(rows, "answer")).isEqualTo(texts(offline, "answer"));
        assertThat(texts(rows, "notice")).anySatisfy(notice -> assertThat(notice)
                .startsWith("The model could not write the narrative (cannot reach http://127.0.0.1:")
                .endsWith("; this is the offline narrative."));
    }

    private List<MaterializedRow> rows(String catalog, String question)
    {
        return computeActual("SELECT kind, seq, text, metric, value, dimensions FROM TABLE(%s.system.ask(question => '%s')) ORDER BY kind, seq".formatted(catalog, question.replace("'", "''")))
                .getMaterializedRows();
    }

    private static List<String> texts(List<MaterializedRow> rows, String kind)
    {
        return rows.stream().filter(row -> row.getField(0).equals(kind)).map(row -> (String) row.getField(2)).toList();
    }

    private static List<List<Object>> numbers(List<MaterializedRow> rows)
    {
        return rows.stream().filter(row -> row.getField(0).equals("number")).map(row -> List.of(row.getField(3), row.getField(4), row.getField(5))).toList();
    }
}
