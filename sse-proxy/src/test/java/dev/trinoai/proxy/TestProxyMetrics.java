package dev.trinoai.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} in the Prometheus text format after a known mix of requests to a proxy whose Trino is down:
 * each answer is counted by how it ended once its stream is closed, and each refusal before its response leaves.
 */
final class TestProxyMetrics
{
    private static final String ANALYST_TOKEN = TestingAskStack.token("analyst");

    @TempDir
    private Path directory;
    private final HttpClient client = HttpClient.newHttpClient();
    private ProxyServer proxy;

    @AfterEach
    void close()
    {
        proxy.close();
        client.close();
    }

    @Test
    void countsStreamsRefusalsAndTheWaitForTheFirstEvent()
            throws Exception
    {
        proxy = proxy(Map.of("auth.failures-before-throttle", "3", "auth.throttle-initial", "5m", "auth.throttle-max", "1h"));
        assertThat(metrics()).contains("trino_ai_proxy_streams_total{outcome=\"error\"} 0");

        // Trino is down: the stream opens, then ends with an error event
        HttpResponse<String> answer = ask(ANALYST_TOKEN, "{\"question\": \"How is Apollo doing?\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("event: error");
        assertThat(ask(ANALYST_TOKEN, "not json").statusCode()).isEqualTo(400);
        for (int i = 0; i < 3; i++) {
            assertThat(ask("guess-" + i, "{}").statusCode()).isEqualTo(401);
        }
        assertThat(ask("guess-4", "{}").statusCode()).isEqualTo(429);

        HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(proxy.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        List<String> lines = Arrays.asList(scrape.body().split("\n"));
        assertThat(lines).contains(
                "trino_ai_proxy_streams_total{outcome=\"done\"} 0",
                "trino_ai_proxy_streams_total{outcome=\"error\"} 1",
                "trino_ai_proxy_streams_active 0",
                "trino_ai_proxy_refused_total{status=\"400\"} 1",
                "trino_ai_proxy_refused_total{status=\"401\"} 3",
                "trino_ai_proxy_refused_total{status=\"429\"} 1",
                "trino_ai_proxy_first_event_seconds_bucket{le=\"+Inf\"} 1",
                "trino_ai_proxy_first_event_seconds_count 1");
        // every family declared before its samples, every sample a name, its labels and a number
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("# (HELP|TYPE) trino_ai_proxy_\\w+ .+|trino_ai_proxy_\\w+(\\{\\w+=\"[^\"]*\"})? [0-9.E-]+"));
        assertThat(lines).filteredOn(line -> line.startsWith("# TYPE")).containsExactly(
                "# TYPE trino_ai_proxy_streams_total counter",
                "# TYPE trino_ai_proxy_streams_active gauge",
                "# TYPE trino_ai_proxy_refused_total counter",
                "# TYPE trino_ai_proxy_first_event_seconds histogram");
    }

    @Test
    void saysNothingButCounts()
            throws Exception
    {
        proxy = proxy(Map.of());
        ask(ANALYST_TOKEN, "{\"question\": \"How is Apollo doing?\"}");
        String body = metrics();
        assertThat(body).doesNotContain("analyst").doesNotContain("Apollo").doesNotContain("127.0.0.1");
    }

    private String metrics()
            throws Exception
    {
        return client.send(HttpRequest.newBuilder(proxy.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * POST /ask, read to the end of the response: for a stream, until the proxy has closed it.
     */
    private HttpResponse<String> ask(String token, String body)
            throws Exception
    {
        HttpRequest request = HttpRequest.newBuilder(proxy.uri().resolve("/ask"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private ProxyServer proxy(Map<String, String> overrides)
            throws IOException
    {
        Path tokens = directory.resolve("tokens.properties");
        Files.writeString(tokens, "sha256:%s = analyst%n".formatted(Tokens.digest(ANALYST_TOKEN)));
        Map<String, String> values = new HashMap<>(overrides);
        values.put("http.port", "0");
        values.put("trino.uri", "http://127.0.0.1:" + closedPort());
        values.put("auth.tokens-file", tokens.toString());
        return ProxyServer.start(ProxyConfig.from(values, directory), _ -> {});
    }

    private static int closedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
