package dev.trinoai.proxy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy's defences that need no Trino behind it: throttled token guessing, security headers, slow and large
 * requests, what /health tells a stranger, and a Trino that takes connections but never answers.
 */
@Tag("security")
final class TestProxyHardening
{
    private static final String ANALYST_TOKEN = TestingAskStack.token("analyst");

    @TempDir
    private Path directory;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close()
            throws Exception
    {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
    }

    @Test
    void wrongTokensFromOneAddressAreRefusedWith429AndRetryAfterWhileOtherAddressesAreNot()
    {
        ProxyServer proxy = proxy(Map.of("auth.failures-before-throttle", "3", "auth.throttle-initial", "5m", "auth.throttle-max", "1h"));
        InetAddress guesser = loopback("127.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(ask(proxy, guesser, "guess-" + i)).startsWith("HTTP/1.1 401");
        }
        String refused = ask(proxy, guesser, "guess-4");
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 300").contains("\"error\":\"too_many_failures\"");
        // While refused, the token is not even looked at: a right guess reads exactly like a wrong one.
        assertThat(ask(proxy, guesser, ANALYST_TOKEN)).startsWith("HTTP/1.1 429");

        // Another client address authenticates as before (400: its token is good, its body is not a question).
        InetAddress other = loopback("127.0.0.2");
        assertThat(ask(proxy, other, ANALYST_TOKEN)).startsWith("HTTP/1.1 400");
        assertThat(ask(proxy, other, "one-wrong-guess")).startsWith("HTTP/1.1 401");
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndApiResponsesAreNeverCached()
            throws Exception
    {
        Files.createDirectories(directory.resolve("ui/assets"));
        Files.writeString(directory.resolve("ui/index.html"), "<!doctype html><title>chat</title><script type=\"module\" src=\"/assets/app-1.js\"></script>");
        Files.writeString(directory.resolve("ui/assets/app-1.js"), "console.log('hi')");
        ProxyServer proxy = proxy(Map.of("ui.dir", "ui"));
        URI root = proxy.uri();

        List<HttpResponse<String>> responses = List.of(
                SseClient.get(root),
                SseClient.get(root.resolve("/assets/app-1.js")),
                SseClient.get(root.resolve("/assets/missing.js")),
                SseClient.get(root.resolve("/health")),
                SseClient.get(root.resolve("/ask")));
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString())
                    .hasValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                            + "manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
        assertThat(responses.get(3).headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(responses.get(4).headers().firstValue("Cache-Control")).hasValue("no-store");
        SseClient.Response unauthorized = SseClient.post(root, Optional.empty(), "{}");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(unauthorized.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).contains("frame-ancestors 'none'"));
    }

    @Test
    void healthSaysOnlyWhetherTrinoAnswers()
            throws Exception
    {
        HttpServer trino = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trino.createContext("/v1/info", exchange -> {
            byte[] body = "{\"nodeVersion\":{\"version\":\"476\"},\"starting\":false}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        trino.start();
        closeables.add(() -> trino.stop(0));
        ProxyServer up = proxy(Map.of("trino.uri", "http://127.0.0.1:" + trino.getAddress().getPort()));
        HttpResponse<String> ok = SseClient.get(up.uri().resolve("/health"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");

        ProxyServer down = proxy(Map.of("trino.uri", "http://127.0.0.1:" + closedPort()));
        HttpResponse<String> unavailable = SseClient.get(down.uri().resolve("/health"));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("{\"status\":\"unavailable\"}");
    }

    @Test
    void aConnectionThatSendsHalfARequestHeaderIsClosedAfterTheRequestTimeout()
            throws IOException
    {
        ProxyServer proxy = proxy(Map.of("http.request-timeout", "300ms"));
        try (Socket slow = connect(proxy, loopback("127.0.0.1"))) {
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: proxy\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(readUntilClosed(slow)).isEmpty();
        }
        assertThat(log).anySatisfy(line -> assertThat(line).contains("\"log\":\"request-timeout\""));
        // A client that sends its request at once is served by the same proxy.
        assertThat(ask(proxy, loopback("127.0.0.1"), ANALYST_TOKEN)).startsWith("HTTP/1.1 400");
    }

    @Test
    void aConnectionThatSendsHalfARequestBodyIsClosedAfterTheRequestTimeout()
            throws IOException
    {
        ProxyServer proxy = proxy(Map.of("http.request-timeout", "300ms"));
        try (Socket slow = connect(proxy, loopback("127.0.0.1"))) {
            slow.getOutputStream().write(("POST /ask HTTP/1.1\r\nHost: proxy\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"question\":"
                    .formatted(ANALYST_TOKEN)).getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(readUntilClosed(slow)).isEmpty();
        }
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413()
    {
        ProxyServer proxy = proxy(Map.of("http.max-body-bytes", "1024"));
        String question = "{\"question\":\"" + "x".repeat(2000) + "\"}";
        SseClient.Response declared = SseClient.post(proxy.uri(), Optional.of("analyst"), question);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("message").asText()).contains("http.max-body-bytes");

        String chunked = send(proxy, loopback("127.0.0.1"), """
                POST /ask HTTP/1.1\r
                Host: proxy\r
                Authorization: Bearer %s\r
                Transfer-Encoding: chunked\r
                Connection: close\r
                \r
                %x\r
                %s\r
                0\r
                \r
                """.formatted(ANALYST_TOKEN, question.length(), question));
        assertThat(chunked).startsWith("HTTP/1.1 413");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTrinoThatTakesTheConnectionButNeverAnswersEndsTheStreamWithAnErrorSoonAfterTheAskTimeout()
            throws IOException
    {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closeables.add(silent);
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            }
            catch (IOException _) {
                // closed at the end of the test
            }
        });
        closeables.add(() -> {
            for (Socket socket : held) {
                socket.close();
            }
        });
        ProxyServer proxy = proxy(Map.of("trino.uri", "http://127.0.0.1:" + silent.getLocalPort(), "trino.request-timeout", "1h", "ask.timeout", "2s"));

        SseClient.Response response = SseClient.ask(proxy.uri(), Optional.of("analyst"), "How is Apollo doing?");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.events()).extracting(SseClient.Event::name).containsExactly("error");
        assertThat(response.last().data().get("name").asText()).isEqualTo("ASK_TIMEOUT");
        assertThat(response.last().data().get("message").asText()).contains("ask.timeout (2s)");
        assertThat(held).isNotEmpty();
        assertThat(log).anySatisfy(line -> assertThat(line).contains("\"outcome\":\"timeout\""));
    }

    private ProxyServer proxy(Map<String, String> overrides)
    {
        Path tokens = directory.resolve("tokens.properties");
        try {
            Files.writeString(tokens, "sha256:%s = analyst%n".formatted(Tokens.digest(ANALYST_TOKEN)));
            Map<String, String> values = new HashMap<>();
            values.put("http.port", "0");
            values.put("trino.uri", "http://127.0.0.1:" + closedPort());
            values.put("auth.tokens-file", tokens.toString());
            values.putAll(overrides);
            ProxyServer proxy = ProxyServer.start(ProxyConfig.from(values, directory), log::add);
            closeables.add(proxy);
            return proxy;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POST /ask with a body that is not a question, from the given local address: 401 or 429 before the token is
     * accepted, 400 after.
     */
    private static String ask(ProxyServer proxy, InetAddress from, String token)
    {
        return send(proxy, from, "POST /ask HTTP/1.1\r\nHost: proxy\r\nAuthorization: Bearer %s\r\nContent-Length: 8\r\nConnection: close\r\n\r\nnot json".formatted(token));
    }

    private static String send(ProxyServer proxy, InetAddress from, String request)
    {
        try (Socket socket = connect(proxy, from)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readUntilClosed(socket);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket connect(ProxyServer proxy, InetAddress from)
            throws IOException
    {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(proxy.uri().getHost(), proxy.uri().getPort()), 10_000);
        // Far longer than any timeout under test: a connection the proxy does not close fails the test, slowly.
        socket.setSoTimeout(60_000);
        return socket;
    }

    /**
     * Everything the proxy sends until it closes the connection.
     */
    private static String readUntilClosed(Socket socket)
            throws IOException
    {
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        }
        catch (SocketException e) {
            // reset by the proxy: closed as well
        }
        return received.toString();
    }

    private static InetAddress loopback(String address)
    {
        try {
            return InetAddress.getByName(address);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
