package dev.trinoai.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * A model behind an OpenAI-compatible {@code /v1/chat/completions} (OpenAI, Ollama, vLLM, LM Studio), over the JDK's
 * HTTP client: a streamed reply is Server-Sent Events of {@code data: {chunk}} lines ending with {@code data: [DONE]}.
 */
final class OpenAiLlmClient
        implements LlmClient
{
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_TEXT = 300;

    private final HttpClient http;
    private final URI completions;
    private final String model;
    private final Optional<String> apiKey;
    private final CallPolicy policy;

    private OpenAiLlmClient(HttpClient http, URI completions, String model, Optional<String> apiKey, CallPolicy policy)
    {
        this.http = requireNonNull(http, "http is null");
        this.completions = requireNonNull(completions, "completions is null");
        this.model = requireNonNull(model, "model is null");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    static OpenAiLlmClient create(LlmSettings settings)
    {
        String base = settings.openAiBaseUrl().orElseThrow().toString();
        URI completions = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        String model = settings.openAiModel().orElseThrow();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? settings.timeout() : MAX_CONNECT_TIMEOUT)
                .build();
        return new OpenAiLlmClient(http, completions, model, settings.openAiApiKey(), new CallPolicy("openai " + model, settings));
    }

    @Override
    public String describe()
    {
        return "openai " + model;
    }

    @Override
    public LlmReply complete(LlmRequest request)
    {
        return policy.call(deadline -> {
            CompletableFuture<HttpResponse<String>> call = http.sendAsync(post(request, false, deadline), HttpResponse.BodyHandlers.ofString(UTF_8));
            HttpResponse<String> response = await(call, deadline);
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), response.body());
            }
            JsonNode body = json(response.body());
            return new LlmReply(body.path("choices").path(0).path("message").path("content").asText(""), usage(body.path("usage")));
        });
    }

    @Override
    public LlmUsage stream(LlmRequest request, Consumer<String> chunks)
    {
        return policy.call(deadline -> {
            ReplyStream reply = new ReplyStream();
            // the status decides how the body is read: events when 200, else the error text
            BodyHandler<Void> events = info -> info.statusCode() == 200
                    ? BodySubscribers.fromLineSubscriber(new EventLines(reply), subscriber -> null, UTF_8, null)
                    : BodySubscribers.mapping(BodySubscribers.ofString(UTF_8), text -> {
                        reply.fail(failure(info.statusCode(), text));
                        return null;
                    });
            CompletableFuture<HttpResponse<Void>> call = http.sendAsync(post(request, true, deadline), events);
            call.whenComplete((_, e) -> {
                if (e != null) {
                    reply.fail(unreachable(e));
                }
            });
            return reply.drain(deadline, chunks, () -> call.cancel(true), policy::timedOut);
        });
    }

    private HttpRequest post(LlmRequest request, boolean stream, Instant deadline)
    {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        request.messages().forEach(message -> messages.addObject().put("role", message.role() == LlmMessage.Role.USER ? "user" : "assistant").put("content", message.text()));
        body.put("max_tokens", request.maxTokens());
        // the same question gets the same plan and wording
        body.put("temperature", 0);
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(completions)
                .timeout(Duration.between(Instant.now(), deadline))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body)));
        apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder.build();
    }

    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> call, Instant deadline)
    {
        try {
            return call.get(Math.max(0, Duration.between(Instant.now(), deadline).toNanos()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException e) {
            call.cancel(true);
            throw policy.timedOut();
        }
        catch (ExecutionException e) {
            throw unreachable(e.getCause());
        }
        catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while the model was answering", false, e);
        }
    }

    /**
     * The server's own error text helps (an unknown model, a context too long), but only a bounded part of it: it is
     * not known to be free of what the request held, and the request never holds the key.
     */
    private LlmException failure(int status, String body)
    {
        String text = json(body).path("error").path("message").asText(body);
        text = text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "..." : text;
        String message = switch (status) {
            case 401, 403 -> "%s refused the API key (HTTP %d): check ai.llm.openai.api-key or the variable ai.llm.openai.api-key-env names".formatted(completions, status);
            case 404 -> "%s has no model %s or no such endpoint (HTTP 404: %s): check ai.llm.openai.base-url (it ends in /v1) and ai.llm.openai.model".formatted(completions, model, text);
            case 429 -> "%s throttled the call (HTTP 429: %s)".formatted(completions, text);
            default -> "%s failed (HTTP %d: %s)".formatted(completions, status, text);
        };
        return new LlmException(message, status == 408 || status == 429 || status >= 500);
    }

    private LlmException unreachable(Throwable thrown)
    {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof HttpTimeoutException) {
            return policy.timedOut();
        }
        if (e instanceof LlmException failure) {
            return failure;
        }
        String cause = e instanceof ConnectException ? "connection refused" : e.toString();
        return new LlmException("cannot reach %s (%s): check ai.llm.openai.base-url and that the server runs".formatted(completions, cause), e instanceof IOException, e);
    }

    private static LlmUsage usage(JsonNode usage)
    {
        return new LlmUsage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }

    private static byte[] write(JsonNode body)
    {
        try {
            return MAPPER.writeValueAsBytes(body);
        }
        catch (IOException e) {
            throw new LlmException("cannot write the request: " + e.getMessage(), false, e);
        }
    }

    private static JsonNode json(String text)
    {
        try {
            return MAPPER.readTree(text);
        }
        catch (IOException e) {
            return MAPPER.missingNode();
        }
    }

    @Override
    public void close()
    {
        http.close();
    }

    /**
     * Reads Server-Sent Events: {@code data:} lines, each a JSON chunk or {@code [DONE]}; comments and other fields
     * (keep-alives) pass.
     */
    private static final class EventLines
            implements Flow.Subscriber<String>
    {
        private final ReplyStream reply;

        EventLines(ReplyStream reply)
        {
            this.reply = reply;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription)
        {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line)
        {
            if (!line.startsWith("data:")) {
                return;
            }
            String data = line.substring("data:".length()).strip();
            if (data.equals("[DONE]")) {
                reply.end();
                return;
            }
            JsonNode chunk = json(data);
            if (chunk.isMissingNode()) {
                reply.fail(new LlmException("the model's stream has a line that is not JSON", false));
                return;
            }
            if (chunk.has("error")) {
                reply.fail(new LlmException("the model failed mid-stream: " + chunk.path("error").path("message").asText(), false));
                return;
            }
            reply.text(chunk.path("choices").path(0).path("delta").path("content").asText(""));
            if (chunk.path("usage").isObject()) {
                reply.usage(usage(chunk.path("usage")));
            }
        }

        @Override
        public void onError(Throwable e)
        {
            reply.fail(new LlmException("the connection to the model broke: " + e, true, e));
        }

        @Override
        public void onComplete()
        {
            // a server that closes without [DONE] has still finished its reply
            reply.end();
        }
    }
}
