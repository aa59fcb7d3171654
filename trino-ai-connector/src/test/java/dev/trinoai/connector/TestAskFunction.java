package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.TestingPostgres;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;

final class TestAskFunction
        extends AbstractTestQueryFramework
{
    private TestingPostgres postgres;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        postgres = TestingPostgres.create();
        Session session = testSessionBuilder().setCatalog("ai").setSchema("system").build();
        QueryRunner runner = DistributedQueryRunner.builder(session).setWorkerCount(1).build();
        runner.installPlugin(new AiPlugin());
        runner.createCatalog("ai", "ai", catalogProperties(postgres.jdbcUrl()));
        runner.createCatalog("ai_down", "ai", catalogProperties("jdbc:postgresql://127.0.0.1:1/nowhere"));
        return runner;
    }

    private Map<String, String> catalogProperties(String url)
    {
        ImmutableMap.Builder<String, String> properties = ImmutableMap.<String, String>builder()
                .put("ai.postgres.url", url)
                .put("ai.postgres.connect-timeout", "2s")
                .put("ai.ask.max-question-length", "200");
        postgres.user().ifPresent(user -> properties.put("ai.postgres.user", user));
        postgres.password().ifPresent(password -> properties.put("ai.postgres.password", password));
        return properties.buildOrThrow();
    }

    @AfterAll
    void dropDatabase()
    {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void returnsTheRowContract()
    {
        MaterializedResult result = computeActual("SELECT * FROM TABLE(ai.system.ask(question => 'Which programs are over budget?'))");
        assertThat(result.getColumnNames()).containsExactly("kind", "seq", "text", "metric", "value", "unit", "dimensions", "source", "score");
        assertThat(result.getTypes()).containsExactly(VARCHAR, INTEGER, VARCHAR, VARCHAR, DOUBLE, VARCHAR, VARCHAR, VARCHAR, DOUBLE);
    }

    @Test
    void saysTheEngineIsNotBuiltYetAndThatTheWarehouseIsReady()
    {
        assertThat(query("SELECT kind, seq, metric, value, unit, dimensions, source, score FROM TABLE(ai.system.ask(question => 'Which programs are over budget?'))"))
                .matches("VALUES (VARCHAR 'notice', 1, CAST(NULL AS varchar), CAST(NULL AS double), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS double))");
        String text = (String) computeScalar("SELECT text FROM TABLE(ai.system.ask(question => '  Which programs are over budget?  '))");
        assertThat(text)
                .contains("not built yet")
                .contains("\"Which programs are over budget?\"")
                .containsPattern("PostgreSQL 1[5-9][.0-9]* .*with pgvector 0\\.[8-9]");
    }

    @Test
    void takesTheQuestionByPositionOrFromTheSessionCatalog()
    {
        assertQuery("SELECT kind FROM TABLE(ai.system.ask('How is Apollo doing?'))", "VALUES 'notice'");
        assertQuery("SELECT kind FROM TABLE(system.ask(question => 'How is Apollo doing?'))", "VALUES 'notice'");
    }

    @Test
    void refusesEmptyBlankMissingAndOverlongQuestions()
    {
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => ''))", "The question is empty.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => '   '))", "The question is empty.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => CAST(NULL AS varchar)))", "The question is empty.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask())", ".*Missing argument: QUESTION.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => '" + "x".repeat(201) + "'))",
                "The question has 201 characters; the limit is 200 \\(ai.ask.max-question-length\\).*");
    }

    @Test
    void analysisDoesNotTouchTheDatabase()
    {
        // EXPLAIN runs analyze() only; it must succeed even when the database is down.
        assertThat(computeActual("EXPLAIN SELECT * FROM TABLE(ai_down.system.ask(question => 'How is Apollo doing?'))").getRowCount()).isPositive();
    }

    @Test
    void saysWhichDatabaseItCannotReachAndWhatToFix()
    {
        assertQueryFails("SELECT * FROM TABLE(ai_down.system.ask(question => 'How is Apollo doing?'))",
                "Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere.*Start the server, or fix ai.postgres.url in the catalog file.");
    }

    @Test
    void listsTheSystemSchema()
    {
        assertThat(computeActual("SHOW SCHEMAS FROM ai").getOnlyColumnAsSet()).contains("system");
    }

    @Test
    void runsInsideLargerQueries()
    {
        assertQuery("""
                SELECT count(*), min(a.kind)
                FROM TABLE(ai.system.ask(question => 'How is Apollo doing?')) a
                CROSS JOIN (VALUES 1, 2, 3) t(x)
                """, "VALUES (3, 'notice')");
    }

    @Test
    void isListedAsATableFunction()
    {
        MaterializedResult functions = computeActual("SHOW FUNCTIONS FROM ai.system");
        assertThat(functions.getRowCount()).isEqualTo(1);
        assertThat(functions.getMaterializedRows().getFirst().getField(0)).isEqualTo("ask");
        assertThat(functions.getMaterializedRows().getFirst().getField(3)).isEqualTo("table");
    }
}
