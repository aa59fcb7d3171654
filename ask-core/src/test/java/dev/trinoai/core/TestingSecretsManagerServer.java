package dev.trinoai.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local stand-in for AWS Secrets Manager's GetSecretValue: its JSON 1.1 protocol (POST /, {@code X-Amz-Target},
 * {@code application/x-amz-json-1.1}), SigV4 header, response and error format ({@code __type}). It checks the
 * signature is there, not that it is right.
 */
public final class TestingSecretsManagerServer
        implements AutoCloseable
{
    private static final Pattern CREDENTIAL = Pattern.compile("AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/[^/]+/secretsmanager/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    public TestingSecretsManagerServer()
    {
        server = TestingHttp.loopback(this::handle, null);
    }

    public URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void put(String secretId, String secretString)
    {
        secrets.put(secretId, secretString);
    }

    public int calls()
    {
        return calls.get();
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
                    || !"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                error(exchange, 400, "UnknownOperationException", null);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !CREDENTIAL.matcher(authorization).matches()) {
                error(exchange, 400, "MissingAuthenticationTokenException", "Missing Authentication Token");
                return;
            }
            if (!"application/x-amz-json-1.1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                error(exchange, 400, "SerializationException", null);
                return;
            }
            calls.incrementAndGet();
            String secretId = MAPPER.readTree(request).path("SecretId").asText();
            String value = secrets.get(secretId);
            if (value == null) {
                error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                return;
            }
            respond(exchange, 200, MAPPER.createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + secretId + "-AbCdEf")
                    .put("Name", secretId)
                    .put("SecretString", value)
                    .put("VersionId", UUID.randomUUID().toString())
                    .set("VersionStages", MAPPER.createArrayNode().add("AWSCURRENT")));
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message)
            throws IOException
    {
        respond(exchange, status, MAPPER.createObjectNode().put("__type", type).put("Message", message));
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body)
            throws IOException
    {
        TestingHttp.respondAws(exchange, status, "application/x-amz-json-1.1", MAPPER.writeValueAsBytes(body));
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
