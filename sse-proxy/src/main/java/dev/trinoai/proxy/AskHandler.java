package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /ask} with {@code {"question": "..."}}: authenticates the caller, applies the per-user limits, runs the
 * question through Trino as that user and streams each row as a Server-Sent Event ({@code number}, {@code citation},
 * {@code answer}, {@code sql}, {@code notice}), then {@code done} with timings or {@code error}.
 */
final class AskHandler
        implements HttpHandler
{
    private final ProxyConfig config;
    private final Tokens tokens;
    private final UserLimits limits;
    private final FailedAuthThrottle throttle;
    private final AccessLog accessLog;
    private final ScheduledExecutorService timer;
    private final ObjectMapper json;
    private final ProxyMetrics metrics;
    private final Set<AskQuery> running = ConcurrentHashMap.newKeySet();

    AskHandler(ProxyConfig config, Tokens tokens, UserLimits limits, FailedAuthThrottle throttle, AccessLog accessLog, ScheduledExecutorService timer, ObjectMapper json, ProxyMetrics metrics)
    {
        this.config = requireNonNull(config, "config is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.accessLog = requireNonNull(accessLog, "accessLog is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.json = requireNonNull(json, "json is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * How a request ended, for the access log.
     */
    private record Result(int status, Optional<String> user, String outcome, Optional<Integer> rows, Optional<String> queryId, Optional<String> question)
    {
        static Result refused(int status, Optional<String> user, Optional<String> question)
        {
            return new Result(status, user, "refused", Optional.empty(), Optional.empty(), question);
        }
    }

    @Override
    public void handle(HttpExchange exchange)
            throws IOException
    {
        long start = System.nanoTime();
        Result result = Result.refused(500, Optional.empty(), Optional.empty());
        try {
            result = respond(exchange, start);
        }
        finally {
            exchange.close();
            accessLog.log(new AccessLog.Entry(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), result.status(), result.user(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Optional.of(result.outcome()), result.rows(), result.queryId(), result.question()));
        }
    }

    /**
     * Cancels every running question, for shutdown.
     */
    void cancelAll()
    {
        running.forEach(AskQuery::cancel);
    }

    private Result respond(HttpExchange exchange, long start)
            throws IOException
    {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            refuse(exchange, 405, "method_not_allowed", "Use POST /ask with {\"question\": \"...\"}.");
            return Result.refused(405, Optional.empty(), Optional.empty());
        }
        InetAddress address = exchange.getRemoteAddress().getAddress();
        FailedAuthThrottle.Verdict verdict = throttle.check(address);
        if (verdict.refused()) {
            // The token is not looked at: a throttled client learns nothing about its guesses.
            exchange.getResponseHeaders().set("Retry-After", Long.toString(verdict.retryAfterSeconds()));
            refuse(exchange, 429, error("too_many_failures", "Too many requests with a wrong token from this address; try again later.")
                    .put("retryAfterSeconds", verdict.retryAfterSeconds()));
            return Result.refused(429, Optional.empty(), Optional.empty());
        }
        Optional<String> user = tokens.user(exchange.getRequestHeaders().getFirst("Authorization"));
        if (user.isEmpty()) {
            throttle.failed(address);
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"trino-ai\"");
            refuse(exchange, 401, "unauthorized", "Send a valid token as Authorization: Bearer <token>.");
            return Result.refused(401, user, Optional.empty());
        }
        throttle.succeeded(address);
        String question;
        try {
            question = question(exchange);
        }
        catch (BadRequest e) {
            refuse(exchange, e.status, e.error, e.getMessage());
            return Result.refused(e.status, user, Optional.empty());
        }
        switch (limits.admit(user.get())) {
            case UserLimits.Refusal refusal -> {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(refusal.retryAfterSeconds()));
                refuse(exchange, 429, error("too_many_requests", refusal.message()).put("retryAfterSeconds", refusal.retryAfterSeconds()));
                return Result.refused(429, user, Optional.of(question));
            }
            case UserLimits.Permit permit -> {
                metrics.streamStarted();
                String outcome = "internal_error";
                try (permit) {
                    Result streamed = stream(exchange, user.get(), question, start);
                    outcome = streamed.outcome();
                    return streamed;
                }
                finally {
                    metrics.streamEnded(outcome);
                }
            }
        }
    }

    /**
     * A request that is refused before anything runs.
     */
    private static final class BadRequest
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
    }

    private String question(HttpExchange exchange)
            throws BadRequest
    {
        byte[] body = ClientGuard.body(exchange);
        JsonNode request;
        try {
            request = json.readTree(body);
        }
        catch (IOException e) {
            throw new BadRequest(400, "bad_request", "The body is not JSON: send {\"question\": \"...\"}.");
        }
        JsonNode question = request == null ? null : request.get("question");
        if (question == null || !question.isTextual() || question.asText().isBlank()) {
            throw new BadRequest(400, "bad_request", "Send {\"question\": \"...\"} with a question that is not empty.");
        }
        String text = question.asText().strip();
        if (text.length() > config.maxQuestionLength()) {
            throw new BadRequest(400, "bad_request", "The question has %d characters; the limit is %d (ask.max-question-length).".formatted(text.length(), config.maxQuestionLength()));
        }
        return text;
    }

    private Result stream(HttpExchange exchange, String user, String question, long start)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // nginx and similar proxies buffer responses unless told not to, which would hold every event back.
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        SseStream events = new SseStream(body, System::nanoTime, at -> metrics.firstEvent(at - start));
        AskQuery query;
        try {
            query = AskQuery.prepare(config, user, question);
        }
        catch (SQLException e) {
            AskFailure failure = AskFailure.of(e, Optional.empty(), Optional::empty);
            return sendQuietly(events, "error", failure.toJson(json), new Result(200, Optional.of(user), "error", Optional.empty(), Optional.empty(), Optional.of(question)));
        }
        running.add(query);
        ScheduledFuture<?> heartbeat = scheduleHeartbeat(events, query);
        Overdue overdue = new Overdue(Thread.currentThread(), events, query);
        ScheduledFuture<?> deadline = timer.schedule(overdue::expire, overdueNanos(), TimeUnit.NANOSECONDS);
        AtomicLong firstRowNanos = new AtomicLong();
        try {
            int rows = query.stream(row -> {
                synchronized (events) {
                    overdue.check();
                    firstRowNanos.compareAndSet(0, System.nanoTime());
                    events.event(row.eventName(), row.toJson(json).toString());
                }
            });
            long end = System.nanoTime();
            ObjectNode done = json.createObjectNode()
                    .put("rows", rows)
                    .put("firstRowMs", firstRowNanos.get() == 0 ? null : TimeUnit.NANOSECONDS.toMillis(firstRowNanos.get() - start))
                    .put("totalMs", TimeUnit.NANOSECONDS.toMillis(end - start));
            query.queryId().ifPresent(id -> done.put("queryId", id));
            return sendQuietly(events, "done", done, new Result(200, Optional.of(user), "done", Optional.of(rows), query.queryId(), Optional.of(question)));
        }
        catch (SQLException | IOException | RuntimeException e) {
            deadline.cancel(false);
            if (overdue.expired()) {
                // Interrupted while Trino kept silent; the interrupt must not close the client's connection too.
                Thread.interrupted();
                AskFailure failure = AskFailure.overdue(config.askTimeout(), query.queryId());
                return sendQuietly(events, "error", failure.toJson(json), new Result(200, Optional.of(user), "timeout", Optional.empty(), query.queryId(), Optional.of(question)));
            }
            if (e instanceof SQLException sqlException) {
                AskFailure failure = AskFailure.of(sqlException, query.queryId(), query::errorName);
                return sendQuietly(events, "error", failure.toJson(json), new Result(200, Optional.of(user), "error", Optional.empty(), query.queryId(), Optional.of(question)));
            }
            if (e instanceof IOException) {
                // The client went away; the query was cancelled when the write failed.
                return new Result(200, Optional.of(user), "disconnected", Optional.empty(), query.queryId(), Optional.of(question));
            }
            throw (RuntimeException) e;
        }
        finally {
            deadline.cancel(false);
            heartbeat.cancel(false);
            running.remove(query);
            query.close();
        }
    }

    /**
     * Trino fails a question at {@code ask.timeout} itself; the proxy gives it that long again (at most 10 seconds) to
     * say so before it gives up on a Trino that has stopped answering.
     */
    private long overdueNanos()
    {
        long askTimeout = config.askTimeout().toNanos();
        return askTimeout + Math.min(askTimeout, TimeUnit.SECONDS.toNanos(10));
    }

    /**
     * Ends a stream whose Trino has not finished it in time: the query is cancelled and the request's (virtual) thread
     * interrupted, which ends a read from a Trino that never answers. Taken under the stream's lock, so the interrupt
     * never lands in the middle of writing an event; a row that arrives afterwards is not written.
     */
    private static final class Overdue
    {
        private final Thread thread;
        private final SseStream events;
        private final AskQuery query;
        private volatile boolean expired;

        Overdue(Thread thread, SseStream events, AskQuery query)
        {
            this.thread = thread;
            this.events = events;
            this.query = query;
        }

        void expire()
        {
            synchronized (events) {
                expired = true;
                thread.interrupt();
            }
            // Not on the timer's thread: telling a silent Trino may take a while.
            Thread.ofVirtual().start(query::cancel);
        }

        boolean expired()
        {
            return expired;
        }

        void check()
                throws IOException
        {
            if (expired) {
                throw new IOException("overdue");
            }
        }
    }

    /**
     * A comment on a stream that has been quiet for the heartbeat interval. A failed write means the client has gone:
     * the query is cancelled rather than left running for nobody.
     */
    private ScheduledFuture<?> scheduleHeartbeat(SseStream events, AskQuery query)
    {
        long interval = config.heartbeat().toNanos();
        long check = Math.max(TimeUnit.MILLISECONDS.toNanos(50), interval / 2);
        return timer.scheduleAtFixedRate(() -> {
            if (events.idleNanos() < interval) {
                return;
            }
            try {
                events.comment("heartbeat");
            }
            catch (IOException e) {
                query.cancel();
            }
        }, check, check, TimeUnit.NANOSECONDS);
    }

    private Result sendQuietly(SseStream events, String event, ObjectNode data, Result result)
    {
        try {
            events.event(event, data.toString());
            return result;
        }
        catch (IOException e) {
            return new Result(result.status(), result.user(), "disconnected", result.rows(), result.queryId(), result.question());
        }
    }

    private void refuse(HttpExchange exchange, int status, String error, String message)
            throws IOException
    {
        refuse(exchange, status, error(error, message));
    }

    private void refuse(HttpExchange exchange, int status, ObjectNode body)
            throws IOException
    {
        // counted before the response leaves, so that a scrape after it counts it
        metrics.refused(status);
        Exchanges.sendJson(exchange, status, body);
    }

    private ObjectNode error(String error, String message)
    {
        return json.createObjectNode().put("error", error).put("message", message);
    }
}
