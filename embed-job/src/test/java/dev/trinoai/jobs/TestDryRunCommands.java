package dev.trinoai.jobs;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.model.SemanticModelLoader;
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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The commands that try a change before it is served, against the real PostgreSQL with the seed-42 sample loaded:
 * {@code validate}, where the shipped mappings and model pass and each edit the database or a question would trip over
 * is named with its file and line, without changing the database; and {@code explain}, a question's plan, restatement
 * and SQL from any model file, without reading the rows of the metric's table.
 */
@TestInstance(PER_CLASS)
final class TestDryRunCommands
{
    private static final Path SOURCES = Path.of("../etc/ingest/sources");
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
        new IngestJob(new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password()), new LocalLandingZone(landing), SourceMappings.load(SOURCES),
                new PrintStream(OutputStream.nullOutputStream())).runOnce(false);
    }

    @AfterAll
    void dropDatabase()
    {
        postgres.close();
    }

    @Test
    void theShippedMappingsAndModelHaveNoProblem()
            throws IOException
    {
        assertThat(validate(0, "--sources", SOURCES.toString(), "--model-file", MODEL.toString()))
                .endsWith("%d files checked against %s: no problems\n".formatted(fileCount(SOURCES) + 1, postgres.jdbcUrl()));
    }

    @Test
    void aMisspeltColumnOfAMetricIsNamedWithTheModelFileAndLine()
            throws IOException
    {
        Path model = edited(MODEL, directory.resolve("models/pmo.yaml"), yaml -> yaml.replace("sql: sum(f.actual_usd)\n", "sql: sum(f.actual_usdd)\n"));
        int line = SemanticModelLoader.load(model).metric("actual_spend").orElseThrow().line();
        assertThat(validate(1, "--sources", SOURCES.toString(), "--model-file", model.getParent().toString()))
                .startsWith("%s: line %d: the SQL of metric actual_spend fails in PostgreSQL: ERROR: column f.actual_usdd does not exist\n".formatted(model, line))
                .endsWith(": 1 problem\n");
    }

    @Test
    void aSynonymThatCollidesIsNamedWithTheModelFileAndLine()
            throws IOException
    {
        Path model = edited(MODEL, directory.resolve("colliding.yaml"), yaml -> yaml
                .replace("synonyms: [portfolio, portfolios]", "synonyms: [portfolio, portfolios, DOE]")
                .replace("synonyms: [velocity, velocities,", "synonyms: [velocity, burn rate, velocities,"));
        var loaded = SemanticModelLoader.load(model);
        assertThat(validate(1, "--sources", SOURCES.toString(), "--model-file", model.toString()).lines())
                .containsExactly(
                        "%s: line %d: the synonym 'burn rate' of metric velocity is also a synonym of metric burn_rate (line %d): a question using it cannot tell them apart; keep it on one of them"
                                .formatted(model, loaded.metric("velocity").orElseThrow().line(), loaded.metric("burn_rate").orElseThrow().line()),
                        "%s: line %d: the synonym 'DOE' of dimension portfolio reads as the English word 'does' (the interpreter makes 'doe' of both), so every question with 'does' in it would be about dimension portfolio: drop it, or use a longer phrase"
                                .formatted(model, loaded.dimension("portfolio").orElseThrow().line()),
                        "%d files checked against %s: 2 problems".formatted(fileCount(SOURCES) + 1, postgres.jdbcUrl()));
    }

    @Test
    void aMisspeltColumnOfATransformIsNamedOnItsOwnLineAndAMissingReferenceOnItsLine()
            throws IOException
    {
        Path sources = Files.createDirectories(directory.resolve("sources"));
        Path risks = edited(SOURCES.resolve("risks.yaml"), sources.resolve("risks.yaml"), yaml -> yaml
                .replace("s.likelihood, s.status", "s.likelyhood, s.status")
                .replace("references: star.dim_project.project_code", "references: star.dim_project.project_cod"));
        assertThat(validate(1, "--sources", sources.toString(), "--model-file", MODEL.toString()).lines())
                .containsExactly(
                        "%s: line %d: column project_id references star.dim_project.project_cod, which the database does not have: ERROR: column \"project_cod\" does not exist"
                                .formatted(risks, lineOf(risks, "project_cod")),
                        "%s: line %d: the transform of source 'risks' fails in PostgreSQL: ERROR: column s.likelyhood does not exist".formatted(risks, lineOf(risks, "s.likelyhood")),
                        "2 files checked against %s: 2 problems".formatted(postgres.jdbcUrl()));
    }

    @Test
    void aNewSourceIsCheckedWithoutLeavingItsStagingTableBehind()
            throws IOException
    {
        Path sources = Files.createDirectories(directory.resolve("new-source"));
        edited(SOURCES.resolve("risks.yaml"), sources.resolve("risk_log.yaml"), yaml -> yaml
                .replace("source: risks", "source: risk_log")
                .replace("staging_table: risks", "staging_table: risk_log")
                .replace("FROM staging.risks s", "FROM staging.risk_log s"));
        validate(0, "--sources", sources.toString(), "--model-file", MODEL.toString());
        assertThat(postgres.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'staging' AND table_name = 'risk_log'")).containsExactly("0");
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

    private String validate(int status, String... args)
    {
        List<String> arguments = new ArrayList<>(List.of("validate", "--as-of", AS_OF.toString()));
        arguments.addAll(List.of(args));
        return run(status, postgres.jdbcUrl(), arguments);
    }

    private String explain(int status, String url, Path model, String question)
    {
        return run(status, url, List.of("explain", "--as-of", AS_OF.toString(), "--model-file", model.toString(), question));
    }

    /**
     * The command's output, standard output then standard error, as the database's owner at {@code url}.
     */
    private String run(int status, String url, List<String> arguments)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(Map.of("AI_POSTGRES_URL", url, "AI_POSTGRES_USER", postgres.user().orElseThrow()));
        postgres.password().ifPresent(password -> environment.put("AI_POSTGRES_PASSWORD", password));
        int exit = JobsMain.run(arguments, environment, new PrintStream(out, true, UTF_8), new PrintStream(out, true, UTF_8));
        String output = out.toString(UTF_8);
        assertThat(exit).as(output).isEqualTo(status);
        return output;
    }

    private static Path edited(Path from, Path to, UnaryOperator<String> edit)
            throws IOException
    {
        Files.createDirectories(to.getParent());
        String text = Files.readString(from);
        String changed = edit.apply(text);
        assertThat(changed).as("the edit changes %s", from).isNotEqualTo(text);
        return Files.writeString(to, changed);
    }

    private static int lineOf(Path file, String text)
            throws IOException
    {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("%s has no line with %s".formatted(file, text));
    }

    private static long fileCount(Path folder)
            throws IOException
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).count();
        }
    }
}
