package dev.trinoai.connector;

import dev.trinoai.core.AnswerRow;
import io.airlift.units.Duration;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.function.table.TableFunctionProcessorState;
import io.trino.spi.function.table.TableFunctionProcessorState.Blocked;
import io.trino.spi.function.table.TableFunctionProcessorState.Processed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import static dev.trinoai.udf.AiErrorCode.AI_TIMEOUT;
import static io.trino.spi.function.table.TableFunctionProcessorState.Finished.FINISHED;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestAnswerStream
{
    private final AskExecutor executor = new AskExecutor(new AskConfig());

    @AfterEach
    void shutdown()
    {
        executor.shutdown();
    }

    @Test
    void handsOverRowsAsTheyComeThenFinishes()
            throws Exception
    {
        CountDownLatch second = new CountDownLatch(1);
        AnswerStream<AnswerRow> stream = start(sink -> {
            sink.accept(AnswerRow.notice(1, "first"));
            await(second);
            sink.accept(AnswerRow.notice(2, "second"));
        }, new Duration(30, SECONDS), new Duration(30, SECONDS));

        assertThat(textOf(next(stream))).isEqualTo("first");
        TableFunctionProcessorState waiting = stream.poll();
        assertThat(waiting).isInstanceOf(Blocked.class);
        second.countDown();
        ((Blocked) waiting).getFuture().get(10, SECONDS);
        assertThat(textOf(next(stream))).isEqualTo("second");
        assertThat(nextNonBlocked(stream)).isSameAs(FINISHED);
    }

    @Test
    void failsWithTimeoutPastItsDeadline()
    {
        AnswerStream<AnswerRow> stream = start(sink -> await(new CountDownLatch(1)), new Duration(1, SECONDS), new Duration(30, SECONDS));
        assertThatThrownBy(() -> nextNonBlocked(stream))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(AI_TIMEOUT.toErrorCode()))
                .hasMessageContaining("ai.ask.timeout");
    }

    @Test
    void stopsTheEngineWhenNobodyReads()
            throws Exception
    {
        CountDownLatch stopped = new CountDownLatch(1);
        start(sink -> {
            try {
                while (true) {
                    sink.accept(AnswerRow.notice(1, "again"));
                    Thread.sleep(10);
                }
            }
            catch (CancellationException | InterruptedException e) {
                stopped.countDown();
            }
        }, new Duration(60, SECONDS), new Duration(1, SECONDS));
        assertThat(stopped.await(10, SECONDS)).as("engine stopped after the idle timeout").isTrue();
    }

    private AnswerStream<AnswerRow> start(Consumer<Consumer<AnswerRow>> answer, Duration timeout, Duration idleTimeout)
    {
        return AnswerStream.start(answer, AnswerColumns::toPage, executor, timeout, idleTimeout);
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

    private static void await(CountDownLatch latch)
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
