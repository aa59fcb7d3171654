package dev.trinoai.proxy;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.connector.AiPlugin;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.TestingSampleData;
import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * A real Trino (the query runner, with its HTTP server) with the ai plugin over a database of its own holding the
 * sample data, and a tokens file with a token per test user. Proxies started here log into {@link #accessLog()}.
 */
final class TestingAskStack
        implements AutoCloseable
{
    static final LocalDate AS_OF = LocalDate.parse("2026-11-25");
    /**
     * Shorter than the engine's default, so a test can see the catalog refuse a question the proxy lets through.
     */
    static final int CATALOG_MAX_QUESTION_LENGTH = 300;

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final TestingPostgres postgres;
    private final DistributedQueryRunner trino;
    private final Path directory;
    private final Path tokensFile;
    private final List<String> accessLog = new CopyOnWriteArrayList<>();

    private TestingAskStack(TestingPostgres postgres, DistributedQueryRunner trino, Path directory, Path tokensFile)
    {
        this.postgres = postgres;
        this.trino = trino;
        this.directory = directory;
        this.tokensFile = tokensFile;
    }

    static TestingAskStack start()
            throws Exception
    {
        Path directory = Files.createTempDirectory("sse-proxy-test");
        TestingPostgres postgres = TestingPostgres.create();
        try {
            Map<String, String> environment = new HashMap<>();
            environment.put("AI_POSTGRES_URL", postgres.jdbcUrl());
            postgres.user().ifPresent(user -> environment.put("AI_POSTGRES_USER", user));
            postgres.password().ifPresent(password -> environment.put("AI_POSTGRES_PASSWORD", password));
            TestingSampleData.load(directory.resolve("landing"), AS_OF, ROOT.resolve("etc/ingest/sources"), environment);

            Session session = testSessionBuilder().setCatalog("ai").setSchema("system").build();
            DistributedQueryRunner trino = DistributedQueryRunner.builder(session).setWorkerCount(0).build();
            trino.installPlugin(new AiPlugin());
            ImmutableMap.Builder<String, String> catalog = ImmutableMap.<String, String>builder()
                    .put("ai.postgres.url", postgres.jdbcUrl())
                    .put("ai.semantic-model.path", ROOT.resolve("etc/ai/semantic-model.yaml").toString())
                    .put("ai.ask.reference-date", AS_OF.toString())
                    .put("ai.ask.max-question-length", Integer.toString(CATALOG_MAX_QUESTION_LENGTH))
                    .put("ai.ask.statement-timeout", "2m");
            postgres.user().ifPresent(user -> catalog.put("ai.postgres.user", user));
            postgres.password().ifPresent(password -> catalog.put("ai.postgres.password", password));
            trino.createCatalog("ai", "ai", catalog.buildOrThrow());

            StringBuilder tokens = new StringBuilder();
            for (String user : new String[] {"analyst", "canceller", "limited", "busy", "down", "failing"}) {
                tokens.append("sha256:").append(Tokens.digest(token(user))).append(" = ").append(user).append('\n');
            }
            Path tokensFile = Files.writeString(directory.resolve("tokens.properties"), tokens);
            return new TestingAskStack(postgres, trino, directory, tokensFile);
        }
        catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    static String token(String user)
    {
        return "test-token-of-" + user;
    }

    URI trinoUri()
    {
        return trino.getCoordinator().getBaseUrl();
    }

    TestingPostgres postgres()
    {
        return postgres;
    }

    Path directory()
    {
        return directory;
    }

    List<String> accessLog()
    {
        return accessLog;
    }

    MaterializedResult trinoQuery(String sql)
    {
        return trino.execute(sql);
    }

    /**
     * A proxy on a free port in front of this Trino; {@code overrides} are proxy.properties keys.
     */
    ProxyServer proxy(Map<String, String> overrides)
    {
        Map<String, String> values = new HashMap<>();
        values.put("http.port", "0");
        values.put("trino.uri", trinoUri().toString());
        values.put("auth.tokens-file", tokensFile.toString());
        // Short, so a client that goes away while nothing is streaming is noticed within the test's patience.
        values.put("sse.heartbeat", "200ms");
        values.putAll(overrides);
        try {
            return ProxyServer.start(ProxyConfig.from(values, directory), accessLog::add);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
    {
        try (postgres) {
            trino.close();
        }
    }
}
