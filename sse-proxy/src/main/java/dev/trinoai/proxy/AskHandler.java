package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /ask} with {@code {"question": "..."}}: applies the per-user limits, runs the question through Trino as
 * the caller and streams each row as a Server-Sent Event named by its kind ({@code number}, {@code citation},
 * {@code answer}, {@code sql}, {@code notice}), then {@code done} with timings or {@code error}.
 */
final class AskHandler
        extends ApiHandler
{
    private static final String EXPECTED = "{\"question\": \"...\"}";

    private final ProxyConfig config;
    private final UserLimits limits;
    private final AskRunner runner;

    AskHandler(ProxyConfig config, Tokens tokens, UserLimits limits, FailedAuthThrottle throttle, AccessLog accessLog, ProxyMetrics metrics, ProxyTracing tracing, AskRunner runner, ObjectMapper json)
    {
        super(Set.of("POST"), "Use POST /ask with " + EXPECTED + ".", tokens, throttle, accessLog, metrics, tracing, json);
        this.config = requireNonNull(config, "config is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    protected Result respond(HttpExchange exchange, String user, long start)
            throws IOException
    {
        String question;
        try {
            question = question(body(exchange, EXPECTED));
        }
        catch (BadRequest e) {
            refuse(exchange, e);
            return Result.refused(e.status(), Optional.of(user), Optional.empty());
        }
        return switch (limits.admit(user)) {
            case UserLimits.Refusal refusal -> refuseOverLimit(exchange, refusal, user, question);
            case UserLimits.Permit permit -> {
                try (permit) {
                    SseStream events = openEventStream(exchange, Map.of());
                    AskRunner.Outcome outcome = runner.run(events, new NamedEvents(events, json), user, Question.standalone(question), start);
                    yield new Result(200, Optional.of(user), Optional.of(outcome.outcome()), outcome.rows(), outcome.queryId(), Optional.of(question));
                }
            }
        };
    }

    private String question(JsonNode request)
            throws BadRequest
    {
        JsonNode question = request.get("question");
        if (question == null || !question.isTextual() || question.asText().isBlank()) {
            throw BadRequest.invalid("Send " + EXPECTED + " with a question that is not empty.");
        }
        return checkLength(question.asText().strip(), config.maxQuestionLength(), "The question");
    }

    /**
     * The row contract as events: each row named by its kind, its data the row as JSON.
     */
    private record NamedEvents(SseStream events, ObjectMapper json)
            implements AskRunner.AnswerWriter
    {
        @Override
        public void row(AnswerRow row)
                throws IOException
        {
            events.event(row.eventName(), row.toJson(json).toString());
        }

        @Override
        public void done(AskRunner.Done done)
                throws IOException
        {
            events.event("done", done.toJson(json).toString());
        }

        @Override
        public void failed(AskFailure failure)
                throws IOException
        {
            events.event("error", failure.toJson(json).toString());
        }
    }
}
