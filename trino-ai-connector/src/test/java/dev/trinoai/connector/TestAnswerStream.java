package dev.trinoai.connector;

import dev.trinoai.core.AnswerRow;
import io.airlift.units.Duration;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.function.table.TableFunctionProcessorState.Blocked;
import io.trino.spi.function.table.TableFunctionProcessorState.Processed;
import io.trino.spi.function.table.TableFunctionProcessorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static dev.trinoai.connector.AiErrorCode.AI_TIMEOUT;
import static io.trino.spi.function.table.TableFunctionProcessorState.Finished.FINISHED;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How an answer streams to the split processor, and how every stream ends: with its rows, or with a failure the next
 * poll reports. The clock is the test's, and the watchdog's check is run by the test where the stream's timer would
 * run it every second, so nothing here waits for real time to pass; the waits on latches are bounds, and return as
 * soon as the engine's thread gets there.
 */
final class TestAnswerStream
{
    private static final Duration TIMEOUT = new Duration(20, MINUTES);
    private static final Duration IDLE_TIMEOUT = new Duration(30, SECONDS);

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final AtomicLong now = new AtomicLong();
    // what the stream told its listener, in order
    private final List<Stop> stops = new CopyOnWriteArrayList<>();
    private final AnswerStream.Listener listener = (failure, abandoned) -> stops.add(new Stop(failure.getMessage(), abandoned));

    private record Stop(String message, boolean abandoned) {}

    @AfterEach
    void shutdown()
    {
        workers.shutdownNow();
    }

    @Test
    void aNormalRunHandsOverRowsAsTheyComeThenFinishes()
            throws Exception
    {
        CountDownLatch second = new CountDownLatch(1);
        AnswerStream<AnswerRow> stream = start(firstThenSecondAfter(second));

        assertThat(textOf(next(stream))).isEqualTo("first");
        TableFunctionProcessorState waiting = stream.poll();
        assertThat(waiting).isInstanceOf(Blocked.class);
        second.countDown();
        ((Blocked) waiting).getFuture().get(10, SECONDS);
        assertLastRow(stream, "second");
        stream.watch();
        assertThat(stream.poll()).isSameAs(FINISHED);
        assertThat(stops).as("an answer that ends by itself is not stopped").isEmpty();
    }

    @Test
    void aReaderBackWithinTheIdleTimeoutCarriesOn()
            throws Exception
    {
        CountDownLatch second = new CountDownLatch(1);
        AnswerStream<AnswerRow> stream = start(firstThenSecondAfter(second));
        assertThat(textOf(next(stream))).isEqualTo("first");

        advance(IDLE_TIMEOUT);
        stream.watch();
        second.countDown();
        assertLastRow(stream, "second");
    }

    @Test
    void anAnswerNobodyPolledForLongerThanTheIdleTimeoutFailsOnTheNextPollInsteadOfBlocking()
            throws Exception
    {
        CountDownLatch stopped = new CountDownLatch(1);
        AnswerStream<AnswerRow> stream = start(sink -> {
            sink.accept(AnswerRow.notice(1, "first"));
            try {
                new CountDownLatch(1).await();
            }
            catch (InterruptedException e) {
                stopped.countDown();
                throw new CancellationException();
            }
        });
        assertThat(textOf(next(stream))).isEqualTo("first");

        // the reader took its rows and did not come back for longer than the idle timeout
        advance(IDLE_TIMEOUT.toMillis() + 1_000);
        stream.watch();
        assertThat(stopped.await(10, SECONDS)).as("the engine was stopped").isTrue();

        // it comes back (the machine was only starved): a failure that says what to do, not a wait for ever
        assertThatThrownBy(stream::poll)
                .isInstanceOfSatisfying(TrinoException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(AI_TIMEOUT.toErrorCode());
                    assertThat(e.getStackTrace()).isEmpty();
                })
                .hasMessage("Trino did not read the answer for 31.00s, longer than ai.ask.idle-timeout (30.00s), so the ai catalog stopped it. " +
                        "This happens when the cluster is overloaded or the query stopped reading. Run the query again, or raise ai.ask.idle-timeout in the catalog file.");
        assertThatThrownBy(stream::poll).as("and again").hasMessageContaining("ai.ask.idle-timeout");
        assertThat(stops).singleElement().satisfies(stop -> {
            assertThat(stop.abandoned()).isTrue();
            assertThat(stop.message()).contains("ai.ask.idle-timeout");
        });
    }

    @Test
    void aReaderWaitingOnTheFutureForLongerThanTheIdleTimeoutIsNotAbandoned()
            throws Exception
    {
        CountDownLatch ready = new CountDownLatch(1);
        AnswerStream<AnswerRow> stream = start(sink -> {
            // a slow engine on a starved machine: the first row takes minutes
            awaitInterruptibly(ready);
            sink.accept(AnswerRow.notice(1, "at last"));
        });
        TableFunctionProcessorState waiting = stream.poll();
        assertThat(waiting).isInstanceOf(Blocked.class);

        // Trino does not poll while it waits on the future: that is waiting on us, not idleness
        advance(IDLE_TIMEOUT.toMillis() * 10);
        stream.watch();
        assertThat(((Blocked) waiting).getFuture().isDone()).as("the reader is still waiting").isFalse();

        ready.countDown();
        ((Blocked) waiting).getFuture().get(10, SECONDS);
        // woken by the row, it has the idle timeout from then to come for it, whenever it last polled
        advance(IDLE_TIMEOUT.toMillis() / 2);
        stream.watch();
        assertLastRow(stream, "at last");
    }

    @Test
    void pastTheDeadlineTheWaitingReaderIsWokenWithTheTimeout()
            throws Exception
    {
        AnswerStream<AnswerRow> stream = start(sink -> awaitInterruptibly(new CountDownLatch(1)));
        TableFunctionProcessorState waiting = stream.poll();
        assertThat(waiting).isInstanceOf(Blocked.class);

        advance(TIMEOUT.toMillis() + 1_000);
        stream.watch();
        ((Blocked) waiting).getFuture().get(10, SECONDS);
        assertThatThrownBy(stream::poll)
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(AI_TIMEOUT.toErrorCode()))
                .hasMessage("The answer took longer than ai.ask.timeout (20.00m). Ask a narrower question, or raise the limit in the catalog file.");
        assertThat(stops).containsExactly(new Stop("The answer took longer than ai.ask.timeout (20.00m). Ask a narrower question, or raise the limit in the catalog file.", false));
    }

    @Test
    void aReaderThatPollsPastTheDeadlineGetsTheTimeoutWithoutTheWatchdog()
    {
        AnswerStream<AnswerRow> stream = start(sink -> awaitInterruptibly(new CountDownLatch(1)));
        assertThat(stream.poll()).isInstanceOf(Blocked.class);
        advance(TIMEOUT.toMillis() + 1_000);
        assertThatThrownBy(stream::poll).hasMessageContaining("ai.ask.timeout");
    }

    @Test
    void aProducerThatIgnoresCancellationCannotUndoTheFailure()
            throws Exception
    {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        AnswerStream<AnswerRow> stream = start(sink -> {
            started.countDown();
            // deaf to interrupts and to the stream: it waits, then offers a row, swallows the refusal and returns
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            try {
                sink.accept(AnswerRow.notice(1, "too late"));
            }
            catch (CancellationException ignored) {
                // carries on as if nothing happened
            }
            returned.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        TableFunctionProcessorState waiting = stream.poll();
        // (a task cancelled before it starts never runs, and could not show what a deaf one does)
        assertThat(started.await(10, SECONDS)).isTrue();
        advance(TIMEOUT.toMillis() + 1_000);
        stream.watch();
        ((Blocked) waiting).getFuture().get(10, SECONDS);
        assertThatThrownBy(stream::poll).hasMessageContaining("ai.ask.timeout");

        release.countDown();
        assertThat(returned.await(10, SECONDS)).isTrue();
        assertThatThrownBy(stream::poll).as("still failed once the engine returns").hasMessageContaining("ai.ask.timeout");
    }

    @Test
    void anEngineStoppedByItsOwnCancellationEndsTheStream()
            throws Exception
    {
        AnswerStream<AnswerRow> stream = start(sink -> {
            throw new CancellationException("stopped under it");
        });
        assertThatThrownBy(() -> nextNonBlocked(stream))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(AI_TIMEOUT.toErrorCode()))
                .hasMessage("The answer was stopped before it finished. Run the query again.");
    }

    @Test
    void aWatchdogThatFailsEndsTheAnswerRatherThanDyingSilently()
    {
        AtomicBoolean broken = new AtomicBoolean();
        AnswerStream<AnswerRow> stream = new AnswerStream<>(AnswerColumns::toPage, TIMEOUT, IDLE_TIMEOUT, () -> {
            if (broken.get()) {
                throw new IllegalStateException("the clock broke");
            }
            return now.get();
        }, listener);
        stream.produceOn(workers, sink -> awaitInterruptibly(new CountDownLatch(1)));
        TableFunctionProcessorState waiting = stream.poll();

        broken.set(true);
        // an exception out of a scheduled task would cancel its re-runs, and nothing would end the answer
        assertThatCode(stream::watch).doesNotThrowAnyException();
        broken.set(false);
        assertThat(((Blocked) waiting).getFuture()).isDone();
        assertThatThrownBy(stream::poll)
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(AI_TIMEOUT.toErrorCode()))
                .hasMessageContaining("could not watch its deadline. Run the query again");
    }

    @Test
    void anEngineWithoutThreadsFailsTheAnswer()
    {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        AnswerStream<AnswerRow> stream = new AnswerStream<>(AnswerColumns::toPage, TIMEOUT, IDLE_TIMEOUT, now::get, listener);
        stream.produceOn(closed, sink -> sink.accept(AnswerRow.notice(1, "never")));
        assertThatThrownBy(stream::poll).hasMessageContaining("shutting down");
    }

    private AnswerStream<AnswerRow> start(Consumer<Consumer<AnswerRow>> answer)
    {
        AnswerStream<AnswerRow> stream = new AnswerStream<>(AnswerColumns::toPage, TIMEOUT, IDLE_TIMEOUT, now::get, listener);
        stream.produceOn(workers, answer);
        return stream;
    }

    /**
     * An engine that gives the row "first", and the row "second" once {@code second} is counted down.
     */
    private static Consumer<Consumer<AnswerRow>> firstThenSecondAfter(CountDownLatch second)
    {
        return sink -> {
            sink.accept(AnswerRow.notice(1, "first"));
            awaitInterruptibly(second);
            sink.accept(AnswerRow.notice(2, "second"));
        };
    }

    private void advance(Duration duration)
    {
        now.addAndGet(duration.roundTo(NANOSECONDS));
    }

    private void advance(long millis)
    {
        now.addAndGet(millis * 1_000_000);
    }

    private static void assertLastRow(AnswerStream<AnswerRow> stream, String text)
            throws Exception
    {
        assertThat(textOf(next(stream))).isEqualTo(text);
        assertThat(nextNonBlocked(stream)).isSameAs(FINISHED);
    }

    private static Page next(AnswerStream<AnswerRow> stream)
            throws Exception
    {
        TableFunctionProcessorState state = nextNonBlocked(stream);
        assertThat(state).isInstanceOf(Processed.class);
        return ((Processed) state).getResult();
    }

    private static TableFunctionProcessorState nextNonBlocked(AnswerStream<AnswerRow> stream)
            throws Exception
    {
        TableFunctionProcessorState state = stream.poll();
        while (state instanceof Blocked blocked) {
            blocked.getFuture().get(10, SECONDS);
            state = stream.poll();
        }
        return state;
    }

    private static String textOf(Page page)
    {
        assertThat(page.getPositionCount()).isEqualTo(1);
        return io.trino.spi.type.VarcharType.VARCHAR.getSlice(page.getBlock(2), 0).toStringUtf8();
    }

    private static void awaitInterruptibly(CountDownLatch latch)
    {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
    }
}
