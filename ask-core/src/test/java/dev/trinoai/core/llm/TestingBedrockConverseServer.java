package dev.trinoai.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trinoai.core.TestingHttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A local Bedrock Runtime for the Converse API: {@code POST /model/{id}/converse} answers JSON, and
 * {@code POST /model/{id}/converse-stream} answers {@code application/vnd.amazon.eventstream}, the AWS event-stream
 * binary framing (prelude of total and headers length with its CRC32, string headers {@code :event-type},
 * {@code :content-type} and {@code :message-type}, a JSON payload, the message's CRC32) carrying messageStart,
 * contentBlockDelta, contentBlockStop, messageStop and metadata events. Errors come as Bedrock sends them (status,
 * {@code x-amzn-ErrorType}, {@code {"message": ...}}). It checks a SigV4 header is there, not that it is right.
 */
final class TestingBedrockConverseServer
        implements AutoCloseable
{
    private static final Pattern OPERATION = Pattern.compile("/model/([^/]+)/(converse|converse-stream)");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ModelScript script = new ModelScript();

    TestingBedrockConverseServer()
    {
        server = TestingHttp.loopback(this::handle, executor);
    }

    URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ModelScript script()
    {
        return script;
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            Matcher operation = OPERATION.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !operation.matches()) {
                error(exchange, new ModelScript.Failure(404, "UnknownOperationException", "no such operation"));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
                error(exchange, new ModelScript.Failure(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
                return;
            }
            JsonNode body = MAPPER.readTree(request);
            Optional<ModelScript.Step> next = script.next(new ModelScript.Call(exchange.getRequestURI().getPath(), authorization, body));
            if (next.isEmpty()) {
                return;
            }
            ModelScript.Step step = next.get();
            switch (step) {
                case ModelScript.Failure failure -> error(exchange, failure);
                case ModelScript.Reply reply when operation.group(2).equals("converse-stream") -> stream(exchange, reply);
                case ModelScript.Reply reply -> whole(exchange, reply);
                case ModelScript.Stall _ -> throw new IllegalStateException("a stall ends in a reply");
            }
        }
    }

    private static void whole(HttpExchange exchange, ModelScript.Reply reply)
            throws IOException
    {
        ObjectNode response = MAPPER.createObjectNode();
        ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("text", reply.text());
        response.put("stopReason", "end_turn");
        usage(response, reply);
        response.putObject("metrics").put("latencyMs", 1);
        TestingHttp.respondAws(exchange, 200, "application/json", MAPPER.writeValueAsBytes(response));
    }

    private static void stream(HttpExchange exchange, ModelScript.Reply reply)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "messageStart", MAPPER.createObjectNode().put("role", "assistant"));
        for (String text : reply.chunks()) {
            ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", text);
            event(out, "contentBlockDelta", delta);
        }
        event(out, "contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", 0));
        event(out, "messageStop", MAPPER.createObjectNode().put("stopReason", "end_turn"));
        ObjectNode metadata = MAPPER.createObjectNode();
        usage(metadata, reply);
        metadata.putObject("metrics").put("latencyMs", 1);
        event(out, "metadata", metadata);
    }

    private static void event(OutputStream out, String type, JsonNode payload)
            throws IOException
    {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", type);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        out.write(frame(headers, MAPPER.writeValueAsBytes(payload)));
        out.flush();
    }

    /**
     * One event-stream message: every header a string (type 7), all integers big-endian.
     */
    static byte[] frame(Map<String, String> headers, byte[] payload)
    {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] nameBytes = name.getBytes(UTF_8);
            byte[] valueBytes = value.getBytes(UTF_8);
            encoded.write(nameBytes.length);
            encoded.writeBytes(nameBytes);
            encoded.write(7);
            encoded.write(valueBytes.length >> 8);
            encoded.write(valueBytes.length & 0xff);
            encoded.writeBytes(valueBytes);
        });
        byte[] headerBytes = encoded.toByteArray();
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer message = ByteBuffer.allocate(total);
        message.putInt(total).putInt(headerBytes.length);
        message.putInt(crc(message.array(), 0, 8));
        message.put(headerBytes).put(payload);
        message.putInt(crc(message.array(), 0, total - 4));
        return message.array();
    }

    private static int crc(byte[] bytes, int offset, int length)
    {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static void usage(ObjectNode response, ModelScript.Reply reply)
    {
        response.putObject("usage").put("inputTokens", reply.inputTokens()).put("outputTokens", reply.outputTokens()).put("totalTokens", reply.inputTokens() + reply.outputTokens());
    }

    private static void error(HttpExchange exchange, ModelScript.Failure failure)
            throws IOException
    {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", failure.code() + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        TestingHttp.respondAws(exchange, failure.status(), "application/json", MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("message", failure.message())));
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
