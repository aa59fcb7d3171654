package dev.trinoai.core.retrieve.opensearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trinoai.core.TestingAwsCredentials;
import dev.trinoai.core.TestingHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST client against a local server that records what arrives: requests to Amazon OpenSearch Service carry a
 * SigV4 signature that holds for the bytes and headers the server receives, and a refusal says OpenSearch's reason.
 */
final class TestOpenSearchClient
{
    private static final String ACCESS_KEY = "AKIDTESTOPENSEARCH";
    private static final String SECRET_KEY = "test-secret-key-for-sigv4";

    private record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {}

    private final List<Received> received = new ArrayList<>();
    private int status = 200;
    private String answer = "{\"acknowledged\":true}";
    private final HttpServer server = TestingHttp.loopback(this::handle, null);

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            TestingHttp.respondAws(exchange, status, "application/json", answer.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRequestToAmazonOpenSearchServiceCarriesASignatureThatHoldsForWhatArrives()
            throws Exception
    {
        try (TestingAwsCredentials _ = new TestingAwsCredentials(ACCESS_KEY, SECRET_KEY)) {
            client(Optional.of("eu-west-1")).send("PUT", "/chunks", Optional.of(Map.of("settings", Map.of("index", Map.of("knn", true)))));
        }
        Received request = received.getFirst();
        String authorization = header(request, "Authorization");
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=%s/".formatted(ACCESS_KEY)).contains("/eu-west-1/es/aws4_request");
        assertThat(header(request, "x-amz-content-sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.body())));
        assertThat(authorization).isEqualTo(signatureOf(request));
    }

    @Test
    void aRequestToAnyOtherOpenSearchIsNotSigned()
    {
        client(Optional.empty()).send("GET", "/_cluster/health", Optional.empty());
        assertThat(received.getFirst().headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("Authorization") || name.toLowerCase().startsWith("x-amz-"));
    }

    @Test
    void aRefusalSaysOpenSearchsReason()
    {
        status = 403;
        answer = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"no permissions for [indices:data/read/search]\"}],\"type\":\"security_exception\",\"reason\":\"no permissions\"},\"status\":403}";
        assertThatThrownBy(() -> client(Optional.empty()).send("POST", "/chunks/_search", Optional.of(Map.of())))
                .isInstanceOfSatisfying(OpenSearchException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("POST /chunks/_search")
                .hasMessageContaining("no permissions for [indices:data/read/search] (security_exception, status 403)");
    }

    @Test
    void aServerThatIsDownIsNamed()
    {
        OpenSearchClient client = new OpenSearchClient(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(5), Optional.empty());
        assertThatThrownBy(() -> client.send("GET", "/", Optional.empty()))
                .isInstanceOf(OpenSearchException.class)
                .hasMessageContaining("OpenSearch at http://127.0.0.1:1 cannot be reached")
                .hasMessageContaining("ai.retrieval.opensearch.url");
    }

    private OpenSearchClient client(Optional<String> region)
    {
        return new OpenSearchClient(URI.create("http://127.0.0.1:%d/".formatted(server.getAddress().getPort())), Duration.ofSeconds(10), region);
    }

    /**
     * The signature of the request as the server received it, computed again at the moment it was signed.
     */
    private String signatureOf(Received request)
    {
        String authorization = header(request, "Authorization");
        List<String> signed = List.of(authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1").split(";"));
        SdkHttpFullRequest.Builder rebuilt = SdkHttpFullRequest.builder()
                .uri(URI.create("http://" + header(request, "Host") + request.path()))
                .method(SdkHttpMethod.fromValue(request.method()));
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (signed.contains(lower) && !lower.equals("host") && !lower.equals("x-amz-date")) {
                rebuilt.putHeader(name, values);
            }
        });
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(header(request, "x-amz-date"), Instant::from);
        return AwsV4HttpSigner.create().sign(r -> r
                        .identity(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))
                        .request(rebuilt.build())
                        .payload(ContentStreamProvider.fromByteArray(request.body()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "es")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }

    private static String header(Received request, String name)
    {
        return request.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name)).findFirst().map(entry -> entry.getValue().getFirst())
                .orElseThrow(() -> new AssertionError("no %s header in %s".formatted(name, request.headers().keySet())));
    }
}
