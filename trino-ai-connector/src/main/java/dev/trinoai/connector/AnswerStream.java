package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import io.airlift.log.Logger;
import io.airlift.units.Duration;
import io.trino.spi.Page;
import io.trino.spi.function.table.TableFunctionProcessorState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import static dev.trinoai.core.AskFailure.TIMEOUT;
import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static io.trino.spi.function.table.TableFunctionProcessorState.Blocked.blocked;
import static io.trino.spi.function.table.TableFunctionProcessorState.Finished.FINISHED;
import static io.trino.spi.function.table.TableFunctionProcessorState.Processed.produced;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Carries the rows of one answer (of {@code ask} or {@code ask_numbers}) from the engine, running on a plugin thread, to the split processor, polled on a
 * Trino driver thread that must never block.
 *
 * <p>Trino 476 does not tell a table function that its query was cancelled or cut short by a LIMIT, so the stream
 * watches itself: past its deadline it fails, and when the reader has neither polled it nor waited on it for the idle
 * timeout it stops the engine.
 *
 * <p>Every path ends. Once the stream has failed (the engine's error, the deadline, an abandoned reader, or a
 * watchdog that failed itself), the next poll throws that failure, whatever the engine's thread does afterwards; and
 * the future a poll returns is completed by a row, the end, or the failure, of which the watchdog guarantees the last
 * until the stream is over.
 */
final class AnswerStream<R>
{
    private static final Logger log = Logger.get(AnswerStream.class);
    private static final int MAX_BUFFERED_ROWS = 1024;
    private static final long WATCH_PERIOD_SECONDS = 1;

    private final Object lock = new Object();
    private final ArrayDeque<R> buffered = new ArrayDeque<>();
    private final LongSupplier ticker;
    private final long deadlineNanos;
    private final long idleTimeoutNanos;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final Function<List<R>, Page> pages;
    private final Listener listener;

    private CompletableFuture<Void> readable = new CompletableFuture<>();
    // the reader is waiting on readable: time it waits for us is not idle time
    private boolean readerWaiting;
    // the last time the reader polled, or was woken to poll
    private long lastReadNanos;
    private boolean finished;
    private RuntimeException failure;
    private Future<?> producer;
    private ScheduledFuture<?> watchdog;

    /**
     * Hears that the stream stopped the answer itself, before the engine's thread is stopped: what the engine fails
     * with once stopped is a consequence, not the reason.
     */
    interface Listener
    {
        /**
         * @param failure what the reader is told
         * @param abandoned nobody read the answer for the idle timeout, rather than the answer failing
         */
        void stopped(RuntimeException failure, boolean abandoned);
    }

    AnswerStream(Function<List<R>, Page> pages, Duration timeout, Duration idleTimeout, LongSupplier ticker, Listener listener)
    {
        this.pages = requireNonNull(pages, "pages is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        long now = ticker.getAsLong();
        this.deadlineNanos = now + timeout.roundTo(NANOSECONDS);
        this.idleTimeoutNanos = idleTimeout.roundTo(NANOSECONDS);
        this.lastReadNanos = now;
    }

    /**
     * Starts {@code answer} on a worker thread; it hands each row to the sink it is given, and {@code pages} turns
     * the rows ready at a poll into a page. A watchdog checks the stream every second until it is over.
     */
    static <R> AnswerStream<R> start(Consumer<Consumer<R>> answer, Function<List<R>, Page> pages, AskExecutor executor, Duration timeout, Duration idleTimeout, Listener listener)
    {
        AnswerStream<R> stream = new AnswerStream<>(pages, timeout, idleTimeout, System::nanoTime, listener);
        stream.produceOn(executor.workers(), answer);
        stream.watchOn(executor.timer());
        return stream;
    }

    /**
     * Runs {@code answer} on one of {@code workers}; an executor that refuses it fails the stream.
     */
    void produceOn(ExecutorService workers, Consumer<Consumer<R>> answer)
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            try {
                producer = workers.submit(() -> produce(answer));
                return;
            }
            catch (RejectedExecutionException e) {
                log.warn(e, "The question engine's threads refused an answer");
                toComplete = fail(shuttingDown());
            }
        }
        toComplete.complete(null);
    }

    private void watchOn(ScheduledExecutorService timer)
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            if (isOver()) {
                return;
            }
            try {
                watchdog = timer.scheduleWithFixedDelay(this::watch, WATCH_PERIOD_SECONDS, WATCH_PERIOD_SECONDS, SECONDS);
                return;
            }
            catch (RejectedExecutionException e) {
                log.warn(e, "The ai catalog's timer refused to watch an answer");
                toComplete = fail(shuttingDown());
            }
        }
        toComplete.complete(null);
    }

    /**
     * What the split processor returns: the rows ready now, a future to wait on, the end, or the failure.
     */
    TableFunctionProcessorState poll()
    {
        List<R> rows;
        synchronized (lock) {
            long now = ticker.getAsLong();
            lastReadNanos = now;
            readerWaiting = false;
            if (failure == null && !finished && now - deadlineNanos > 0) {
                // the watchdog checks this too; a reader that comes back first need not wait for it
                fail(timedOut());
            }
            if (failure != null) {
                throw toTrinoException(failure);
            }
            if (buffered.isEmpty()) {
                if (finished) {
                    return FINISHED;
                }
                if (readable.isDone()) {
                    readable = new CompletableFuture<>();
                }
                readerWaiting = true;
                return blocked(readable);
            }
            rows = new ArrayList<>(buffered);
            buffered.clear();
            lock.notifyAll();
        }
        return produced(pages.apply(rows));
    }

    /**
     * Checks the deadline and the reader, as the watchdog does every second; the watchdog itself never ends by an
     * exception, since that would cancel its re-runs and leave the reader waiting. Package-private for tests.
     */
    void watch()
    {
        try {
            check();
        }
        catch (Throwable t) {
            log.error(t, "The watchdog of an answer failed; the answer is stopped");
            CompletableFuture<Void> toComplete;
            synchronized (lock) {
                toComplete = fail(new AskException(TIMEOUT, "The ai catalog stopped the answer because it could not watch its deadline. Run the query again; if this repeats, the server log of the Trino worker has the details."));
            }
            toComplete.complete(null);
        }
    }

    private void check()
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            if (isOver()) {
                stopWatching();
                return;
            }
            long now = ticker.getAsLong();
            if (!finished && now - deadlineNanos > 0) {
                toComplete = fail(timedOut());
            }
            else if (!readerWaiting && now - lastReadNanos > idleTimeoutNanos) {
                Duration idle = new Duration(now - lastReadNanos, NANOSECONDS).convertToMostSuccinctTimeUnit();
                log.debug("Abandoning an answer nobody has read for %s", idle);
                toComplete = fail(new AskException(TIMEOUT, ("Trino did not read the answer for %s, longer than ai.ask.idle-timeout (%s), so the ai catalog stopped it. " +
                        "This happens when the cluster is overloaded or the query stopped reading. Run the query again, or raise ai.ask.idle-timeout in the catalog file.")
                        .formatted(idle, idleTimeout)), true);
            }
            else {
                return;
            }
        }
        toComplete.complete(null);
    }

    private static AskException shuttingDown()
    {
        return new AskException(TIMEOUT, "The ai catalog is shutting down and cannot answer now. Run the query again in a moment.");
    }

    private AskException timedOut()
    {
        return new AskException(TIMEOUT, "The answer took longer than ai.ask.timeout (%s). Ask a narrower question, or raise the limit in the catalog file.".formatted(timeout));
    }

    private void produce(Consumer<Consumer<R>> answer)
    {
        RuntimeException error = null;
        try {
            answer.accept(this::offer);
        }
        catch (CancellationException e) {
            // we stopped it, and said why; otherwise its thread was stopped under it
            error = new AskException(TIMEOUT, "The answer was stopped before it finished. Run the query again.");
        }
        catch (RuntimeException e) {
            error = e;
        }
        catch (Error e) {
            // the reader gets an internal error, the server log the cause
            error = new IllegalStateException("The question engine failed", e);
            throw e;
        }
        finally {
            end(error);
        }
    }

    private void offer(R row)
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            while (buffered.size() >= MAX_BUFFERED_ROWS && failure == null) {
                try {
                    lock.wait(1_000);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            if (failure != null) {
                throw new CancellationException("the answer has failed or nobody reads it any more");
            }
            buffered.add(row);
            toComplete = wakeReader();
        }
        toComplete.complete(null);
    }

    /**
     * The engine is done, with {@code error} or without; a failure the stream already has stays the one it reports.
     */
    private void end(RuntimeException error)
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            finished = true;
            if (failure == null && error != null) {
                failure = error;
            }
            if (failure != null) {
                buffered.clear();
            }
            if (buffered.isEmpty()) {
                stopWatching();
            }
            toComplete = wakeReader();
        }
        toComplete.complete(null);
    }

    private CompletableFuture<Void> fail(RuntimeException error)
    {
        return fail(error, false);
    }

    /**
     * Ends the stream with {@code error}: the engine is stopped and its rows dropped. Called with the lock held; the
     * caller completes the future it returns once it has let go of the lock, which wakes the reader to poll the failure.
     */
    private CompletableFuture<Void> fail(RuntimeException error, boolean abandoned)
    {
        if (failure == null) {
            failure = error;
            if (!finished) {
                listener.stopped(error, abandoned);
            }
        }
        buffered.clear();
        if (producer != null) {
            producer.cancel(true);
        }
        stopWatching();
        lock.notifyAll();
        // no clock here: a failed stream has no idle time to count, and a broken clock must not keep it from failing
        readerWaiting = false;
        return readable;
    }

    /**
     * The future to complete for the reader, who from then on is about to poll rather than waiting. Called with the
     * lock held.
     */
    private CompletableFuture<Void> wakeReader()
    {
        if (readerWaiting) {
            readerWaiting = false;
            lastReadNanos = ticker.getAsLong();
        }
        return readable;
    }

    private boolean isOver()
    {
        return failure != null || finished && buffered.isEmpty();
    }

    private void stopWatching()
    {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }
}
