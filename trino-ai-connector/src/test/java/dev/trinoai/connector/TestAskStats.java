package dev.trinoai.connector;

import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's {@code @Managed} counters after a known mix of questions, read as the {@code jmx} catalog reads them.
 *
 * <p>Trino's JMX connector is not published for 476 ({@code io.trino:trino-jmx} stops at 449), so the test reads the
 * beans from the platform MBeanServer, where the {@code jmx} catalog of a real server finds them, under the same names.
 * The runner has one node: the nodes of a test runner share one MBeanServer, in which a second node's beans of the same
 * catalog would not register. The catalog's name is this test's own, so no other test's catalog holds the names.
 */
final class TestAskStats
        extends AbstractTestQueryFramework
{
    private static final String CATALOG = "ai_stats";
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        Session session = testSessionBuilder().setCatalog(CATALOG).setSchema("system").build();
        QueryRunner runner = DistributedQueryRunner.builder(session).setWorkerCount(0).build();
        runner.installPlugin(new AiPlugin());
        runner.createCatalog(CATALOG, "ai", TestingSampleWarehouse.shared().catalogProperties());
        return runner;
    }

    @Test
    void everyQuestionIsCountedOnceByHowItEnded()
    {
        Map<String, Long> before = counters("AskStats");

        MaterializedResult plain = ask("Which programs are over budget this quarter?");
        MaterializedResult verifiedWithWhy = ask("Which programs are over budget this quarter, and why?");
        assertThat(kinds(verifiedWithWhy)).contains("number", "citation");
        // a decline: its notice and the questions it suggests instead, no number
        assertThat(kinds(ask("What is the MTTR of the blockchain team this quarter?"))).contains("notice").containsOnly("notice", "suggestion");
        assertThat(kinds(ask("Delete the risks of Apollo"))).contains("notice").containsOnly("notice", "suggestion");
        assertQueryFails("SELECT * FROM TABLE(system.ask(question => ''))", "The question is empty.*");

        assertThat(delta(before, counters("AskStats"))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Asked.TotalCount", 5L),
                Map.entry("Answered.TotalCount", 2L),
                Map.entry("VerifiedAnswers.TotalCount", 1L),
                Map.entry("Declined.TotalCount", 2L),
                // "blockchain" is a word left over; a request to delete is declined for another reason
                Map.entry("CoverageDeclines.TotalCount", 1L),
                Map.entry("Abandoned.TotalCount", 0L),
                Map.entry("Failed.TotalCount", 1L),
                Map.entry("FailedInvalidQuestion.TotalCount", 1L),
                Map.entry("FailedDatabaseUnavailable.TotalCount", 0L),
                Map.entry("FailedDatabaseNotReady.TotalCount", 0L),
                Map.entry("FailedTimeout.TotalCount", 0L),
                Map.entry("FailedAccessDenied.TotalCount", 0L),
                Map.entry("FailedTooManyQuestions.TotalCount", 0L),
                Map.entry("FailedInternalError.TotalCount", 0L),
                Map.entry("QuestionTime.AllTime.Count", 5L),
                // one timing per statement the answers show, one per search of the text
                Map.entry("StatementTime.AllTime.Count", count(plain, "sql") + count(verifiedWithWhy, "sql")),
                Map.entry("RetrievalTime.AllTime.Count", 1L)));
    }

    @Test
    void theTableAndScalarFunctionsCountTheirQuestionsToo()
    {
        Map<String, Long> before = counters("AskStats");
        Map<String, Long> cacheBefore = counters("AnswerCacheStats");

        assertThat(computeActual("SELECT * FROM TABLE(system.ask_numbers(question => 'Which programs are over budget this quarter?'))").getRowCount()).isPositive();
        assertQueryFails("SELECT * FROM TABLE(system.ask_numbers(question => 'What are the main risks for Apollo?'))", "This question asks for no numbers.*");
        // the second call finds the first one's answer in the cache: one question for the engine
        String value = "SELECT system.ask_value('budget variance % for Apollo this quarter')";
        assertThat(computeScalar(value)).isEqualTo(computeScalar(value));

        assertThat(delta(before, counters("AskStats"))).containsAllEntriesOf(Map.of(
                "Asked.TotalCount", 3L,
                "Answered.TotalCount", 2L,
                "Failed.TotalCount", 1L,
                "FailedInvalidQuestion.TotalCount", 1L,
                "StatementTime.AllTime.Count", 2L));
        assertThat(delta(cacheBefore, counters("AnswerCacheStats"))).isEqualTo(Map.of("Hits", 1L, "Misses", 1L));
    }

    @Test
    void theModelsCountTheirCalls()
    {
        Map<String, Long> before = counters("EmbeddingStats");
        ask("What are the main risks to Apollo right now?");
        Map<String, Long> calls = delta(before, counters("EmbeddingStats"));
        assertThat(calls.get("Calls.TotalCount")).isPositive();
        assertThat(calls.get("Texts.TotalCount")).isGreaterThanOrEqualTo(calls.get("Calls.TotalCount"));
        assertThat(calls.get("Failures.TotalCount")).isZero();
        assertThat(attribute("EmbeddingStats", "Model")).isEqualTo("local:all-minilm-l6-v2-q");

        // a catalog without a language model says so, and never calls one
        assertThat(attribute("LlmStats", "Model")).isEqualTo("none");
        assertThat(counters("LlmStats").get("Calls.TotalCount")).isZero();
        assertThat(attribute("LlmStats", "EstimatedCost")).isNull();
    }

    private MaterializedResult ask(String question)
    {
        return computeActual("SELECT kind FROM TABLE(system.ask(question => '%s'))".formatted(question));
    }

    private static List<Object> kinds(MaterializedResult result)
    {
        return result.getOnlyColumn().toList();
    }

    private static long count(MaterializedResult result, String kind)
    {
        return kinds(result).stream().filter(kind::equals).count();
    }

    /**
     * The bean's counts, by attribute name, as the {@code jmx} catalog has them as columns (lower-cased there): the
     * totals of counters and of timings, leaving out rates and decaying counts.
     */
    private static Map<String, Long> counters(String type)
    {
        try {
            ObjectName name = beanName(type);
            Map<String, Long> counters = new LinkedHashMap<>();
            for (MBeanAttributeInfo attribute : MBEANS.getMBeanInfo(name).getAttributes()) {
                Object value = MBEANS.getAttribute(name, attribute.getName());
                if (value instanceof Long || attribute.getName().endsWith("AllTime.Count")) {
                    counters.put(attribute.getName(), ((Number) value).longValue());
                }
            }
            return counters;
        }
        catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    private static Object attribute(String type, String attribute)
    {
        try {
            return MBEANS.getAttribute(beanName(type), attribute);
        }
        catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectName beanName(String type)
            throws JMException
    {
        // in SQL: SELECT * FROM jmx.current."trino.plugin.ai:name=ai_stats,type=askstats"
        return new ObjectName("trino.plugin.ai:type=%s,name=%s".formatted(type, CATALOG));
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after)
    {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> delta.put(name, value - before.getOrDefault(name, 0L)));
        return delta;
    }
}
