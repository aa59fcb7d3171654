package dev.trinoai.connector;

import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryFailedException;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.google.common.base.Throwables.getCausalChain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a client sees when the catalog says no: the plugin's own errors as their message alone, with no Java frames in
 * Trino's {@code failureInfo}; Trino's usual errors for tables that do not exist; and a cap on the different questions
 * one query may ask the scalar functions.
 */
final class TestCleanErrors
        extends AbstractTestQueryFramework
{
    private static final int MAX_QUESTIONS = 2;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        QueryRunner runner = TestingSampleWarehouse.shared().queryRunner(Map.of("ai.udf.max-questions-per-query", String.valueOf(MAX_QUESTIONS)));
        TestingSampleWarehouse.createUnreachableCatalog(runner, "ai_down");
        return runner;
    }

    @Test
    void thePluginsOwnErrorsReachTheClientWithoutJavaFrames()
    {
        for (String sql : List.of(
                // refused while the query is analysed, on the coordinator
                "SELECT * FROM TABLE(ai.system.ask(question => ''))",
                // refused by a scalar function on the worker
                "SELECT ai.system.ask_value('What is the median MTTR of the Zeus program?')",
                // failed by the table function's engine on the worker, for a cause the server log keeps
                "SELECT * FROM TABLE(ai_down.system.ask(question => 'How is Apollo doing?'))",
                // refused by the cap on questions per query
                "SELECT ai.system.ask_text(q) FROM (VALUES 'How is Apollo doing?', 'How is Juniper doing?', 'How is Horizon doing?') AS t(q)")) {
            QueryFailedException failure = failure(sql);
            Throwable fromServer = failure.getCause();
            assertThat(fromServer).as(sql).isNotNull();
            assertThat(fromServer.getStackTrace()).as("frames of %s: %s", sql, fromServer.getMessage()).isEmpty();
            assertThat(fromServer.getCause()).as("cause of %s", sql).isNull();
            assertThat(fromServer.getMessage()).as(sql).doesNotContain("Exception").doesNotContain("dev.trinoai");
        }
    }

    @Test
    void anUnknownSchemaOrTableIsNotFoundAsInAnyCatalog()
    {
        assertQueryFails("SELECT * FROM ai.x.y", ".*Schema 'x' does not exist");
        assertQueryFails("SELECT * FROM ai.system.y", ".*Table 'ai.system.y' does not exist");
        assertThat(failure("SELECT * FROM ai.system.y").getMessage()).doesNotContain("not implemented");
        assertQueryFails("SELECT * FROM ai.metrics.y", ".*Table 'ai.metrics.y' does not exist");
        assertThat(computeActual("SHOW SCHEMAS FROM ai").getOnlyColumnAsSet()).containsExactlyInAnyOrder("system", "metrics", "model", "information_schema");
        assertThat(computeActual("SHOW TABLES FROM ai.system").getRowCount()).isZero();
        assertThat(computeActual("SELECT count(*) FROM ai.information_schema.tables WHERE table_schema = 'system'").getOnlyValue()).isEqualTo(0L);
    }

    @Test
    void aQueryMayAskTheScalarFunctionsOnlySoManyDifferentQuestions()
    {
        // the same question on every row is one question, however many rows ask it
        assertThat(computeActual("""
                SELECT count(ai.system.ask_text(q))
                FROM (VALUES 'How is Apollo doing?', 'How is Juniper doing?') AS t(q)
                CROSS JOIN UNNEST(sequence(1, 50)) AS r(n)
                """).getOnlyValue()).isEqualTo(100L);
        assertQueryFails("""
                SELECT ai.system.ask_value('budget variance % for ' || name || ' this quarter')
                FROM (VALUES 'Apollo', 'Juniper', 'Horizon') AS programs(name)
                """,
                "This query asks ai.system.ask_value more than 2 different questions, the limit of ai.udf.max-questions-per-query\\. " +
                        "Ask fewer: filter the rows first, ask one question for all of them with ai.system.ask_numbers, or ask your administrator to raise ai.udf.max-questions-per-query in the ai catalog file\\.");
        // each query has its own count
        assertThat(computeActual("SELECT ai.system.ask_text('How is Apollo doing?')").getRowCount()).isEqualTo(1);
    }

    private QueryFailedException failure(String sql)
    {
        Throwable thrown = catchThrowable(() -> computeActual(sql));
        assertThat(thrown).as(sql).isNotNull();
        return getCausalChain(thrown).stream()
                .filter(QueryFailedException.class::isInstance)
                .map(QueryFailedException.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no QueryFailedException for " + sql, thrown));
    }
}
