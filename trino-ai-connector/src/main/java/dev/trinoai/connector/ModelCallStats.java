package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import io.airlift.stats.TimeStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * The calls of one of this catalog's models: how many, how many failed after their retries, and how long each took.
 */
public abstract class ModelCallStats
{
    private final String model;
    private final CounterStat calls = new CounterStat();
    private final CounterStat failures = new CounterStat();
    private final TimeStat callTime = new TimeStat(MILLISECONDS);

    protected ModelCallStats(String model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    void called(long nanos)
    {
        calls.update(1);
        callTime.addNanos(nanos);
    }

    void failed(long nanos)
    {
        called(nanos);
        failures.update(1);
    }

    @Managed(description = "The model the counts are of")
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

    @Managed(description = "One call, its retries included; a streamed call to its last chunk")
    @Nested
    public TimeStat getCallTime()
    {
        return callTime;
    }
}
