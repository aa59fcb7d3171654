package dev.trinoai.connector;

import dev.trinoai.core.llm.TestingOpenAiServer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.trinoai.connector.AiAttributes.CITATIONS;
import static dev.trinoai.connector.AiAttributes.DB_SYSTEM;
import static dev.trinoai.connector.AiAttributes.EMBEDDING_MODEL;
import static dev.trinoai.connector.AiAttributes.ERROR_TYPE;
import static dev.trinoai.connector.AiAttributes.FOLLOW_NUMBERS;
import static dev.trinoai.connector.AiAttributes.FUNCTION;
import static dev.trinoai.connector.AiAttributes.GROUP_BY;
import static dev.trinoai.connector.AiAttributes.INPUT_TOKENS;
import static dev.trinoai.connector.AiAttributes.LLM_MODEL;
import static dev.trinoai.connector.AiAttributes.METRIC;
import static dev.trinoai.connector.AiAttributes.METRICS;
import static dev.trinoai.connector.AiAttributes.OUTCOME;
import static dev.trinoai.connector.AiAttributes.OUTPUT_TOKENS;
import static dev.trinoai.connector.AiAttributes.PERIOD_END;
import static dev.trinoai.connector.AiAttributes.PERIOD_START;
import static dev.trinoai.connector.AiAttributes.QUERY_ID;
import static dev.trinoai.connector.AiAttributes.ROWS;
import static dev.trinoai.connector.AiAttributes.STREAMED;
import static dev.trinoai.connector.AiAttributes.VERIFIED;
import static dev.trinoai.core.llm.ModelScript.reply;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans of a question, from the tracer Trino hands the plugin, as the query runner records them in memory: one
 * span per question in the query's own trace, a child per step of the engine and per call of a model, and in no span
 * the question's words or the data's values.
 */
final class TestAskTracing
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
        runner.createCatalog("ai_llm", "ai", warehouse.openAiCatalogProperties(model.baseUrl().toString()).buildOrThrow());
        return runner;
    }

    @AfterAll
    void stopModel()
    {
        model.close();
    }

    @Test
    void aNumbersAndWhyQuestionIsASpanWithAChildPerStepInTheQuerysTrace()
    {
        model.script().then(reply("Apollo leads ", "the overruns [1]."));
        var result = getDistributedQueryRunner().executeWithPlan(getSession(), "SELECT kind, source, dimensions FROM TABLE(ai_llm.system.ask(question => '%s'))".formatted(WHY));
        String queryId = result.queryId().toString();
        List<MaterializedRow> rows = result.result().getMaterializedRows();
        List<SpanData> spans = getDistributedQueryRunner().getSpans();

        SpanData question = only(spans, ObservedQuestion.SPAN);
        assertThat(question.getAttributes().get(QUERY_ID)).isEqualTo(queryId);
        assertThat(question.getAttributes().get(FUNCTION)).isEqualTo("ask");
        assertThat(question.getAttributes().get(OUTCOME)).isEqualTo("answered");
        assertThat(question.getAttributes().get(VERIFIED)).isTrue();
        assertThat(question.getAttributes().get(METRICS)).containsExactly("budget_variance_pct");
        // a child of the split that runs the table function, in the trace of Trino's own spans of the query
        assertThat(question.getParentSpanContext().isValid()).isTrue();
        assertThat(spans.stream().filter(span -> queryId.equals(span.getAttributes().get(QUERY_ID))).map(SpanData::getTraceId).distinct())
                .containsExactly(question.getTraceId());

        assertThat(children(spans, question)).extracting(SpanData::getName).containsExactly("ai.interpret", "ai.statement", "ai.retrieval", "ai.compose");

        SpanData statement = only(children(spans, question), "ai.statement");
        assertThat(statement.getAttributes().get(DB_SYSTEM)).isEqualTo("postgresql");
        assertThat(statement.getAttributes().get(METRIC)).isEqualTo("budget_variance_pct");
        assertThat(statement.getAttributes().get(GROUP_BY)).containsExactly("program");
        assertThat(statement.getAttributes().get(PERIOD_START)).isEqualTo("2026-10-01");
        assertThat(statement.getAttributes().get(PERIOD_END)).isEqualTo("2026-12-31");
        assertThat(statement.getAttributes().get(ROWS)).isEqualTo(count(rows, "number"));

        SpanData retrieval = only(children(spans, question), "ai.retrieval");
        assertThat(retrieval.getAttributes().get(FOLLOW_NUMBERS)).isTrue();
        assertThat(retrieval.getAttributes().get(CITATIONS)).isEqualTo(count(rows, "citation"));
        // the query's text embedded once for each program the numbers singled out
        assertThat(children(spans, retrieval)).isNotEmpty().allSatisfy(embedding -> {
            assertThat(embedding.getName()).isEqualTo("ai.embedding");
            assertThat(embedding.getAttributes().get(EMBEDDING_MODEL)).isEqualTo("local:all-minilm-l6-v2-q");
        });

        SpanData compose = only(children(spans, question), "ai.compose");
        assertThat(children(spans, compose)).singleElement().satisfies(llm -> {
            assertThat(llm.getName()).isEqualTo("ai.llm");
            assertThat(llm.getAttributes().get(LLM_MODEL)).isEqualTo("openai llama3.1");
            assertThat(llm.getAttributes().get(STREAMED)).isTrue();
            assertThat(llm.getAttributes().get(INPUT_TOKENS)).isEqualTo(100);
            assertThat(llm.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(2);
        });

        // neither the question's words nor a value of the data, in the plugin's spans or in Trino's (which print the handle)
        assertThat(rows).anySatisfy(row -> assertThat((String) row.getField(2)).isEqualTo("{\"program\":\"Apollo\"}"));
        assertThat(spans).allSatisfy(span -> assertThat(span.getAttributes().asMap().values()).allSatisfy(value -> assertThat(value.toString())
                .doesNotContain("over budget")
                .doesNotContain("Apollo")));
    }

    @Test
    void aQuestionRefusedWhileTheQueryIsAnalysedEndsItsSpanWithTheErrorCode()
    {
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => ''))", "The question is empty.*");
        SpanData question = only(getDistributedQueryRunner().getSpans(), ObservedQuestion.SPAN);
        assertThat(question.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(question.getAttributes().get(OUTCOME)).isEqualTo("failed");
        assertThat(question.getAttributes().get(ERROR_TYPE)).isEqualTo("AI_INVALID_QUESTION");
    }

    private static SpanData only(List<SpanData> spans, String name)
    {
        List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.getFirst();
    }

    private static List<SpanData> children(List<SpanData> spans, SpanData parent)
    {
        return spans.stream()
                .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .toList();
    }

    private static long count(List<MaterializedRow> rows, String kind)
    {
        return rows.stream().filter(row -> row.getField(0).equals(kind)).count();
    }
}
