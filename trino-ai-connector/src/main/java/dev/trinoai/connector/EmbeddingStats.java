package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import io.airlift.stats.TimeStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * The calls of this catalog's embedding model: questions to search by, and the verified questions once.
 */
public final class EmbeddingStats
{
    private final String model;
    private final CounterStat calls = new CounterStat();
    private final CounterStat texts = new CounterStat();
    private final CounterStat failures = new CounterStat();
    private final TimeStat callTime = new TimeStat(MILLISECONDS);

    /**
     * @param model the model's id, as {@link dev.trinoai.core.embedding.EmbeddingModel#id()} names it
     */
    public EmbeddingStats(String model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    void called(long nanos, int texts)
    {
        calls.update(1);
        this.texts.update(texts);
        callTime.addNanos(nanos);
    }

    void failed(long nanos)
    {
        calls.update(1);
        failures.update(1);
        callTime.addNanos(nanos);
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

    @Managed(description = "Texts embedded, several to a call")
    @Nested
    public CounterStat getTexts()
    {
        return texts;
    }

    @Managed
    @Nested
    public CounterStat getFailures()
    {
        return failures;
    }

    @Managed
    @Nested
    public TimeStat getCallTime()
    {
        return callTime;
    }
}
