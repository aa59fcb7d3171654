package dev.trinoai.udf;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MaxDuration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import static java.util.concurrent.TimeUnit.MINUTES;

/**
 * How {@code ask_text} and {@code ask_value} remember answers: a query that calls them once per row asks the same
 * question many times, and each distinct question should be answered once; and how many different questions one
 * query may ask them.
 *
 * <p>The limit counts different questions, not calls: the same question on every row of a large table is the use the
 * cache serves, and costs one answer, while a question built from each row costs an answer per row. 100 is more than a
 * report asks in one query (a question per program, team or month) and bounds a runaway query to a few minutes of the
 * engine. It is counted per worker, so a query spread over several workers may ask up to that many on each.
 */
public class AskUdfConfig
{
    private int cacheSize = 1000;
    private Duration cacheTtl = new Duration(5, MINUTES);
    private int maxQuestionsPerQuery = 100;

    @Min(0)
    @Max(1_000_000)
    public int getCacheSize()
    {
        return cacheSize;
    }

    @Config("ai.udf.cache-size")
    @ConfigDescription("Most answers ask_text and ask_value remember; 0 answers every call afresh")
    public AskUdfConfig setCacheSize(int cacheSize)
    {
        this.cacheSize = cacheSize;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    @MaxDuration("1d")
    public Duration getCacheTtl()
    {
        return cacheTtl;
    }

    @Config("ai.udf.cache-ttl")
    @ConfigDescription("How long ask_text and ask_value reuse an answer to the same question and reference date; newer data shows after this")
    public AskUdfConfig setCacheTtl(Duration cacheTtl)
    {
        this.cacheTtl = cacheTtl;
        return this;
    }

    @Min(1)
    @Max(1_000_000)
    public int getMaxQuestionsPerQuery()
    {
        return maxQuestionsPerQuery;
    }

    @Config(QuestionsPerQuery.PROPERTY)
    @ConfigDescription("Most different questions one query may ask ask_text and ask_value (per worker); a query that asks more fails")
    public AskUdfConfig setMaxQuestionsPerQuery(int maxQuestionsPerQuery)
    {
        this.maxQuestionsPerQuery = maxQuestionsPerQuery;
        return this;
    }
}
