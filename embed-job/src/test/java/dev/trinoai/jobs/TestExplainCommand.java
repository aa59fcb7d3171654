package dev.trinoai.jobs;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * {@code explain} against the real PostgreSQL with the seed-42 sample loaded: a question's plan, restatement and SQL
 * from any model file, without reading the rows of the metric's table.
 */
@TestInstance(PER_CLASS)
final class TestExplainCommand
{
    private static final Path MODEL = Path.of("../etc/ai/semantic-model.yaml");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final String VELOCITY = "What is the velocity of each team this quarter?";

    private TestingPostgres postgres;

    @TempDir
    private Path directory;

    @BeforeAll
    void loadTheSample(@TempDir Path landing)
            throws Exception
    {
        new SampleGenerator(42, AS_OF, 1).writeTo(landing);
        postgres = TestingPostgres.create();
        new IngestJob(new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password()), new LocalLandingZone(landing), SourceMappings.load(Path.of("../etc/ingest/sources")),
                new PrintStream(OutputStream.nullOutputStream())).runOnce(false);
    }

    @AfterAll
    void dropDatabase()
    {
        postgres.close();
    }

    @Test
    void printsThePlanTheRestatementAndTheSqlWithoutReadingTheMetricsTable()
            throws SQLException
    {
        // a reader of star.fact_sprint would wait for this lock, and give up after the session's lock_timeout
        try (Connection locker = postgres.connect()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE star.fact_sprint IN ACCESS EXCLUSIVE MODE");
            }
            String explained = explain(0, postgres.jdbcUrl() + "?options=-c%20lock_timeout%3D5000", MODEL, VELOCITY);
            assertThat(explained).startsWith("""
                    question: %s
                    as of:    2026-11-25
                    plan:     {"metrics":[{"metric":"velocity","group_by":["team"],"time":"this quarter","order":"desc"}]}
                    answer:   Velocity by team, this quarter (2026-10-01 to 2026-12-31), to date 2026-11-25.
                    sql:
                      SELECT dim_team.name AS team, avg(f.completed_points) AS value
                      FROM star.fact_sprint AS f
                    """.formatted(VELOCITY));
            locker.rollback();
        }
    }

    @Test
    void readsTheQuestionWithTheModelFileGiven()
            throws IOException
    {
        Path model = Files.writeString(directory.resolve("renamed.yaml"), Files.readString(MODEL)
                .replace("  velocity:\n    table: fact_sprint\n", "  velocity:\n    label: team pace\n    table: fact_sprint\n")
                .replace("synonyms: [velocity, velocities,", "synonyms: [pace, velocity, velocities,"));
        assertThat(explain(0, postgres.jdbcUrl(), model, "What is the pace of each team this quarter?"))
                .contains("answer:   Team pace by team, this quarter (2026-10-01 to 2026-12-31), to date 2026-11-25.\n");
        assertThat(explain(1, postgres.jdbcUrl(), MODEL, "What is the pace of each team this quarter?")).contains("declined: I did not answer with numbers:");
    }

    private String explain(int status, String url, Path model, String question)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(Map.of("AI_POSTGRES_URL", url, "AI_POSTGRES_USER", postgres.user().orElseThrow()));
        postgres.password().ifPresent(password -> environment.put("AI_POSTGRES_PASSWORD", password));
        List<String> arguments = new ArrayList<>(List.of("explain", "--as-of", AS_OF.toString(), "--model-file", model.toString(), question));
        int exit = JobsMain.run(arguments, environment, new PrintStream(out, true, UTF_8), new PrintStream(out, true, UTF_8));
        String output = out.toString(UTF_8);
        assertThat(exit).as(output).isEqualTo(status);
        return output;
    }
}
