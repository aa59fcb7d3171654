package dev.trinoai.core.retrieve.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * OpenSearch's REST API over the JDK's HTTP client: JSON in, JSON out. With a region, every request is signed with
 * SigV4 for Amazon OpenSearch Service (service name {@code es}) from the AWS SDK's default credential chain.
 */
public final class OpenSearchClient
{
    private static final ObjectMapper JSON = new ObjectMapper();
    // the JDK's client sets these itself and refuses them from the caller; they are not among SigV4's signed headers
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Optional<Signing> signing;

    private record Signing(String region, AwsCredentialsProvider credentials) {}

    /**
     * @param awsRegion set for Amazon OpenSearch Service: requests are signed with the default credential chain's
     *     credentials, resolved for every request so rotated ones are picked up
     */
    public OpenSearchClient(URI base, Duration timeout, Optional<String> awsRegion)
    {
        String url = requireNonNull(base, "base is null").toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.signing = awsRegion.map(region -> new Signing(region, DefaultCredentialsProvider.builder().build()));
        // OpenSearch's REST layer is HTTP/1.1: no h2c upgrade offer on every request
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI base()
    {
        return base;
    }

    /**
     * @param body written as JSON
     * @throws OpenSearchException when the status is not 2xx
     */
    public JsonNode send(String method, String path, Optional<Object> body)
    {
        Response response = exchange(method, path, body.map(OpenSearchClient::json), "application/json");
        if (response.status() / 100 != 2) {
            throw new OpenSearchException(response.status(), "OpenSearch at %s refused %s %s: %s".formatted(base, method, path, reason(response)));
        }
        return response.body();
    }

    /**
     * A request of newline-delimited JSON ({@code _bulk}, {@code _msearch}).
     */
    public JsonNode sendLines(String path, List<?> lines)
    {
        StringBuilder body = new StringBuilder();
        lines.forEach(line -> body.append(json(line)).append('\n'));
        Response response = exchange("POST", path, Optional.of(body.toString()), "application/x-ndjson");
        if (response.status() / 100 != 2) {
            throw new OpenSearchException(response.status(), "OpenSearch at %s refused POST %s: %s".formatted(base, path, reason(response)));
        }
        return response.body();
    }

    /**
     * @return whether the path exists (HEAD answered 200)
     */
    public boolean exists(String path)
    {
        int status = exchange("HEAD", path, Optional.empty(), "application/json").status();
        if (status != 200 && status != 404) {
            throw new OpenSearchException(status, "OpenSearch at %s answered HEAD %s with status %d".formatted(base, path, status));
        }
        return status == 200;
    }

    private record Response(int status, JsonNode body) {}

    private Response exchange(String method, String path, Optional<String> body, String contentType)
    {
        URI uri = URI.create(base + path);
        byte[] bytes = body.map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body.isPresent() ? HttpRequest.BodyPublishers.ofByteArray(bytes) : HttpRequest.BodyPublishers.noBody());
        Map<String, List<String>> headers = Map.of("Content-Type", List.of(contentType));
        if (signing.isPresent()) {
            headers = sign(signing.get(), method, uri, bytes, contentType);
        }
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = response.body();
            JsonNode json = answer.length == 0 ? JSON.nullNode() : parse(answer);
            return new Response(response.statusCode(), json);
        }
        catch (IOException e) {
            throw new OpenSearchException("OpenSearch at %s cannot be reached (%s %s): %s. Check ai.retrieval.opensearch.url and that the cluster is up (scripts/opensearch.sh start for the local one).".formatted(base, method, path, e), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchException("interrupted while waiting for OpenSearch at %s".formatted(base), e);
        }
    }

    private static Map<String, List<String>> sign(Signing signing, String method, URI uri, byte[] body, String contentType)
    {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .uri(uri)
                .method(SdkHttpMethod.fromValue(method))
                .putHeader("Content-Type", contentType)
                // Amazon OpenSearch Service wants the payload's hash as a header as well as in the signature
                .putHeader("x-amz-content-sha256", sha256(body))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(signing.credentials().resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "es")
                .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region()));
        return signed.request().headers();
    }

    /**
     * The hex SHA-256 of the bytes.
     */
    static String sha256(byte[] body)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] answer)
    {
        try {
            return JSON.readTree(answer);
        }
        catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(answer, StandardCharsets.UTF_8));
        }
    }

    private static String reason(Response response)
    {
        JsonNode error = response.body().path("error");
        if (error.isObject()) {
            JsonNode root = error.path("root_cause").path(0);
            JsonNode cause = root.isMissingNode() ? error : root;
            return "%s (%s, status %d)".formatted(cause.path("reason").asText(error.toString()), cause.path("type").asText("error"), response.status());
        }
        return "status %d: %s".formatted(response.status(), response.body());
    }

    private static String json(Object value)
    {
        try {
            return JSON.writeValueAsString(value);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot write a request to OpenSearch as JSON", e);
        }
    }
}
