package dev.trinoai.proxy;

import com.sun.net.httpserver.HttpServer;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("security")
final class TestAskProxy
{
    private static final String NUMBERS_QUESTION = "What is the budget variance by program this quarter?";
    /**
     * A verified question: its notice row comes before its SQL runs, so with its fact table locked the stream has
     * started and the query is still running.
     */
    private static final String VERIFIED_INCIDENT_QUESTION = "What is the MTTR by team this quarter?";
    private static final List<String> CONTRACT_ORDER = List.of("number", "citation", "answer", "sql");

    private TestingAskStack stack;
    private ProxyServer proxy;

    @BeforeAll
    void start()
            throws Exception
    {
        stack = TestingAskStack.start();
        proxy = stack.proxy(Map.of());
    }

    @AfterAll
    void stop()
    {
        TestingAskStack.close(stack, proxy);
    }

    @Test
    void streamsEveryRowAsAnEventInTheContractOrderThenDone()
    {
        SseClient.Response response = SseClient.ask(proxy.uri(), Optional.of("analyst"), NUMBERS_QUESTION);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");

        List<SseClient.Event> events = response.events();
        assertThat(events).extracting(SseClient.Event::id).containsExactlyElementsOf(ids(events.size()));
        assertThat(response.last().name()).isEqualTo("done");
        List<SseClient.Event> rows = events.subList(0, events.size() - 1);
        assertThat(rows).extracting(SseClient.Event::name).contains("number", "answer", "sql");
        List<String> names = rows.stream().map(SseClient.Event::name).filter(CONTRACT_ORDER::contains).toList();
        // the restatement of what was computed comes first, then numbers, citations, the answer in words and the SQL
        List<String> afterRestatement = names.subList(names.indexOf("number"), names.size());
        assertThat(names.subList(0, names.indexOf("number"))).containsOnly("answer");
        assertThat(afterRestatement.stream().map(CONTRACT_ORDER::indexOf).toList()).isSorted();

        SseClient.Event number = rows.stream().filter(event -> event.name().equals("number")).findFirst().orElseThrow();
        assertThat(number.data().get("kind").asText()).isEqualTo("number");
        assertThat(number.data().get("metric").asText()).isNotBlank();
        assertThat(number.data().get("value").isNumber()).isTrue();
        assertThat(number.data().get("dimensions").isObject()).isTrue();
        assertThat(number.data().get("dimensions").has("program")).isTrue();

        var done = response.last().data();
        assertThat(done.get("rows").asInt()).isEqualTo(rows.size());
        assertThat(done.get("firstRowMs").asLong()).isBetween(0L, done.get("totalMs").asLong());
        String queryId = done.get("queryId").asText();
        MaterializedRow query = stack.trinoQuery("SELECT user, state, source FROM system.runtime.queries WHERE query_id = '%s'".formatted(queryId)).getMaterializedRows().getFirst();
        assertThat(query.getFields()).containsExactly("analyst", "FINISHED", "trino-ai-sse-proxy");
        assertThat(stack.accessLogWith(queryId)).anySatisfy(line -> assertThat(line)
                .contains("\"path\":\"/ask\"", "\"status\":200", "\"user\":\"analyst\"", "\"outcome\":\"done\"", queryId)
                .doesNotContain("budget variance"));
    }

    @Test
    void theFirstEventArrivesWhileTheQueryRunsAndADisconnectCancelsIt()
            throws Exception
    {
        try (Connection lock = stack.postgres().connect(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE star.fact_incident IN ACCESS EXCLUSIVE MODE");
            Socket stream = SseClient.openStream(proxy.uri(), "canceller", VERIFIED_INCIDENT_QUESTION, "event: notice");
            assertThat(queryStates("canceller")).containsExactly("RUNNING");

            stream.close();
            long deadline = System.nanoTime() + SECONDS.toNanos(20);
            while (!queryStates("canceller").equals(List.of("FAILED USER_CANCELED")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(queryStates("canceller")).containsExactly("FAILED USER_CANCELED");
            lock.rollback();
        }
        assertThat(stack.accessLog()).anySatisfy(line -> assertThat(line).contains("\"user\":\"canceller\"", "\"outcome\":\"disconnected\""));
    }

    @Test
    void refusesRequestsWithoutAValidToken()
    {
        SseClient.Response missing = SseClient.ask(proxy.uri(), Optional.empty(), NUMBERS_QUESTION);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(missing.json().get("error").asText()).isEqualTo("unauthorized");

        SseClient.Response unknown = SseClient.ask(proxy.uri(), Optional.of("nobody"), NUMBERS_QUESTION);
        assertThat(unknown.status()).isEqualTo(401);
    }

    @Test
    void refusesBadRequestsBeforeAskingTrino()
            throws Exception
    {
        assertThat(SseClient.post(proxy.uri(), Optional.of("analyst"), "not json").status()).isEqualTo(400);
        assertThat(SseClient.post(proxy.uri(), Optional.of("analyst"), "{\"question\": \"  \"}").json().get("message").asText()).contains("not empty");
        assertThat(SseClient.get(proxy.uri().resolve("/ask")).statusCode()).isEqualTo(405);
    }

    @Test
    void limitsQuestionsPerMinuteWithA429AndRetryAfter()
    {
        try (ProxyServer limited = stack.proxy(Map.of("limits.requests-per-minute", "2"))) {
            assertThat(SseClient.ask(limited.uri(), Optional.of("limited"), NUMBERS_QUESTION).status()).isEqualTo(200);
            assertThat(SseClient.ask(limited.uri(), Optional.of("limited"), NUMBERS_QUESTION).status()).isEqualTo(200);

            SseClient.Response refused = SseClient.ask(limited.uri(), Optional.of("limited"), NUMBERS_QUESTION);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 30L));
            assertThat(refused.json().get("error").asText()).isEqualTo("too_many_requests");
            assertThat(refused.json().get("message").asText()).contains("limits.requests-per-minute");
            // Another user is not held back by this one.
            assertThat(SseClient.ask(limited.uri(), Optional.of("analyst"), NUMBERS_QUESTION).status()).isEqualTo(200);
        }
    }

    @Test
    void limitsConcurrentQuestionsPerUser()
            throws Exception
    {
        try (ProxyServer limited = stack.proxy(Map.of("limits.concurrent-per-user", "1"));
                Connection lock = stack.postgres().connect();
                Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE star.fact_incident IN ACCESS EXCLUSIVE MODE");
            try (Socket _ = SseClient.openStream(limited.uri(), "busy", VERIFIED_INCIDENT_QUESTION, "event: notice")) {
                SseClient.Response refused = SseClient.ask(limited.uri(), Optional.of("busy"), NUMBERS_QUESTION);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.json().get("message").asText()).contains("already has 1 question running", "limits.concurrent-per-user");
            }
            finally {
                lock.rollback();
            }
        }
    }

    @Test
    void aTrinoThatIsDownGivesAnErrorEventAtOnce()
            throws Exception
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ProxyServer orphan = stack.proxy(Map.of("trino.uri", "http://127.0.0.1:" + closedPort, "trino.request-timeout", "2s"))) {
            long start = System.nanoTime();
            SseClient.Response response = SseClient.ask(orphan.uri(), Optional.of("down"), NUMBERS_QUESTION);
            assertThat(NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.events()).extracting(SseClient.Event::name).containsExactly("error");
            assertThat(response.last().data().get("name").asText()).isEqualTo("TRINO_UNAVAILABLE");
            assertThat(response.last().data().get("message").asText()).startsWith("Trino did not answer");
            assertThat(SseClient.get(orphan.uri().resolve("/health")).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aTrinoThatStopsAnsweringGivesAnErrorEventAfterTheRequestTimeout()
            throws Exception
    {
        // What a restarting coordinator answers: 503 to everything, which the driver retries until its timeout.
        HttpServer restarting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        restarting.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        restarting.start();
        try (ProxyServer waiting = stack.proxy(Map.of("trino.uri", "http://127.0.0.1:" + restarting.getAddress().getPort(), "trino.request-timeout", "2s"))) {
            long start = System.nanoTime();
            SseClient.Response response = SseClient.ask(waiting.uri(), Optional.of("down"), NUMBERS_QUESTION);
            assertThat(NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            assertThat(response.events()).extracting(SseClient.Event::name).containsExactly("error");
            assertThat(response.last().data().get("name").asText()).isEqualTo("TRINO_UNAVAILABLE");
        }
        finally {
            restarting.stop(0);
        }
    }

    @Test
    void aQuestionTrinoRefusesGivesAnErrorEventWithTrinosCodeAndName()
    {
        String question = "How is Apollo doing? " + "x".repeat(TestingAskStack.CATALOG_MAX_QUESTION_LENGTH);
        SseClient.Response response = SseClient.ask(proxy.uri(), Optional.of("failing"), question);

        assertThat(response.events()).extracting(SseClient.Event::name).containsExactly("error");
        var error = response.last().data();
        assertThat(error.get("code").asInt()).isPositive();
        assertThat(error.get("name").asText()).matches("[A-Z_]+").isNotEqualTo("UNKNOWN");
        assertThat(error.get("message").asText()).contains("the limit is " + TestingAskStack.CATALOG_MAX_QUESTION_LENGTH).doesNotStartWith("Query failed");
        assertThat(error.get("queryId").asText()).isNotBlank();
    }

    @Test
    void servesHealthAndThePage()
            throws Exception
    {
        HttpResponse<String> health = SseClient.get(proxy.uri().resolve("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

        Files.createDirectories(stack.directory().resolve("ui/assets"));
        Files.writeString(stack.directory().resolve("ui/index.html"), "<!doctype html><title>chat</title>");
        Files.writeString(stack.directory().resolve("ui/assets/app-1234.js"), "console.log('hi')");
        try (ProxyServer page = stack.proxy(Map.of("ui.dir", "ui"))) {
            URI root = page.uri();
            HttpResponse<String> index = SseClient.get(root);
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(index.body()).contains("<title>chat</title>");
            assertThat(SseClient.get(root.resolve("/some/page")).body()).contains("<title>chat</title>");
            HttpResponse<String> script = SseClient.get(root.resolve("/assets/app-1234.js"));
            assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(SseClient.get(root.resolve("/assets/missing.js")).statusCode()).isEqualTo(404);
            assertThat(SseClient.get(root.resolve("/%2e%2e/tokens.properties")).statusCode()).isEqualTo(404);
        }
    }

    private List<String> queryStates(String user)
    {
        MaterializedResult result = stack.trinoQuery("""
                SELECT state || coalesce(' ' || error_code, '') FROM system.runtime.queries
                WHERE user = '%s' AND query LIKE '%%ai.system.ask%%'""".formatted(user));
        return result.getMaterializedRows().stream().map(row -> (String) row.getField(0)).toList();
    }

    private static List<Long> ids(int count)
    {
        return LongStream.rangeClosed(1, count).boxed().toList();
    }
}
