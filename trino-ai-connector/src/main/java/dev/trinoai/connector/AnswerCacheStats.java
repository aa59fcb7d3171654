package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.udf.AskScalarFunctions;
import org.weakref.jmx.Managed;

import static java.util.Objects.requireNonNull;

/**
 * How often {@code ask_value} and {@code ask_text} found their answer in the cache ({@code ai.udf.cache-ttl}) rather
 * than asking the engine.
 */
public final class AnswerCacheStats
{
    private final AskScalarFunctions functions;

    @Inject
    public AnswerCacheStats(AskScalarFunctions functions)
    {
        this.functions = requireNonNull(functions, "functions is null");
    }

    @Managed
    public long getHits()
    {
        return functions.answerCacheStats().hitCount();
    }

    @Managed(description = "Calls that asked the engine: each is a question of AskStats")
    public long getMisses()
    {
        return functions.answerCacheStats().missCount();
    }

    @Managed
    public double getHitRate()
    {
        return functions.answerCacheStats().hitRate();
    }
}
