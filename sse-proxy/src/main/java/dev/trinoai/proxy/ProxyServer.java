package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.trino.jdbc.NonRegisteringTrinoDriver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The proxy: {@code POST /ask}, {@code POST /api/chat}, {@code /api/conversations}, {@code GET /health}, {@code GET /metrics} and the chat
 * page at {@code /}, on the JDK's HTTP server. Each request runs on its own virtual thread, so a stream that waits on
 * Trino holds no platform thread.
 */
public final class ProxyServer
        implements AutoCloseable
{
    private final ProxyConfig config;
    private final HttpServer server;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().daemon().name("sse-heartbeat").unstarted(runnable));
    private final HttpClient trinoProbe;
    private final ObjectMapper json = new ObjectMapper();
    private final AccessLog accessLog;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final ProxyTracing tracing;
    private final NonRegisteringTrinoDriver driver;
    private final AskRunner runner;
    private final Optional<ConversationStore> store;

    private ProxyServer(ProxyConfig config, Tokens tokens, Consumer<String> log, ProxyTracing tracing)
            throws IOException
    {
        this.config = requireNonNull(config, "config is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        // With tracing, the driver's own instrumentation: a client span per request to Trino, its traceparent sent
        // along, so Trino's query span is a child of the request's span here. One driver shares its HTTP client.
        this.driver = tracing.driver();
        this.trinoProbe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(config.trinoSslContext()).build();
        this.accessLog = new AccessLog(json, log, config.logQuestions());
        this.runner = new AskRunner(config, driver, timer, metrics);
        this.store = config.chatDatabase().map(database -> ConversationStore.open(database, json));
        ProxyConfig.ClientLimits clientLimits = config.clientLimits();
        FailedAuthThrottle throttle = new FailedAuthThrottle(clientLimits, System::nanoTime);
        // One set of limits for both ways of asking: a user's questions count alike wherever they come from.
        UserLimits limits = new UserLimits(config.concurrentPerUser(), config.requestsPerMinute(), System::nanoTime);
        this.server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
        RequestDeadlines deadlines = new RequestDeadlines(clientLimits.requestTimeout(), timer,
                () -> log.accept("{\"log\":\"request-timeout\",\"message\":\"closed a connection whose request did not arrive within http.request-timeout\"}"));
        server.setExecutor(deadlines.around(requests));
        api("/ask", new AskHandler(config, tokens, limits, throttle, accessLog, metrics, tracing, runner, json));
        api("/api/chat", new ChatHandler(config, tokens, limits, throttle, accessLog, metrics, tracing, runner, store, log, json));
        api("/api/conversations", new ConversationsHandler(store, tokens, throttle, accessLog, metrics, tracing, log, json));
        server.createContext("/health", new ClientGuard(this::health, true, clientLimits.maxBodyBytes(), json));
        server.createContext("/metrics", new ClientGuard(this::metrics, true, clientLimits.maxBodyBytes(), json));
        StaticFiles page = new StaticFiles(config.uiDirectory());
        server.createContext("/", new ClientGuard(exchange -> {
            long start = System.nanoTime();
            try {
                page.handle(exchange);
            }
            finally {
                logPlain(exchange, start);
            }
        }, false, clientLimits.maxBodyBytes(), json));
    }

    private void api(String path, HttpHandler handler)
    {
        server.createContext(path, new ClientGuard(handler, true, config.clientLimits().maxBodyBytes(), json));
    }

    /**
     * @param log where the access log lines go
     */
    public static ProxyServer start(ProxyConfig config, Consumer<String> log)
            throws IOException
    {
        return start(config, log, ProxyTracing.create(config.tracing()));
    }

    /**
     * With the spans going to {@code openTelemetry} instead of {@code tracing.*}: for tests.
     */
    static ProxyServer start(ProxyConfig config, Consumer<String> log, OpenTelemetry openTelemetry)
            throws IOException
    {
        return start(config, log, ProxyTracing.of(openTelemetry));
    }

    private static ProxyServer start(ProxyConfig config, Consumer<String> log, ProxyTracing tracing)
            throws IOException
    {
        ProxyServer proxy = new ProxyServer(config, Tokens.load(config.tokensFile()), log, tracing);
        proxy.server.start();
        return proxy;
    }

    public URI uri()
    {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://%s:%d/".formatted(address.getHostString(), address.getPort()));
    }

    /**
     * {@code {"status":"ok"}} while Trino answers, {@code {"status":"unavailable"}} with 503 while it does not. Nothing
     * else: the endpoint needs no token, so it names no address, version or setting.
     */
    private void health(HttpExchange exchange)
            throws IOException
    {
        long start = System.nanoTime();
        try {
            boolean trinoAnswers = trinoAnswers();
            Exchanges.sendJson(exchange, trinoAnswers ? 200 : 503, json.createObjectNode().put("status", trinoAnswers ? "ok" : "unavailable"));
        }
        finally {
            logPlain(exchange, start);
        }
    }

    private boolean trinoAnswers()
    {
        HttpRequest request = HttpRequest.newBuilder(config.trinoUri().resolve("/v1/info")).timeout(Duration.ofSeconds(2)).build();
        try {
            return trinoProbe.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The counters of {@link ProxyMetrics} for a Prometheus scraper; counts only, so it needs no token either.
     */
    private void metrics(HttpExchange exchange)
            throws IOException
    {
        long start = System.nanoTime();
        try {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Exchanges.send(exchange, 405, ProxyMetrics.CONTENT_TYPE, new byte[0]);
                return;
            }
            Exchanges.send(exchange, 200, ProxyMetrics.CONTENT_TYPE, metrics.render().getBytes(StandardCharsets.UTF_8));
        }
        finally {
            logPlain(exchange, start);
        }
    }

    private void logPlain(HttpExchange exchange, long start)
    {
        accessLog.log(new AccessLog.Entry(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getResponseCode(), Optional.empty(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /**
     * Stops taking requests and cancels the questions still running, so Trino does not answer them for nobody.
     */
    @Override
    public void close()
    {
        runner.cancelAll();
        server.stop(0);
        requests.shutdownNow();
        timer.shutdownNow();
        trinoProbe.close();
        store.ifPresent(ConversationStore::close);
        try (tracing; driver) {
            // the driver's HTTP client first, then the spans still buffered are exported
        }
        catch (IOException _) {
            // the driver only shuts its connection pool down; nothing is left to clean up
        }
    }
}
