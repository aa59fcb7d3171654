package dev.trinoai.core.engine;

import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hears the steps of one answer, so that the host can count, log and trace them without the engine knowing how.
 *
 * <p>A step is handed over as work to run: the observer runs it on the calling thread, returns what it returns and
 * lets its exceptions through, and may time it or make it the current span meanwhile. Every method defaults to just
 * running the step, so an observer overrides only what it needs.
 */
public interface AskObserver
{
    AskObserver NONE = new AskObserver() {};

    /**
     * Reading the question: interpreting it and matching it against the verified questions.
     */
    default <T> T interpret(Supplier<T> reading)
    {
        return reading.get();
    }

    /**
     * The question is declined with no numbers; {@link Interpretation#declined()} says why. No other step follows.
     */
    default void declined(Interpretation interpretation) {}

    /**
     * The plan the answer follows, once it is settled and valid: the interpreter's, a verified question's, or the
     * model's.
     */
    default void planned(Plan plan, boolean verified) {}

    /**
     * Running one SQL statement.
     */
    default MetricResult statement(CompiledQuery statement, Supplier<MetricResult> run)
    {
        return run.get();
    }

    /**
     * One search for text; the citations it returns may repeat those of another search.
     */
    default List<Citation> retrieval(Retrieval retrieval, Supplier<List<Citation>> search)
    {
        return search.get();
    }

    /**
     * Writing the answer in words, citing {@code citations}, the answer's citations once and in order.
     */
    default void compose(List<Citation> citations, Runnable compose)
    {
        compose.run();
    }
}
