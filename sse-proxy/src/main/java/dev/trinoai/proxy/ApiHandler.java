package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * What every API endpoint but {@code /health} does first and last: the method checked, the client address's failed
 * tokens throttled, the bearer token mapped to its user (401 without one), one span of the request's trace
 * ({@link ProxyTracing}) current while it is answered, and one access-log line for the request however it ended. Subclasses answer for the authenticated user.
 */
abstract class ApiHandler
        implements HttpHandler
{
    private final Set<String> methods;
    private final String usage;
    private final Tokens tokens;
    private final FailedAuthThrottle throttle;
    private final AccessLog accessLog;
    private final ProxyMetrics metrics;
    private final ProxyTracing tracing;
    protected final ObjectMapper json;

    /**
     * @param usage what a request with another method is told to send instead
     */
    protected ApiHandler(Set<String> methods, String usage, Tokens tokens, FailedAuthThrottle throttle, AccessLog accessLog, ProxyMetrics metrics, ProxyTracing tracing,
            ObjectMapper json)
    {
        this.methods = Set.copyOf(methods);
        this.usage = requireNonNull(usage, "usage is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.accessLog = requireNonNull(accessLog, "accessLog is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * How a request ended, for the access log.
     *
     * @param outcome for questions: done, error, timeout, disconnected or refused
     */
    record Result(int status, Optional<String> user, Optional<String> outcome, Optional<Integer> rows, Optional<String> queryId, Optional<String> question)
    {
        Result
        {
            requireNonNull(user, "user is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(rows, "rows is null");
            requireNonNull(queryId, "queryId is null");
            requireNonNull(question, "question is null");
        }

        static Result refused(int status, Optional<String> user, Optional<String> question)
        {
            return new Result(status, user, Optional.of("refused"), Optional.empty(), Optional.empty(), question);
        }

        static Result answered(int status, String user)
        {
            return new Result(status, Optional.of(user), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * A request refused before anything runs, with its status and the error the JSON body names.
     */
    static final class BadRequest
            extends Exception
    {
        private final int status;
        private final String error;

        BadRequest(int status, String error, String message)
        {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
        }

        static BadRequest invalid(String message)
        {
            return new BadRequest(400, "bad_request", message);
        }

        int status()
        {
            return status;
        }
    }

    @Override
    public final void handle(HttpExchange exchange)
            throws IOException
    {
        long start = System.nanoTime();
        Result result = Result.refused(500, Optional.empty(), Optional.empty());
        Span span = tracing.startRequest(exchange.getRequestMethod(), exchange.getHttpContext().getPath(), exchange.getRequestHeaders());
        try (Scope _ = span.makeCurrent()) {
            result = authenticate(exchange, start);
        }
        finally {
            // ended before the connection closes: a caller that has read the whole answer finds the span ended
            end(span, result);
            exchange.close();
            accessLog.log(new AccessLog.Entry(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), result.status(), result.user(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), result.outcome(), result.rows(), result.queryId(), result.question()));
        }
    }

    /**
     * The span's outcome: the status, and for a question how it ended and Trino's query id; no user and no question.
     */
    private static void end(Span span, Result result)
    {
        span.setAttribute(ProxyTracing.HTTP_STATUS, result.status());
        result.outcome().ifPresent(outcome -> span.setAttribute(ProxyTracing.OUTCOME, outcome));
        result.queryId().ifPresent(id -> span.setAttribute(ProxyTracing.QUERY_ID, id));
        result.rows().ifPresent(rows -> span.setAttribute(ProxyTracing.ROWS, rows));
        if (result.status() >= 500 || result.outcome().filter(outcome -> outcome.equals("error") || outcome.equals("timeout")).isPresent()) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /**
     * Answers the request of an authenticated user.
     *
     * @param start when the request arrived, in {@link System#nanoTime()}
     */
    protected abstract Result respond(HttpExchange exchange, String user, long start)
            throws IOException;

    private Result authenticate(HttpExchange exchange, long start)
            throws IOException
    {
        if (!methods.contains(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", methods.stream().sorted().toList()));
            refuse(exchange, new BadRequest(405, "method_not_allowed", usage));
            return Result.refused(405, Optional.empty(), Optional.empty());
        }
        InetAddress address = exchange.getRemoteAddress().getAddress();
        FailedAuthThrottle.Verdict verdict = throttle.check(address);
        if (verdict.refused()) {
            // The token is not looked at: a throttled client learns nothing about its guesses.
            exchange.getResponseHeaders().set("Retry-After", Long.toString(verdict.retryAfterSeconds()));
            metrics.refused(429);
            Exchanges.sendJson(exchange, 429, error("too_many_failures", "Too many requests with a wrong token from this address; try again later.")
                    .put("retryAfterSeconds", verdict.retryAfterSeconds()));
            return Result.refused(429, Optional.empty(), Optional.empty());
        }
        Optional<String> user = tokens.user(exchange.getRequestHeaders().getFirst("Authorization"));
        if (user.isEmpty()) {
            throttle.failed(address);
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"trino-ai\"");
            refuse(exchange, new BadRequest(401, "unauthorized", "Send a valid token as Authorization: Bearer <token>."));
            return Result.refused(401, user, Optional.empty());
        }
        throttle.succeeded(address);
        return respond(exchange, user.get(), start);
    }

    /**
     * The request body as JSON.
     */
    protected JsonNode body(HttpExchange exchange, String expected)
            throws BadRequest
    {
        try {
            JsonNode body = json.readTree(ClientGuard.body(exchange));
            if (body == null || !body.isObject()) {
                throw BadRequest.invalid("The body is not a JSON object: send " + expected + ".");
            }
            return body;
        }
        catch (IOException e) {
            throw BadRequest.invalid("The body is not JSON: send " + expected + ".");
        }
    }

    protected void refuse(HttpExchange exchange, BadRequest refusal)
            throws IOException
    {
        // counted before the response leaves, so that a scrape after it counts it
        metrics.refused(refusal.status);
        Exchanges.sendJson(exchange, refusal.status, error(refusal.error, refusal.getMessage()));
    }

    /**
     * 429 with {@code Retry-After}, naming the limit.
     */
    protected Result refuseOverLimit(HttpExchange exchange, UserLimits.Refusal refusal, String user, String question)
            throws IOException
    {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        metrics.refused(429);
        Exchanges.sendJson(exchange, 429, error("too_many_requests", refusal.message()).put("retryAfterSeconds", refusal.retryAfterSeconds()));
        return Result.refused(429, Optional.of(user), Optional.of(question));
    }

    /**
     * Starts a 200 response of Server-Sent Events, with {@code headers} besides the usual ones.
     */
    protected static SseStream openEventStream(HttpExchange exchange, Map<String, String> headers)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // nginx and similar proxies buffer responses unless told not to, which would hold every event back.
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(200, 0);
        return new SseStream(exchange.getResponseBody(), System::nanoTime);
    }

    /**
     * The text, if it is within {@code ask.max-question-length}.
     *
     * @param what what the text is, for the message
     */
    protected static String checkLength(String text, int maxLength, String what)
            throws BadRequest
    {
        if (text.length() > maxLength) {
            throw BadRequest.invalid("%s has %d characters; the limit is %d (ask.max-question-length).".formatted(what, text.length(), maxLength));
        }
        return text;
    }

    protected ObjectNode error(String error, String message)
    {
        return json.createObjectNode().put("error", error).put("message", message);
    }
}
