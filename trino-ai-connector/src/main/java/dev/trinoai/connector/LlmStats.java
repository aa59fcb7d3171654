package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

/**
 * The calls of this catalog's language model, each with its own retries, and the tokens they used.
 */
public final class LlmStats
        extends ModelCallStats
{
    private final CounterStat inputTokens = new CounterStat();
    private final CounterStat outputTokens = new CounterStat();

    /**
     * @param model the provider and model, as {@link dev.trinoai.core.llm.LlmClient#describe()} names them; {@code none}
     *     for a catalog without one
     */
    public LlmStats(String model)
    {
        super(model);
    }

    void called(long nanos, long inputTokens, long outputTokens)
    {
        called(nanos);
        this.inputTokens.update(inputTokens);
        this.outputTokens.update(outputTokens);
    }

    @Managed
    @Nested
    public CounterStat getInputTokens()
    {
        return inputTokens;
    }

    @Managed
    @Nested
    public CounterStat getOutputTokens()
    {
        return outputTokens;
    }
}
