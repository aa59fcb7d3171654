package dev.trinoai.core.warehouse;

import dev.trinoai.core.AskException;
import dev.trinoai.core.AskFailure;
import dev.trinoai.core.TestingAwsCredentials;
import dev.trinoai.core.TestingPostgresCluster;
import dev.trinoai.core.TestingSecretsManagerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static dev.trinoai.core.AskFailure.DATABASE_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The database password read from AWS Secrets Manager (a local server speaking its protocol), against a PostgreSQL
 * cluster of the test's own, since that one checks passwords.
 */
@TestInstance(PER_CLASS)
@Tag("security")
final class TestSecretsManagerLogins
{
    private static final String READER = "secret_reader";

    private TestingAwsCredentials credentials;
    private TestingSecretsManagerServer secrets;
    private TestingPostgresCluster cluster;

    @BeforeAll
    void start()
    {
        credentials = new TestingAwsCredentials("AKIDTESTINGSECRETS01", "testing/secret/key/never/shown/0000000000");
        secrets = new TestingSecretsManagerServer();
        cluster = new TestingPostgresCluster();
        cluster.execute("postgres", "CREATE DATABASE pmo");
    }

    @AfterAll
    void stop()
    {
        cluster.close();
        secrets.close();
        credentials.close();
    }

    @Test
    void readsTheSecretOnceForManyConnections()
            throws SQLException
    {
        setPassword("first-password-1");
        secrets.put("trino-ai/json", "{\"engine\":\"postgres\",\"username\":\"%s\",\"password\":\"first-password-1\",\"port\":5432}".formatted(READER));
        int before = secrets.calls();
        try (Warehouse warehouse = new Warehouse(config("trino-ai/json", Optional.empty()))) {
            for (int i = 0; i < 5; i++) {
                try (Connection first = warehouse.openReadOnly(); Connection second = warehouse.openReadOnly()) {
                    assertThat(currentUser(first)).isEqualTo(READER);
                    assertThat(currentUser(second)).isEqualTo(READER);
                }
            }
        }
        assertThat(secrets.calls() - before).isEqualTo(1);
    }

    @Test
    void aPlainSecretIsThePasswordOfTheConfiguredUser()
            throws SQLException
    {
        setPassword("plain-password-2");
        secrets.put("trino-ai/plain", "plain-password-2");
        try (Warehouse warehouse = new Warehouse(config("trino-ai/plain", Optional.of(READER)));
                Connection connection = warehouse.openReadOnly()) {
            assertThat(currentUser(connection)).isEqualTo(READER);
        }
    }

    @Test
    void readsTheSecretAgainWhenPostgresRefusesTheCachedPassword()
            throws SQLException
    {
        setPassword("before-rotation-3");
        secrets.put("trino-ai/rotated", "before-rotation-3");
        int before = secrets.calls();
        try (Warehouse warehouse = new Warehouse(config("trino-ai/rotated", Optional.of(READER)))) {
            try (Connection held = warehouse.openReadOnly()) {
                setPassword("after-rotation-3");
                secrets.put("trino-ai/rotated", "after-rotation-3");
                // a second connection while the first is held is a new login, with the cached, now refused, password
                try (Connection fresh = warehouse.openReadOnly()) {
                    assertThat(currentUser(fresh)).isEqualTo(READER);
                }
                assertThat(currentUser(held)).isEqualTo(READER);
            }
        }
        assertThat(secrets.calls() - before).isEqualTo(2);
    }

    @Test
    void aSecretPostgresRefusesNamesTheSecretNotItsValue()
    {
        setPassword("actual-password-4");
        secrets.put("trino-ai/stale", "stale-password-4");
        try (Warehouse warehouse = new Warehouse(config("trino-ai/stale", Optional.of(READER)))) {
            assertThatThrownBy(warehouse::openReadOnly)
                    .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(DATABASE_UNAVAILABLE))
                    .hasMessageContaining("refused the login of user '%s'".formatted(READER))
                    .hasMessageContaining("Fix the secret 'trino-ai/stale' in AWS Secrets Manager (ai.postgres.password-secret-id)")
                    .message().doesNotContain("stale-password-4").doesNotContain("actual-password-4");
        }
    }

    @Test
    void aMissingSecretIsNamedAtOnce()
    {
        secrets.put("trino-ai/other", "other-password-5");
        try (Warehouse warehouse = new Warehouse(config("trino-ai/missing", Optional.of(READER)))) {
            assertThatThrownBy(warehouse::openReadOnly)
                    .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(DATABASE_UNAVAILABLE))
                    .hasMessageContaining("AWS Secrets Manager refused to give the secret 'trino-ai/missing': ResourceNotFoundException")
                    .message().doesNotContain("other-password-5");
        }
    }

    @Test
    void aSecretThatIsNeitherPasswordNorLoginJsonIsNotQuoted()
    {
        secrets.put("trino-ai/broken", "{\"password\": unquoted-password-6");
        secrets.put("trino-ai/no-password", "{\"username\":\"reader\",\"pass\":\"misnamed-password-6\"}");
        for (String id : new String[] {"trino-ai/broken", "trino-ai/no-password"}) {
            try (Warehouse warehouse = new Warehouse(config(id, Optional.of(READER)))) {
                assertThatThrownBy(warehouse::openReadOnly)
                        .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.getCause()).isNull())
                        .hasMessageContaining("The secret '%s'".formatted(id))
                        .message().doesNotContain("password-6");
            }
        }
    }

    @Test
    void aPasswordAndASecretExcludeEachOther()
    {
        assertThatThrownBy(() -> new WarehouseConfig(cluster.jdbcUrl("pmo"), Optional.empty(), Optional.of("pw"), "star", "ask", Duration.ofSeconds(2),
                Optional.of(new PasswordSecret("id", Optional.empty(), Optional.empty()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(config("trino-ai/json", Optional.empty()).toString()).contains("secret trino-ai/json");
    }

    private void setPassword(String password)
    {
        cluster.execute("postgres", """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s LOGIN; END IF;
                END $$""".formatted(READER), "ALTER ROLE %s PASSWORD '%s'".formatted(READER, password));
    }

    private WarehouseConfig config(String secretId, Optional<String> user)
    {
        return new WarehouseConfig(cluster.jdbcUrl("pmo"), user, Optional.empty(), "star", "ask", Duration.ofSeconds(2),
                Optional.of(new PasswordSecret(secretId, Optional.of("us-east-1"), Optional.of(secrets.uri()))));
    }

    private static String currentUser(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
