package dev.trinoai.connector;

import dev.trinoai.core.AskObserver;
import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.udf.AiErrorCode;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static dev.trinoai.udf.AiErrorCode.AI_INTERNAL_ERROR;
import static dev.trinoai.udf.AiErrorCode.AI_TIMEOUT;
import static java.util.Objects.requireNonNull;

/**
 * One question, from the moment it is asked to its one end, as {@link AskStats} counts it.
 *
 * <p>Its end is the first of: the engine returning or failing, or its answer stream stopping it. The stream says so
 * before it stops the engine's thread, so that whatever the engine fails with once stopped is not taken for the reason.
 */
final class ObservedQuestion
        implements AskObserver, AnswerStream.Listener
{
    // the words of the interpreter's coverage rule, the decline for a word left over; TestAskStats pins them to a real decline
    private static final String COVERAGE_DECLINE = "could change the number";

    private final AskStats stats;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean verified;
    private volatile Interpretation declined;

    ObservedQuestion(AskStats stats)
    {
        this.stats = requireNonNull(stats, "stats is null");
        this.startNanos = System.nanoTime();
        stats.asked();
    }

    /**
     * Runs the answer on this thread and ends the question as the answer ends; its exceptions pass through.
     */
    void answer(Consumer<AskObserver> answer)
    {
        try {
            answer.accept(this);
        }
        catch (Throwable e) {
            failed(e);
            throw e;
        }
        if (declined == null) {
            end(() -> stats.answered(verified, elapsed()));
        }
        else {
            end(() -> stats.declined(declined.declined().orElseThrow().contains(COVERAGE_DECLINE), elapsed()));
        }
    }

    /**
     * Ends the question with {@code failure}, which its caller is about to see.
     */
    void failed(Throwable failure)
    {
        AiErrorCode code = switch (failure) {
            // how AnswerStream reports an engine it did not stop itself: its thread was stopped under it
            case CancellationException _ -> AI_TIMEOUT;
            case RuntimeException e -> AiErrorCode.of(e);
            default -> AI_INTERNAL_ERROR;
        };
        end(() -> stats.failed(code, elapsed()));
    }

    @Override
    public void stopped(RuntimeException failure, boolean abandoned)
    {
        if (abandoned) {
            end(() -> stats.abandoned(elapsed()));
        }
        else {
            failed(failure);
        }
    }

    @Override
    public void declined(Interpretation interpretation)
    {
        declined = interpretation;
    }

    @Override
    public void planned(Plan plan, boolean verified)
    {
        this.verified = verified;
    }

    @Override
    public MetricResult statement(CompiledQuery statement, Supplier<MetricResult> run)
    {
        return statement(run);
    }

    /**
     * Runs one SQL statement, of {@code ask} or {@code ask_numbers}.
     */
    <T> T statement(Supplier<T> run)
    {
        long start = System.nanoTime();
        try {
            return run.get();
        }
        finally {
            stats.statement(System.nanoTime() - start);
        }
    }

    @Override
    public List<Citation> retrieval(Retrieval retrieval, Supplier<List<Citation>> search)
    {
        long start = System.nanoTime();
        try {
            return search.get();
        }
        finally {
            stats.retrieval(System.nanoTime() - start);
        }
    }

    private void end(Runnable count)
    {
        if (ended.compareAndSet(false, true)) {
            count.run();
        }
    }

    private long elapsed()
    {
        return System.nanoTime() - startNanos;
    }
}
