package dev.trinoai.connector;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import io.airlift.log.Logger;
import io.airlift.units.Duration;
import io.trino.spi.TrinoException;
import io.trino.spi.function.table.TableFunctionProcessorState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import static dev.trinoai.connector.AiErrorCode.AI_INTERNAL_ERROR;
import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static dev.trinoai.core.AskFailure.TIMEOUT;
import static io.trino.spi.function.table.TableFunctionProcessorState.Blocked.blocked;
import static io.trino.spi.function.table.TableFunctionProcessorState.Finished.FINISHED;
import static io.trino.spi.function.table.TableFunctionProcessorState.Processed.produced;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Carries the rows of one answer from the engine, running on a plugin thread, to the split processor, polled on a
 * Trino driver thread that must never block.
 *
 * <p>Trino 476 does not tell a table function that its query was cancelled or cut short by a LIMIT, so the stream
 * watches itself: past its deadline it fails, and when nobody has polled it for the idle timeout it stops the engine.
 */
final class AnswerStream
{
    private static final Logger log = Logger.get(AnswerStream.class);
    private static final int MAX_BUFFERED_ROWS = 1024;

    private final Object lock = new Object();
    private final ArrayDeque<AnswerRow> buffered = new ArrayDeque<>();
    private final long deadlineNanos;
    private final long idleTimeoutNanos;
    private final Duration timeout;

    private CompletableFuture<Void> readable = new CompletableFuture<>();
    private long lastPollNanos;
    private boolean finished;
    private boolean abandoned;
    private RuntimeException failure;
    private Future<?> producer;
    private ScheduledFuture<?> watchdog;

    private AnswerStream(Duration timeout, Duration idleTimeout)
    {
        this.timeout = requireNonNull(timeout, "timeout is null");
        long now = System.nanoTime();
        this.deadlineNanos = now + timeout.roundTo(NANOSECONDS);
        this.idleTimeoutNanos = idleTimeout.roundTo(NANOSECONDS);
        this.lastPollNanos = now;
    }

    /**
     * Starts {@code answer} on a worker thread; it hands each row to the sink it is given.
     */
    static AnswerStream start(Consumer<Consumer<AnswerRow>> answer, AskExecutor executor, Duration timeout, Duration idleTimeout)
    {
        AnswerStream stream = new AnswerStream(timeout, idleTimeout);
        synchronized (stream.lock) {
            stream.producer = executor.workers().submit(() -> stream.produce(answer));
            stream.watchdog = executor.timer().scheduleWithFixedDelay(stream::watch, 1, 1, SECONDS);
        }
        return stream;
    }

    /**
     * What the split processor returns: the rows ready now, a future to wait on, the end, or the failure.
     */
    TableFunctionProcessorState poll()
    {
        List<AnswerRow> rows;
        synchronized (lock) {
            lastPollNanos = System.nanoTime();
            if (failure != null) {
                throw translate(failure);
            }
            if (buffered.isEmpty()) {
                if (finished) {
                    return FINISHED;
                }
                if (readable.isDone()) {
                    readable = new CompletableFuture<>();
                }
                return blocked(readable);
            }
            rows = new ArrayList<>(buffered);
            buffered.clear();
            lock.notifyAll();
        }
        return produced(AnswerColumns.toPage(rows));
    }

    private void produce(Consumer<Consumer<AnswerRow>> answer)
    {
        RuntimeException error = null;
        try {
            answer.accept(this::offer);
        }
        catch (CancellationException e) {
            return;
        }
        catch (RuntimeException e) {
            error = e;
        }
        end(error);
    }

    private void offer(AnswerRow row)
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            while (buffered.size() >= MAX_BUFFERED_ROWS && !abandoned && failure == null) {
                try {
                    lock.wait(1_000);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            if (abandoned || failure != null) {
                throw new CancellationException("nobody reads this answer any more");
            }
            buffered.add(row);
            toComplete = readable;
        }
        toComplete.complete(null);
    }

    private void end(RuntimeException error)
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            finished = true;
            if (failure == null) {
                failure = error;
            }
            toComplete = readable;
            watchdog.cancel(false);
        }
        toComplete.complete(null);
    }

    private void watch()
    {
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            if (finished && buffered.isEmpty() || abandoned) {
                watchdog.cancel(false);
                return;
            }
            long now = System.nanoTime();
            if (now - deadlineNanos > 0) {
                failure = new AskException(TIMEOUT, "The answer took longer than ai.ask.timeout (%s). Ask a narrower question, or raise the limit in the catalog file.".formatted(timeout));
            }
            else if (now - lastPollNanos > idleTimeoutNanos) {
                log.debug("Abandoning an answer nobody has read for %s", new Duration(now - lastPollNanos, NANOSECONDS).convertToMostSuccinctTimeUnit());
                abandoned = true;
                buffered.clear();
            }
            else {
                return;
            }
            producer.cancel(true);
            watchdog.cancel(false);
            lock.notifyAll();
            toComplete = readable;
        }
        toComplete.complete(null);
    }

    private static TrinoException translate(RuntimeException failure)
    {
        if (failure instanceof AskException askException) {
            return toTrinoException(askException);
        }
        if (failure instanceof TrinoException trinoException) {
            return trinoException;
        }
        return new TrinoException(AI_INTERNAL_ERROR, "The question engine failed: " + failure, failure);
    }
}
