package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import io.airlift.log.Logger;
import io.airlift.units.Duration;
import io.trino.spi.Page;
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
import java.util.function.Function;

import static dev.trinoai.core.AskFailure.TIMEOUT;
import static dev.trinoai.udf.AiErrorCode.AI_INTERNAL_ERROR;
import static dev.trinoai.udf.AiErrorCode.toTrinoException;
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
 * watches itself: past its deadline it fails, and when nobody has polled it for the idle timeout it stops the engine.
 */
final class AnswerStream<R>
{
    private static final Logger log = Logger.get(AnswerStream.class);
    private static final int MAX_BUFFERED_ROWS = 1024;

    private final Object lock = new Object();
    private final ArrayDeque<R> buffered = new ArrayDeque<>();
    private final long deadlineNanos;
    private final long idleTimeoutNanos;
    private final Duration timeout;
    private final Function<List<R>, Page> pages;

    private CompletableFuture<Void> readable = new CompletableFuture<>();
    private long lastPollNanos;
    private boolean finished;
    private boolean abandoned;
    private RuntimeException failure;
    private Future<?> producer;
    private ScheduledFuture<?> watchdog;

    private AnswerStream(Function<List<R>, Page> pages, Duration timeout, Duration idleTimeout)
    {
        this.pages = requireNonNull(pages, "pages is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        long now = System.nanoTime();
        this.deadlineNanos = now + timeout.roundTo(NANOSECONDS);
        this.idleTimeoutNanos = idleTimeout.roundTo(NANOSECONDS);
        this.lastPollNanos = now;
    }

    /**
     * Starts {@code answer} on a worker thread; it hands each row to the sink it is given, and {@code pages} turns
     * the rows ready at a poll into a page.
     */
    static <R> AnswerStream<R> start(Consumer<Consumer<R>> answer, Function<List<R>, Page> pages, AskExecutor executor, Duration timeout, Duration idleTimeout)
    {
        AnswerStream<R> stream = new AnswerStream<>(pages, timeout, idleTimeout);
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
        List<R> rows;
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
        return produced(pages.apply(rows));
    }

    private void produce(Consumer<Consumer<R>> answer)
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

    private void offer(R row)
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
