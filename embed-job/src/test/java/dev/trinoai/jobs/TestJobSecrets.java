package dev.trinoai.jobs;

import dev.trinoai.core.TestingAwsCredentials;
import dev.trinoai.core.TestingPostgresCluster;
import dev.trinoai.core.TestingSecretsManagerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The jobs take their database password from AWS Secrets Manager (a local server speaking its protocol) as the
 * connector does, named by the environment variables of the connector's keys: AI_POSTGRES_PASSWORD_SECRET_ID,
 * AI_POSTGRES_SECRETS_REGION, AI_POSTGRES_SECRETS_ENDPOINT. Against a PostgreSQL cluster of the test's own, since the
 * shared server does not check passwords. Every password is a unique marker, so the test can tell that none reaches
 * what the job prints.
 */
@TestInstance(PER_CLASS)
@Tag("security")
final class TestJobSecrets
{
    private static final String WRITER = "job_writer";
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path landing;

    private TestingAwsCredentials credentials;
    private TestingSecretsManagerServer secrets;
    private TestingPostgresCluster cluster;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void start()
            throws IOException
    {
        credentials = new TestingAwsCredentials("AKIDTESTINGJOBSECRET", "testing/job/secret/key/never/shown/000000000");
        secrets = new TestingSecretsManagerServer();
        cluster = new TestingPostgresCluster();
        cluster.execute("postgres", "CREATE ROLE %s LOGIN".formatted(WRITER), "CREATE DATABASE pmo OWNER " + WRITER);
        cluster.execute("pmo", "CREATE SCHEMA staging AUTHORIZATION " + WRITER, "CREATE SCHEMA star AUTHORIZATION " + WRITER);
        Files.writeString(landing.resolve("programs.csv"), """
                program_id,name,portfolio,owner,start_date,status
                PRG-01,Apollo,Platform,Ada Lovelace,2026-01-05,active
                """);
    }

    @AfterAll
    void stop()
    {
        cluster.close();
        secrets.close();
        credentials.close();
    }

    @Test
    void theIngestRunsWithThePasswordOnlyInAnRdsSecretWhoseUsernameWins()
            throws SQLException
    {
        String password = marker();
        rotate(password, "jobs/rds", "{\"engine\":\"postgres\",\"username\":\"%s\",\"password\":\"%s\",\"port\":5432}".formatted(WRITER, password));

        assertTheIngestLogsInAsTheWriter(environment("jobs/rds", "someone_else"), password);
    }

    @Test
    void aPlainSecretIsThePasswordOfAiPostgresUser()
            throws SQLException
    {
        String password = marker();
        rotate(password, "jobs/plain", password);

        assertTheIngestLogsInAsTheWriter(environment("jobs/plain", WRITER), password);
    }

    @Test
    void theSecretIsReadOnceAndARotationCostsOneMoreReadIncludingOnReconnect()
            throws SQLException
    {
        String before = marker();
        rotate(before, "jobs/rotated", before);
        int calls = secrets.calls();
        try (JobDatabase database = JobDatabase.fromEnvironment(environment("jobs/rotated", WRITER))) {
            try (Connection held = database.connect()) {
                for (int i = 0; i < 3; i++) {
                    try (Connection connection = database.connect()) {
                        assertThat(currentUser(connection)).isEqualTo(WRITER);
                    }
                }
                assertThat(secrets.calls() - calls).isEqualTo(1);

                // the role's password changed and the secret updated: the cached password is refused once, then read again
                String after = marker();
                rotate(after, "jobs/rotated", after);
                assertThat(Reconnect.DEFAULT.run("ingest", database, QUIET, TestJobSecrets::currentUser)).isEqualTo(WRITER);
                assertThat(currentUser(held)).isEqualTo(WRITER);
            }
            try (Connection next = database.connect()) {
                assertThat(currentUser(next)).isEqualTo(WRITER);
            }
        }
        assertThat(secrets.calls() - calls).isEqualTo(2);
    }

    @Test
    void aStaleSecretFailsTheRunNamingTheSecretIdAndNoPassword()
    {
        String actual = marker();
        String stale = marker();
        rotate(actual, "jobs/stale", stale);
        int calls = secrets.calls();

        assertThat(ingest(environment("jobs/stale", WRITER))).isEqualTo(1);
        assertThat(err())
                .contains("refused the login of user '%s'".formatted(WRITER))
                .contains("Fix the secret 'jobs/stale' in AWS Secrets Manager (AI_POSTGRES_PASSWORD_SECRET_ID)");
        assertThat(out() + err()).doesNotContain(stale).doesNotContain(actual);
        // read once, and once more when PostgreSQL refused it, in case it had just been rotated
        assertThat(secrets.calls() - calls).isEqualTo(2);
    }

    @Test
    void aSecretSecretsManagerDoesNotHaveIsNamedWithTheAwsErrorCode()
    {
        String other = marker();
        secrets.put("jobs/other", other);

        assertThat(ingest(environment("jobs/missing"))).isEqualTo(1);
        assertThat(err()).contains("AWS Secrets Manager refused to give the secret 'jobs/missing': ResourceNotFoundException");
        assertThat(out() + err()).doesNotContain(other);
    }

    @Test
    void aPasswordAndASecretIdExcludeEachOther()
    {
        String password = marker();
        Map<String, String> environment = environment("jobs/plain");
        environment.put("AI_POSTGRES_PASSWORD", password);

        assertThat(ingest(environment)).isEqualTo(2);
        assertThat(err()).contains("AI_POSTGRES_PASSWORD and AI_POSTGRES_PASSWORD_SECRET_ID exclude each other").doesNotContain(password);
    }

    @Test
    void aRegionOrEndpointWithoutASecretIdIsAMistake()
    {
        Map<String, String> environment = environment("jobs/plain");
        environment.remove("AI_POSTGRES_PASSWORD_SECRET_ID");

        assertThat(ingest(environment)).isEqualTo(2);
        assertThat(err()).contains("AI_POSTGRES_SECRETS_REGION and AI_POSTGRES_SECRETS_ENDPOINT need AI_POSTGRES_PASSWORD_SECRET_ID");

        environment = environment("jobs/plain");
        environment.put("AI_POSTGRES_SECRETS_ENDPOINT", "vpce.internal:443");
        assertThat(ingest(environment)).isEqualTo(2);
        assertThat(err()).contains("AI_POSTGRES_SECRETS_ENDPOINT must be an http or https URL");
    }

    @Test
    void theUsageListsTheSecretVariables()
    {
        assertThat(JobsMain.run(List.of("help"), Map.of(), print(out), print(err))).isEqualTo(0);
        assertThat(out()).contains("AI_POSTGRES_URL", "AI_POSTGRES_USER", "AI_POSTGRES_PASSWORD ",
                "AI_POSTGRES_PASSWORD_SECRET_ID", "AI_POSTGRES_SECRETS_REGION", "AI_POSTGRES_SECRETS_ENDPOINT");

        out.reset();
        assertThat(JobsMain.run(List.of(), Map.of(), print(out), print(err))).isEqualTo(2);
        assertThat(err()).contains("AI_POSTGRES_PASSWORD_SECRET_ID");
    }

    /**
     * The ingest loads the landing zone logged in as the writer, and neither what it prints nor the database's
     * description shows the password.
     */
    private void assertTheIngestLogsInAsTheWriter(Map<String, String> environment, String password)
            throws SQLException
    {
        assertThat(ingest(environment)).isEqualTo(0);
        assertThat(out()).contains("ingest run").contains("programs");
        assertThat(out() + err()).doesNotContain(password);
        try (JobDatabase database = JobDatabase.fromEnvironment(environment); Connection connection = database.connect()) {
            assertThat(currentUser(connection)).isEqualTo(WRITER);
            assertThat(database.toString()).contains("password secret=" + environment.get("AI_POSTGRES_PASSWORD_SECRET_ID")).doesNotContain(password);
        }
    }

    /**
     * {@code ingest --once} through the command line, with the job's progress (which goes to the process's standard
     * error) caught as well.
     */
    private int ingest(Map<String, String> environment)
    {
        out.reset();
        err.reset();
        PrintStream saved = System.err;
        System.setErr(print(err));
        try {
            return JobsMain.run(List.of("ingest", "--once", "--landing", landing.toString(), "--sources", "../etc/ingest/sources"), environment, print(out), print(err));
        }
        finally {
            System.setErr(saved);
        }
    }

    private Map<String, String> environment(String secretId)
    {
        Map<String, String> environment = new HashMap<>();
        environment.put("AI_POSTGRES_URL", cluster.jdbcUrl("pmo"));
        environment.put("AI_POSTGRES_PASSWORD_SECRET_ID", secretId);
        environment.put("AI_POSTGRES_SECRETS_REGION", "us-east-1");
        environment.put("AI_POSTGRES_SECRETS_ENDPOINT", secrets.uri().toString());
        return environment;
    }

    private Map<String, String> environment(String secretId, String user)
    {
        Map<String, String> environment = environment(secretId);
        environment.put("AI_POSTGRES_USER", user);
        return environment;
    }

    /**
     * The writer's password becomes {@code password}, and the secret holds {@code secretValue}.
     */
    private void rotate(String password, String secretId, String secretValue)
    {
        cluster.execute("postgres", "ALTER ROLE %s PASSWORD '%s'".formatted(WRITER, password));
        secrets.put(secretId, secretValue);
    }

    private static String marker()
    {
        return "planted-" + UUID.randomUUID();
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream stream)
    {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
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
