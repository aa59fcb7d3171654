package dev.trinoai.core.warehouse;

import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.TestingPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static dev.trinoai.core.AskFailure.DATABASE_NOT_READY;
import static dev.trinoai.core.AskFailure.DATABASE_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestWarehouse
{
    private TestingPostgres postgres;

    @BeforeAll
    void createDatabase()
    {
        postgres = TestingPostgres.create();
    }

    @AfterAll
    void dropDatabase()
    {
        postgres.close();
    }

    @Test
    void reportsServerAndPgvectorVersionsWhenReady()
    {
        WarehouseStatus status = new Warehouse(postgres.warehouseConfig()).status();
        assertThat(status.serverVersion()).matches("1[5-9].*");
        assertThat(status.pgvectorVersion()).matches("0\\.([8-9]|\\d\\d)\\..*");
    }

    @Test
    void connectionsCannotWrite()
            throws SQLException
    {
        try (Connection connection = new Warehouse(postgres.warehouseConfig()).openReadOnly();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE star.intruder (id int)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("SELECT to_regclass('star.intruder') IS NULL").next()).isTrue();
        }
    }

    @Test
    void namesTheMissingSchemasAndTheSetupScript()
    {
        try (TestingPostgres empty = TestingPostgres.createEmpty()) {
            empty.execute("CREATE EXTENSION vector", "CREATE SCHEMA star");
            assertThatThrownBy(() -> new Warehouse(empty.warehouseConfig()).status())
                    .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(DATABASE_NOT_READY))
                    .hasMessageContaining("lacks the schema(s) ask")
                    .hasMessageContaining("scripts/postgres.sh");
        }
    }

    @Test
    void saysWhenPgvectorIsMissing()
    {
        try (TestingPostgres empty = TestingPostgres.createEmpty()) {
            assertThatThrownBy(() -> new Warehouse(empty.warehouseConfig()).status())
                    .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(DATABASE_NOT_READY))
                    .hasMessageContaining("has no pgvector extension");
        }
    }

    @Test
    void saysWhenTheDatabaseDoesNotExist()
    {
        WarehouseConfig config = postgres.warehouseConfig();
        WarehouseConfig missing = new WarehouseConfig(config.jdbcUrl() + "_missing", config.user(), config.password(), "star", "ask", Duration.ofSeconds(5));
        assertThatThrownBy(() -> new Warehouse(missing).status())
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(DATABASE_NOT_READY))
                .hasMessageContaining("does not exist");
    }

    @Test
    void saysWhereItCouldNotConnectWithoutRevealingThePassword()
    {
        WarehouseConfig down = new WarehouseConfig("jdbc:postgresql://127.0.0.1:1/nowhere", Optional.of("reader"), Optional.of("s3cr3t-planted"), "star", "ask", Duration.ofSeconds(2));
        assertThatThrownBy(() -> new Warehouse(down).status())
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(DATABASE_UNAVAILABLE))
                .hasMessageContaining("Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageContaining("ai.postgres.url")
                .message().doesNotContain("s3cr3t-planted");
        assertThat(down.toString()).doesNotContain("s3cr3t-planted");
    }

    @Test
    void rejectsAUrlThatIsNotPostgres()
    {
        WarehouseConfig mysql = new WarehouseConfig("jdbc:mysql://127.0.0.1/db", Optional.empty(), Optional.empty(), "star", "ask", Duration.ofSeconds(2));
        assertThatThrownBy(() -> new Warehouse(mysql).status())
                .isInstanceOf(AskException.class)
                .hasMessageContaining("must be a PostgreSQL JDBC URL");
    }
}
