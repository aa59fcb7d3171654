package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import io.airlift.stats.TimeStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * The calls of this catalog's language model, each with its own retries, and the tokens they used.
 */
public final class LlmStats
{
    private final String model;
    private final CounterStat calls = new CounterStat();
    private final CounterStat failures = new CounterStat();
    private final CounterStat inputTokens = new CounterStat();
    private final CounterStat outputTokens = new CounterStat();
    private final TimeStat callTime = new TimeStat(MILLISECONDS);

    /**
     * @param model the provider and model, as {@link dev.trinoai.core.llm.LlmClient#describe()} names them; {@code none}
     *     for a catalog without one
     */
    public LlmStats(String model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    void called(long nanos, long inputTokens, long outputTokens)
    {
        calls.update(1);
        this.inputTokens.update(inputTokens);
        this.outputTokens.update(outputTokens);
        callTime.addNanos(nanos);
    }

    void failed(long nanos)
    {
        calls.update(1);
        failures.update(1);
        callTime.addNanos(nanos);
    }

    @Managed(description = "The provider and model the counts are of")
    public String getModel()
    {
        return model;
    }

    @Managed
    @Nested
    public CounterStat getCalls()
    {
        return calls;
    }

    @Managed(description = "Calls that failed after their retries: down, throttled, timed out")
    @Nested
    public CounterStat getFailures()
    {
        return failures;
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

    @Managed(description = "One call, its retries included; a streamed call to its last chunk")
    @Nested
    public TimeStat getCallTime()
    {
        return callTime;
    }
}
