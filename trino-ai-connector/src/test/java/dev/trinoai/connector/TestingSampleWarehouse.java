package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.RestrictedStatements;
import dev.trinoai.core.TestingPostgres;
import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.jobs.JobDatabase;
import dev.trinoai.jobs.embed.Chunker;
import dev.trinoai.jobs.embed.EmbedJob;
import dev.trinoai.jobs.embed.EmbedOptions;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A database of its own holding the seed-42 sample as of {@link #AS_OF}, ingested and embedded by the real jobs: the
 * same data the README's examples and the evaluation set use. Built once per test JVM (embedding the sample takes
 * most of a minute) and dropped when the JVM exits.
 */
final class TestingSampleWarehouse
{
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    static final Path SEMANTIC_MODEL = Path.of("../etc/ai/semantic-model.yaml");
    /**
     * The answer to "Which programs are over budget this quarter?" written by hand: program to budget variance %.
     */
    static final String OVER_BUDGET_THIS_QUARTER = """
            %s
            ORDER BY 2 DESC
            """.formatted(RestrictedStatements.OVER_BUDGET_THIS_QUARTER.formatted(RestrictedStatements.EVERYONE));

    private static TestingSampleWarehouse shared;

    private final TestingPostgres postgres;

    private TestingSampleWarehouse(TestingPostgres postgres)
    {
        this.postgres = postgres;
    }

    static synchronized TestingSampleWarehouse shared()
    {
        if (shared == null) {
            shared = create();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.postgres::close));
        }
        return shared;
    }

    private static TestingSampleWarehouse create()
    {
        TestingPostgres postgres = TestingPostgres.create();
        try {
            load(new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password()));
            return new TestingSampleWarehouse(postgres);
        }
        catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Generates the seed-42 sample and runs the ingest and embed jobs on it into {@code database}, which has pgvector
     * and the product's schemas.
     */
    static void load(JobDatabase database)
    {
        Path landing = null;
        try {
            landing = Files.createTempDirectory("sample-landing");
            new SampleGenerator(42, AS_OF, 1).writeTo(landing);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            new IngestJob(database, new LocalLandingZone(landing), SourceMappings.load(Path.of("../etc/ingest/sources")), quiet).runOnce(false);
            try (EmbeddingModel embeddings = LocalEmbeddingModel.load(Runtime.getRuntime().availableProcessors())) {
                new EmbedJob(database, SemanticModelLoader.load(SEMANTIC_MODEL), embeddings, EmbedOptions.defaults(), new Chunker(Chunker.DEFAULT_MAX_CHARS), quiet)
                        .runOnce()
                        .orElseThrow();
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot build the sample warehouse: " + e.getMessage(), e);
        }
        finally {
            delete(landing);
        }
    }

    /**
     * A query runner with the plugin and the catalog {@code ai} on this warehouse, its properties overridden by
     * {@code overrides}; the session's catalog and schema are {@code ai.system}.
     */
    DistributedQueryRunner queryRunner(Map<String, String> overrides)
            throws Exception
    {
        Map<String, String> properties = new HashMap<>(catalogProperties());
        properties.putAll(overrides);
        return queryRunnerWithCatalog(properties);
    }

    /**
     * A query runner with the plugin and the catalog {@code ai} with exactly these properties, for a sample loaded
     * elsewhere with {@link #load}; the session's catalog and schema are {@code ai.system}.
     */
    static DistributedQueryRunner queryRunnerWithCatalog(Map<String, String> properties)
            throws Exception
    {
        return queryRunnerWithCatalog(properties, 1);
    }

    /**
     * The same with this many workers beside the coordinator, which runs tasks too.
     */
    static DistributedQueryRunner queryRunnerWithCatalog(Map<String, String> properties, int workers)
            throws Exception
    {
        Session session = testSessionBuilder().setCatalog("ai").setSchema("system").build();
        DistributedQueryRunner runner = DistributedQueryRunner.builder(session).setWorkerCount(workers).build();
        runner.installPlugin(new AiPlugin());
        runner.createCatalog("ai", "ai", properties);
        return runner;
    }

    /**
     * Adds the catalog {@code name} of the plugin on a PostgreSQL nobody listens to, for the errors of a database
     * that is down.
     */
    static void createUnreachableCatalog(QueryRunner runner, String name)
    {
        runner.createCatalog(name, "ai", ImmutableMap.of(
                "ai.postgres.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "ai.postgres.connect-timeout", "2s",
                "ai.semantic-model.path", SEMANTIC_MODEL.toString()));
    }

    TestingPostgres postgres()
    {
        return postgres;
    }

    /**
     * The catalog file of the shipped etc/, pointed at this database, with "today" fixed to {@link #AS_OF}.
     */
    /**
     * The catalog's properties with a language model behind an OpenAI-compatible server at {@code baseUrl}, for a test
     * to add its own to.
     */
    ImmutableMap.Builder<String, String> openAiCatalogProperties(String baseUrl)
    {
        return ImmutableMap.<String, String>builder()
                .putAll(catalogProperties())
                .put("ai.llm.provider", "openai")
                .put("ai.llm.openai.base-url", baseUrl)
                .put("ai.llm.openai.model", "llama3.1");
    }

    Map<String, String> catalogProperties()
    {
        return catalogProperties(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    /**
     * The same for a sample loaded into another database with {@link #load}.
     */
    static Map<String, String> catalogProperties(String url, Optional<String> user, Optional<String> password)
    {
        ImmutableMap.Builder<String, String> properties = ImmutableMap.<String, String>builder()
                .put("ai.postgres.url", url)
                .put("ai.semantic-model.path", SEMANTIC_MODEL.toString())
                .put("ai.ask.reference-date", AS_OF.toString());
        user.ifPresent(value -> properties.put("ai.postgres.user", value));
        password.ifPresent(value -> properties.put("ai.postgres.password", value));
        return properties.buildOrThrow();
    }

    /**
     * Runs SQL directly in PostgreSQL: the first column's text to the second column's number, the expected values
     * that tests compare the functions' results with.
     */
    Map<String, Double> numbers(String sql)
    {
        Map<String, Double> rows = new LinkedHashMap<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getDouble(2));
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /**
     * The numbers of a measure in ask()'s answer to the last question of a conversation, asked after the earlier ones,
     * by the value of one dimension.
     */
    static Map<String, Double> askedNumbers(QueryRunner runner, String metric, String dimension, List<String> conversation)
    {
        Map<String, Double> numbers = new LinkedHashMap<>();
        List<String> earlier = conversation.subList(0, conversation.size() - 1);
        runner.execute("""
                SELECT json_extract_scalar(dimensions, '$.%s'), value
                FROM TABLE(ai.system.ask(question => %s, previous => ARRAY[%s]))
                WHERE kind = 'number' AND metric = '%s'
                ORDER BY seq
                """.formatted(dimension, literal(conversation.getLast()), String.join(", ", earlier.stream().map(TestingSampleWarehouse::literal).toList()), metric))
                .getMaterializedRows()
                .forEach(row -> numbers.put((String) row.getField(0), (Double) row.getField(1)));
        return numbers;
    }

    /**
     * The numbers, by name, are those of SQL written by hand and run directly in PostgreSQL.
     */
    void assertNumbers(Map<String, Double> actual, String expectedSql)
    {
        assertNumbers(actual, numbers(expectedSql));
    }

    static void assertNumbers(Map<String, Double> actual, Map<String, Double> expected)
    {
        assertThat(expected).isNotEmpty();
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, value) -> assertThat(actual.get(key)).as(key).isCloseTo(value, within(1e-6 * Math.max(1, Math.abs(value)))));
    }

    private static String literal(String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void delete(Path directory)
    {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
