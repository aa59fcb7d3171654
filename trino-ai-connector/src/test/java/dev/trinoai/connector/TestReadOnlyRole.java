package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector works as a login in {@code trino_ai_reader} of {@code etc/postgres/roles.sql}, and that login can
 * write nothing.
 */
@Tag("security")
final class TestReadOnlyRole
        extends AbstractTestQueryFramework
{
    private static final String LOGIN = "trino_ai_test_reader_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "reader-" + UUID.randomUUID();

    private TestingSampleWarehouse warehouse;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        warehouse = TestingSampleWarehouse.shared();
        String roles = Files.readString(Path.of("../etc/postgres/roles.sql"));
        // twice: the script is idempotent
        warehouse.postgres().execute(roles, roles, "CREATE ROLE %s LOGIN PASSWORD '%s' IN ROLE trino_ai_reader".formatted(LOGIN, PASSWORD));
        QueryRunner runner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog("ai").setSchema("system").build()).setWorkerCount(0).build();
        runner.installPlugin(new AiPlugin());
        runner.createCatalog("ai", "ai", ImmutableMap.<String, String>builder()
                .putAll(warehouse.catalogProperties())
                .put("ai.postgres.user", LOGIN)
                .put("ai.postgres.password", PASSWORD)
                .buildKeepingLast());
        return runner;
    }

    @AfterAll
    void dropLogin()
    {
        warehouse.postgres().execute("DROP OWNED BY %s".formatted(LOGIN), "DROP ROLE %s".formatted(LOGIN));
    }

    @Test
    void everyPathAnswersUnderTheReaderRole()
    {
        Session session = getSession();
        assertThat((Long) computeScalar(session, "SELECT count(*) FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter, and why?')) WHERE kind IN ('number', 'citation')")).isPositive();
        assertThat((Long) computeScalar(session, "SELECT count(*) FROM TABLE(ai.system.ask_numbers(question => 'Budget variance % by program this quarter'))")).isPositive();
        assertThat((Double) computeScalar(session, "SELECT ai.system.ask_value('budget variance % for Apollo this quarter')")).isNotNull();
    }

    @Test
    void theReaderRoleWritesNothing()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(warehouse.postgres().jdbcUrl(), LOGIN, PASSWORD); Statement statement = connection.createStatement()) {
            for (String write : new String[] {
                    "INSERT INTO star.dim_program SELECT * FROM star.dim_program LIMIT 1",
                    "UPDATE star.fact_budget SET actual_usd = 0",
                    "DELETE FROM ask.text_chunk",
                    "TRUNCATE star.dim_program CASCADE",
                    "CREATE TABLE star.x (a int)",
                    "CREATE TABLE public.x (a int)",
                    "SELECT count(*) FROM staging.ingest_run",
                    "DROP TABLE star.fact_budget"}) {
                assertThatThrownBy(() -> statement.execute(write)).as(write).isInstanceOf(SQLException.class).hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
    }
}
