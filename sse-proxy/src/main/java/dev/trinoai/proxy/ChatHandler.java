package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /api/chat}: a question of a conversation, as {@code useChat} asks it ({@link ChatRequest}), answered
 * with the AI SDK's UI message stream ({@link UiMessageStream}). The conversation's earlier questions go to Trino as
 * ask's {@code previous}, so a follow-up ("and for Falcon?") reads as one. Limits, deadlines and cancellation are
 * those of {@code /ask}. With a conversation store, the question is kept before it is asked and the answer after it
 * ended, under the token's user.
 */
final class ChatHandler
        extends ApiHandler
{
    private final ProxyConfig config;
    private final UserLimits limits;
    private final AskRunner runner;
    private final Optional<ConversationStore> store;
    private final Consumer<String> log;

    /**
     * @param log where a failure to keep an answer is reported (the answer itself has been sent)
     */
    ChatHandler(ProxyConfig config, Tokens tokens, UserLimits limits, FailedAuthThrottle throttle, AccessLog accessLog, ProxyMetrics metrics, ProxyTracing tracing, AskRunner runner,
            Optional<ConversationStore> store, Consumer<String> log, ObjectMapper json)
    {
        super(Set.of("POST"), "Use POST /api/chat with " + ChatRequest.EXPECTED + ".", tokens, throttle, accessLog, metrics, tracing, json);
        this.config = requireNonNull(config, "config is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.store = requireNonNull(store, "store is null");
        this.log = requireNonNull(log, "log is null");
    }

    @Override
    protected Result respond(HttpExchange exchange, String user, long start)
            throws IOException
    {
        ChatRequest request;
        try {
            request = ChatRequest.parse(body(exchange, ChatRequest.EXPECTED), config.maxQuestionLength());
        }
        catch (BadRequest e) {
            refuse(exchange, e);
            return Result.refused(e.status(), Optional.of(user), Optional.empty());
        }
        String question = request.question().text();
        return switch (limits.admit(user)) {
            case UserLimits.Refusal refusal -> refuseOverLimit(exchange, refusal, user, question);
            case UserLimits.Permit permit -> {
                try (permit) {
                    yield answer(exchange, user, request, start);
                }
            }
        };
    }

    private Result answer(HttpExchange exchange, String user, ChatRequest request, long start)
            throws IOException
    {
        Optional<String> question = Optional.of(request.question().text());
        if (store.isPresent()) {
            try {
                store.get().ask(user, request);
            }
            catch (SQLException e) {
                refuse(exchange, new BadRequest(503, "store_unavailable", "Your conversations cannot be kept right now (the database does not answer); try again in a minute."));
                logStoreFailure("keep a question", e);
                return new Result(503, Optional.of(user), Optional.of("error"), Optional.empty(), Optional.empty(), question);
            }
        }
        SseStream events = openEventStream(exchange, Map.of(UiMessageStream.HEADER, UiMessageStream.VERSION));
        UiMessageStream stream;
        try {
            stream = UiMessageStream.start(events, json, "answer-" + UUID.randomUUID());
        }
        catch (IOException e) {
            return new Result(200, Optional.of(user), Optional.of("disconnected"), Optional.empty(), Optional.empty(), question);
        }
        AskRunner.Outcome outcome = runner.run(events, stream, user, request.question(), start);
        if (store.isPresent()) {
            try {
                store.get().answer(user, request.conversationId(), stream.message());
            }
            catch (SQLException e) {
                logStoreFailure("keep an answer", e);
            }
        }
        return new Result(200, Optional.of(user), Optional.of(outcome.outcome()), outcome.rows(), outcome.queryId(), question);
    }

    private void logStoreFailure(String what, SQLException e)
    {
        log.accept(json.createObjectNode().put("log", "chat-store").put("message", "could not %s: %s".formatted(what, e.getMessage())).toString());
    }
}
