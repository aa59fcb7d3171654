package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

/**
 * The calls of this catalog's embedding model: questions to search by, and the verified questions once.
 */
public final class EmbeddingStats
        extends ModelCallStats
{
    private final CounterStat texts = new CounterStat();

    /**
     * @param model the model's id, as {@link dev.trinoai.core.embedding.EmbeddingModel#id()} names it
     */
    public EmbeddingStats(String model)
    {
        super(model);
    }

    void called(long nanos, int texts)
    {
        called(nanos);
        this.texts.update(texts);
    }

    @Managed(description = "Texts embedded, several to a call")
    @Nested
    public CounterStat getTexts()
    {
        return texts;
    }
}
