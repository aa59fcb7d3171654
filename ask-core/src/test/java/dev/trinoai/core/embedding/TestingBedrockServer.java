package dev.trinoai.core.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trinoai.core.TestingHttp;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A local stand-in for Bedrock Runtime's InvokeModel: the real path, SigV4 header, JSON bodies, request limits and error
 * format (status, {@code x-amzn-ErrorType}, {@code {"message": ...}}), with vectors derived from the text so equal
 * texts get equal vectors. It checks the signature is there, not that it is right.
 */
final class TestingBedrockServer
        implements AutoCloseable
{
    private static final Pattern INVOKE = Pattern.compile("/model/([^/]+)/invoke");
    private static final Pattern CREDENTIAL = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/\\d{8}/([^/]+)/bedrock/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}");
    private static final Set<String> COHERE = Set.of("cohere.embed-english-v3", "cohere.embed-multilingual-v3");
    private static final String TITAN = "amazon.titan-embed-text-v2:0";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Invocation(String modelId, String accessKeyId, String region, JsonNode body) {}

    private record Failure(int status, String code, String message) {}

    private final HttpServer server;
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicReference<Failure> failure = new AtomicReference<>();

    TestingBedrockServer()
    {
        server = TestingHttp.loopback(this::handle, null);
    }

    URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Invocation> invocations()
    {
        return List.copyOf(invocations);
    }

    /**
     * The next {@code calls} invocations get 429 ThrottlingException.
     */
    void throttleNext(int calls)
    {
        throttled.set(calls);
    }

    /**
     * Every invocation fails this way until {@link #reset}.
     */
    void failWith(int status, String code, String message)
    {
        failure.set(new Failure(status, code, requireNonNull(message, "message is null")));
    }

    void reset()
    {
        invocations.clear();
        throttled.set(0);
        failure.set(null);
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            Matcher path = INVOKE.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                error(exchange, 404, "UnknownOperationException", "no such operation");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
            if (!credential.matches()) {
                error(exchange, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
                return;
            }
            if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                error(exchange, 400, "ValidationException", "Content-Type must be application/json");
                return;
            }
            String modelId = path.group(1);
            JsonNode body = MAPPER.readTree(request);
            invocations.add(new Invocation(modelId, credential.group(1), credential.group(2), body));

            Failure fixed = failure.get();
            if (fixed != null) {
                error(exchange, fixed.status(), fixed.code(), fixed.message());
                return;
            }
            if (throttled.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                error(exchange, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                return;
            }
            if (COHERE.contains(modelId)) {
                cohere(exchange, body);
            }
            else if (TITAN.equals(modelId)) {
                titan(exchange, body);
            }
            else {
                error(exchange, 400, "ValidationException", "The provided model identifier is invalid.");
            }
        }
    }

    private static void cohere(HttpExchange exchange, JsonNode body)
            throws IOException
    {
        JsonNode texts = body.path("texts");
        String inputType = body.path("input_type").asText();
        if (!texts.isArray() || texts.isEmpty() || texts.size() > 96) {
            error(exchange, 400, "ValidationException", "Malformed input request: expected maxItems: 96, minItems: 1 for #/texts");
            return;
        }
        if (!Set.of("search_document", "search_query", "classification", "clustering").contains(inputType)) {
            error(exchange, 400, "ValidationException", "Malformed input request: #/input_type: " + inputType + " is not a valid enum value");
            return;
        }
        ObjectNode response = MAPPER.createObjectNode();
        ArrayNode embeddings = response.putArray("embeddings");
        for (JsonNode text : texts) {
            if (text.asText().length() > 2048) {
                error(exchange, 400, "ValidationException", "Malformed input request: expected maxLength: 2048, actual: " + text.asText().length());
                return;
            }
            vector(embeddings.addArray(), inputType + "\0" + text.asText(), 1024);
        }
        response.put("id", UUID.randomUUID().toString());
        response.put("response_type", "embeddings_floats");
        response.set("texts", texts);
        TestingHttp.respondAws(exchange, 200, "application/json", MAPPER.writeValueAsBytes(response));
    }

    private static void titan(HttpExchange exchange, JsonNode body)
            throws IOException
    {
        String text = body.path("inputText").asText();
        int dimensions = body.path("dimensions").asInt(1024);
        if (!Set.of(256, 512, 1024).contains(dimensions)) {
            error(exchange, 400, "ValidationException", "Malformed input request: #/dimensions: %d is not a valid enum value".formatted(dimensions));
            return;
        }
        ObjectNode response = MAPPER.createObjectNode();
        vector(response.putArray("embedding"), text, dimensions);
        response.put("inputTextTokenCount", text.split("\\s+").length);
        TestingHttp.respondAws(exchange, 200, "application/json", MAPPER.writeValueAsBytes(response));
    }

    // Not unit length, so the client's normalizing shows.
    private static void vector(ArrayNode into, String seed, int dimensions)
    {
        Random random = new Random(seed.hashCode());
        for (int i = 0; i < dimensions; i++) {
            into.add((float) (random.nextGaussian() * 3));
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message)
            throws IOException
    {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        TestingHttp.respondAws(exchange, status, "application/json", MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("message", message)));
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
