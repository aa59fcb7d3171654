package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.sql.Driver;
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
 * Runs a question through Trino as the asking user and hands each row to the client's stream the moment the driver
 * has it, for {@code /ask} and {@code /api/chat} alike: they differ only in how rows are written
 * ({@link AnswerWriter}). A write that fails (the client has gone) cancels the query; a stream idle for the heartbeat
 * interval gets a comment, which finds that out too; a Trino that has not finished well after {@code ask.timeout}
 * is given up on. Every question ends with {@link AnswerWriter#done} or {@link AnswerWriter#failed}, unless the
 * client has gone.
 */
final class AskRunner
{
    private final ProxyConfig config;
    private final Driver driver;
    private final ScheduledExecutorService timer;
    private final ProxyMetrics metrics;
    private final Set<AskQuery> running = ConcurrentHashMap.newKeySet();

    AskRunner(ProxyConfig config, Driver driver, ScheduledExecutorService timer, ProxyMetrics metrics)
    {
        this.config = requireNonNull(config, "config is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * How the rows of one answer are written to the client's stream. Called under the stream's lock, one call at a
     * time.
     */
    interface AnswerWriter
    {
        void row(AnswerRow row)
                throws IOException;

        void done(Done done)
                throws IOException;

        void failed(AskFailure failure)
                throws IOException;
    }

    /**
     * Tells the metrics how long the client waited for the first event of its answer, whatever it is (a row, or an
     * error when Trino is down), before the event is written, so that a scrape after the client has it counts it.
     */
    private final class FirstEventTimed
            implements AnswerWriter
    {
        private final AnswerWriter writer;
        private final long start;
        private boolean written;

        FirstEventTimed(AnswerWriter writer, long start)
        {
            this.writer = requireNonNull(writer, "writer is null");
            this.start = start;
        }

        @Override
        public void row(AnswerRow row)
                throws IOException
        {
            first();
            writer.row(row);
        }

        @Override
        public void done(Done done)
                throws IOException
        {
            first();
            writer.done(done);
        }

        @Override
        public void failed(AskFailure failure)
                throws IOException
        {
            first();
            writer.failed(failure);
        }

        private synchronized void first()
        {
            if (!written) {
                written = true;
                metrics.firstEvent(System.nanoTime() - start);
            }
        }
    }

    /**
     * An answer that Trino finished.
     *
     * @param firstRowMs from the request's arrival to the first row; empty when there was none
     */
    record Done(int rows, Optional<Long> firstRowMs, long totalMs, Optional<String> queryId)
    {
        Done
        {
            requireNonNull(firstRowMs, "firstRowMs is null");
            requireNonNull(queryId, "queryId is null");
        }

        ObjectNode toJson(ObjectMapper json)
        {
            ObjectNode done = json.createObjectNode()
                    .put("rows", rows)
                    .put("firstRowMs", firstRowMs.orElse(null))
                    .put("totalMs", totalMs);
            queryId.ifPresent(id -> done.put("queryId", id));
            return done;
        }
    }

    /**
     * How a question ended, for the access log.
     *
     * @param outcome done, error, timeout or disconnected
     */
    record Outcome(String outcome, Optional<Integer> rows, Optional<String> queryId)
    {
        Outcome
        {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(rows, "rows is null");
            requireNonNull(queryId, "queryId is null");
        }
    }

    /**
     * @param start when the request arrived, in {@link System#nanoTime()}
     */
    Outcome run(SseStream events, AnswerWriter writer, String user, Question question, long start)
    {
        metrics.streamStarted();
        String ended = "internal_error";
        try {
            Outcome outcome = answer(events, new FirstEventTimed(writer, start), user, question, start);
            ended = outcome.outcome();
            return outcome;
        }
        finally {
            metrics.streamEnded(ended);
        }
    }

    private Outcome answer(SseStream events, AnswerWriter writer, String user, Question question, long start)
    {
        AskQuery query;
        try {
            query = AskQuery.prepare(driver, config, user, question);
        }
        catch (SQLException e) {
            return failQuietly(events, writer, AskFailure.of(e, Optional.empty(), Optional::empty), new Outcome("error", Optional.empty(), Optional.empty()));
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
                    writer.row(row);
                }
            });
            long end = System.nanoTime();
            Optional<Long> firstRowMs = firstRowNanos.get() == 0 ? Optional.empty() : Optional.of(TimeUnit.NANOSECONDS.toMillis(firstRowNanos.get() - start));
            Done done = new Done(rows, firstRowMs, TimeUnit.NANOSECONDS.toMillis(end - start), query.queryId());
            try {
                synchronized (events) {
                    writer.done(done);
                }
                return new Outcome("done", Optional.of(rows), query.queryId());
            }
            catch (IOException e) {
                return new Outcome("disconnected", Optional.of(rows), query.queryId());
            }
        }
        catch (SQLException | IOException | RuntimeException e) {
            deadline.cancel(false);
            if (overdue.expired()) {
                // Interrupted while Trino kept silent; the interrupt must not close the client's connection too.
                Thread.interrupted();
                return failQuietly(events, writer, AskFailure.overdue(config.askTimeout(), query.queryId()), new Outcome("timeout", Optional.empty(), query.queryId()));
            }
            if (e instanceof SQLException sqlException) {
                AskFailure failure = AskFailure.of(sqlException, query.queryId(), query::errorName);
                return failQuietly(events, writer, failure, new Outcome("error", Optional.empty(), query.queryId()));
            }
            if (e instanceof IOException) {
                // The client went away; the query was cancelled when the write failed.
                return new Outcome("disconnected", Optional.empty(), query.queryId());
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
     * Cancels every running question, for shutdown.
     */
    void cancelAll()
    {
        running.forEach(AskQuery::cancel);
    }

    private static Outcome failQuietly(SseStream events, AnswerWriter writer, AskFailure failure, Outcome outcome)
    {
        try {
            synchronized (events) {
                writer.failed(failure);
            }
            return outcome;
        }
        catch (IOException e) {
            return new Outcome("disconnected", outcome.rows(), outcome.queryId());
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
}
