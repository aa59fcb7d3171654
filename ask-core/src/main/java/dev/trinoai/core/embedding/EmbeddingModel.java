package dev.trinoai.core.embedding;

import java.util.List;

/**
 * Turns texts into vectors. One instance per model, shared by every question or job run: loading a
 * model is slow, embedding with it is thread-safe.
 */
public interface EmbeddingModel
        extends AutoCloseable
{
    /**
     * Names the model and everything that changes its vectors, e.g. {@code local:all-minilm-l6-v2-q} or
     * {@code bedrock:cohere.embed-english-v3}. Vectors of two ids are never compared.
     */
    String id();

    int dimension();

    /**
     * The most texts one {@link #embed} call takes; callers split longer lists.
     */
    int maxBatchSize();

    /**
     * One unit-length vector per text, in order.
     *
     * @throws EmbeddingException when the provider fails for good (after its own bounded retries)
     */
    List<float[]> embed(List<String> texts, EmbeddingPurpose purpose);

    @Override
    void close();
}
