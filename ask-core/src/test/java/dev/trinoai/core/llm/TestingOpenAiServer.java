package dev.trinoai.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trinoai.core.TestingHttp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A local OpenAI-compatible {@code POST /v1/chat/completions}: JSON replies, or with {@code "stream": true}
 * Server-Sent Events of {@code chat.completion.chunk} objects, the usage in a last chunk with empty choices when
 * {@code stream_options.include_usage} asks for it, then {@code data: [DONE]}; errors as OpenAI sends them.
 */
public final class TestingOpenAiServer
        implements AutoCloseable
{
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpServer server;
    // a stalled call must not hold up the next one
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ModelScript script = new ModelScript();

    public TestingOpenAiServer()
    {
        server = TestingHttp.loopback(this::handle, executor);
    }

    public URI baseUrl()
    {
        return URI.create("http://127.0.0.1:%d/v1".formatted(server.getAddress().getPort()));
    }

    public ModelScript script()
    {
        return script;
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                error(exchange, new ModelScript.Failure(404, "not_found", "Unknown request URL: " + exchange.getRequestURI().getPath()));
                return;
            }
            Optional<ModelScript.Step> next = script.next(new ModelScript.Call(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), body));
            if (next.isEmpty()) {
                return;
            }
            ModelScript.Step step = next.get();
            switch (step) {
                case ModelScript.Failure failure -> error(exchange, failure);
                case ModelScript.Reply reply when body.path("stream").asBoolean() -> stream(exchange, reply, body.path("model").asText(), body.path("stream_options").path("include_usage").asBoolean());
                case ModelScript.Reply reply -> whole(exchange, reply, body.path("model").asText());
                case ModelScript.Stall _ -> throw new IllegalStateException("a stall ends in a reply");
            }
        }
    }

    private static void whole(HttpExchange exchange, ModelScript.Reply reply, String model)
            throws IOException
    {
        ObjectNode response = MAPPER.createObjectNode().put("id", "chatcmpl-" + UUID.randomUUID()).put("object", "chat.completion").put("model", model);
        response.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", reply.text());
        usage(response, reply);
        byte[] bytes = MAPPER.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void stream(HttpExchange exchange, ModelScript.Reply reply, String model, boolean includeUsage)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-" + UUID.randomUUID();
        boolean first = true;
        for (String text : reply.chunks()) {
            ObjectNode chunk = chunk(id, model);
            ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta");
            if (first) {
                delta.put("role", "assistant");
                first = false;
            }
            delta.put("content", text);
            event(out, MAPPER.writeValueAsString(chunk));
        }
        ObjectNode last = chunk(id, model);
        last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        event(out, MAPPER.writeValueAsString(last));
        if (includeUsage) {
            ObjectNode usage = chunk(id, model);
            usage.putArray("choices");
            usage(usage, reply);
            event(out, MAPPER.writeValueAsString(usage));
        }
        event(out, "[DONE]");
    }

    private static ObjectNode chunk(String id, String model)
    {
        return MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", 1_700_000_000).put("model", model);
    }

    private static void usage(ObjectNode response, ModelScript.Reply reply)
    {
        response.putObject("usage").put("prompt_tokens", reply.inputTokens()).put("completion_tokens", reply.outputTokens()).put("total_tokens", reply.inputTokens() + reply.outputTokens());
    }

    private static void event(OutputStream out, String data)
            throws IOException
    {
        out.write(("data: " + data + "\n\n").getBytes(UTF_8));
        out.flush();
    }

    private static void error(HttpExchange exchange, ModelScript.Failure failure)
            throws IOException
    {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("message", failure.message()).put("type", failure.code()).putNull("param").put("code", failure.code());
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(failure.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
