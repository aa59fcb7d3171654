package dev.trinoai.proxy;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.connector.AiPlugin;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.TestingSampleData;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static com.google.common.base.Preconditions.checkState;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static java.util.Objects.requireNonNull;

/**
 * A real Trino (the query runner, with its HTTP server) with the ai plugin over a database of its own holding the
 * sample data, and a tokens file with a token per test user. Proxies started here log into {@link #accessLog()}.
 * Trino can be stopped and started again on the same port, as a restarted coordinator would be.
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
    private static final Path SEMANTIC_MODEL = ROOT.resolve("etc/ai/semantic-model.yaml");
    private static final List<String> USERS = List.of("analyst", "canceller", "limited", "busy", "down", "failing");

    private final TestingPostgres postgres;
    private final Map<String, String> catalog;
    private final Path directory;
    private final Path tokensFile;
    private final URI trinoUri;
    private final List<String> accessLog = new CopyOnWriteArrayList<>();
    private DistributedQueryRunner trino;
    private String chatLogin;

    private TestingAskStack(TestingPostgres postgres, Map<String, String> catalog, DistributedQueryRunner trino, Path directory, Path tokensFile)
    {
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.trino = requireNonNull(trino, "trino is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.tokensFile = requireNonNull(tokensFile, "tokensFile is null");
        this.trinoUri = trino.getCoordinator().getBaseUrl();
    }

    static TestingAskStack start()
            throws Exception
    {
        return start(Map.of(), List.of(), Set.of());
    }

    /**
     * @param catalogProperties added to the ai catalog's properties, or replacing them
     * @param users users with a token besides the ones every test has
     * @param embeddedSources the text sources to embed, for answers that cite them (most tests need none)
     */
    static TestingAskStack start(Map<String, String> catalogProperties, List<String> users, Set<String> embeddedSources)
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
            if (!embeddedSources.isEmpty()) {
                TestingSampleData.embed(SEMANTIC_MODEL, embeddedSources, environment);
            }

            Map<String, String> catalog = new HashMap<>(Map.of(
                    "ai.postgres.url", postgres.jdbcUrl(),
                    "ai.semantic-model.path", SEMANTIC_MODEL.toString(),
                    "ai.ask.reference-date", AS_OF.toString(),
                    "ai.ask.max-question-length", Integer.toString(CATALOG_MAX_QUESTION_LENGTH),
                    "ai.ask.statement-timeout", "2m"));
            postgres.user().ifPresent(user -> catalog.put("ai.postgres.user", user));
            postgres.password().ifPresent(password -> catalog.put("ai.postgres.password", password));
            catalog.putAll(catalogProperties);

            StringBuilder tokens = new StringBuilder();
            Stream.concat(USERS.stream(), users.stream()).distinct()
                    .forEach(user -> tokens.append("sha256:").append(Tokens.digest(token(user))).append(" = ").append(user).append('\n'));
            Path tokensFile = Files.writeString(directory.resolve("tokens.properties"), tokens);
            return new TestingAskStack(postgres, Map.copyOf(catalog), startTrino(catalog, 0), directory, tokensFile);
        }
        catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * @param port 0 for a free one
     */
    private static DistributedQueryRunner startTrino(Map<String, String> catalog, int port)
            throws Exception
    {
        Session session = testSessionBuilder().setCatalog("ai").setSchema("system").build();
        DistributedQueryRunner trino = DistributedQueryRunner.builder(session)
                .setWorkerCount(0)
                .addCoordinatorProperty("http-server.http.port", Integer.toString(port))
                .build();
        try {
            trino.installPlugin(new AiPlugin());
            trino.createCatalog("ai", "ai", ImmutableMap.copyOf(catalog));
            return trino;
        }
        catch (Exception | Error e) {
            trino.close();
            throw e;
        }
    }

    static String token(String user)
    {
        return "test-token-of-" + user;
    }

    /**
     * Stops Trino as a restart would, failing what still runs in it; {@link #startTrino()} brings it back.
     */
    synchronized void stopTrino()
    {
        checkState(trino != null, "Trino is already stopped");
        trino.close();
        trino = null;
    }

    /**
     * A new Trino on the port of the first, so the proxy finds it where it was.
     */
    synchronized void startTrino()
            throws Exception
    {
        checkState(trino == null, "Trino is running");
        trino = startTrino(catalog, trinoUri.getPort());
    }

    URI trinoUri()
    {
        return trinoUri;
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

    /**
     * The access log once it holds a line with the text: the proxy writes a request's line after the last byte of its
     * answer, so a client that has read the whole answer may look before it is there.
     */
    List<String> accessLogWith(String text)
    {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        try {
            while (accessLog.stream().noneMatch(line -> line.contains(text)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return accessLog;
    }

    synchronized MaterializedResult trinoQuery(String sql)
    {
        checkState(trino != null, "Trino is stopped");
        return trino.execute(sql);
    }

    /**
     * A proxy on a free port in front of this Trino; {@code overrides} are proxy.properties keys.
     */
    ProxyServer proxy(Map<String, String> overrides)
    {
        return proxy(overrides, Optional.empty());
    }

    /**
     * A proxy whose spans go to {@code openTelemetry}.
     */
    ProxyServer proxy(Map<String, String> overrides, OpenTelemetry openTelemetry)
    {
        return proxy(overrides, Optional.of(openTelemetry));
    }

    private ProxyServer proxy(Map<String, String> overrides, Optional<OpenTelemetry> openTelemetry)
    {
        Map<String, String> values = new HashMap<>();
        values.put("http.port", "0");
        values.put("trino.uri", trinoUri.toString());
        values.put("auth.tokens-file", tokensFile.toString());
        // Short, so a client that goes away while nothing is streaming is noticed within the test's patience.
        values.put("sse.heartbeat", "200ms");
        values.putAll(overrides);
        try {
            ProxyConfig config = ProxyConfig.from(values, directory);
            return openTelemetry.isPresent() ? ProxyServer.start(config, accessLog::add, openTelemetry.get()) : ProxyServer.start(config, accessLog::add);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spans Trino recorded (its own and the plugin's), as its in-memory exporter has them.
     */
    synchronized List<SpanData> trinoSpans()
    {
        checkState(trino != null, "Trino is stopped");
        return trino.getSpans();
    }

    /**
     * The proxy settings that keep conversations in this stack's database: etc/postgres/chat.sql run there (twice: it
     * is idempotent) and a login of the proxy's own in trino_ai_chat, as scripts/postgres.sh makes them. The login is
     * dropped on close.
     */
    synchronized Map<String, String> chatStore()
            throws IOException
    {
        if (chatLogin == null) {
            String chat = Files.readString(ROOT.resolve("etc/postgres/chat.sql"));
            String login = "trino_ai_test_proxy_" + UUID.randomUUID().toString().substring(0, 8);
            postgres.execute(chat, chat, "CREATE ROLE %s LOGIN PASSWORD '%s' IN ROLE trino_ai_chat".formatted(login, chatPassword()));
            Files.writeString(directory.resolve("chat.password"), chatPassword());
            chatLogin = login;
        }
        return Map.of("chat.postgres.url", postgres.jdbcUrl(), "chat.postgres.user", chatLogin, "chat.postgres.password-file", "chat.password");
    }

    String chatLogin()
    {
        checkState(chatLogin != null, "no chat store: call chatStore() first");
        return chatLogin;
    }

    String chatPassword()
    {
        return "chat-password-of-" + directory.getFileName();
    }

    /**
     * Closes what a test class started, the proxy first; either is null when starting it failed.
     */
    static void close(TestingAskStack stack, ProxyServer proxy)
    {
        try (stack; proxy) {
            // closes both, in reverse order
        }
    }

    @Override
    public synchronized void close()
    {
        try (postgres) {
            if (trino != null) {
                trino.close();
            }
            // Roles belong to the whole server: dropping the database would leave the login behind.
            if (chatLogin != null) {
                postgres.execute("DROP OWNED BY " + chatLogin, "DROP ROLE " + chatLogin);
            }
        }
    }
}
