package dev.trinoai.connector;

import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingPurpose;
import io.opentelemetry.api.trace.Tracer;

import java.util.List;

import static dev.trinoai.connector.AiAttributes.EMBEDDING_MODEL;
import static dev.trinoai.connector.AiAttributes.TEXTS;
import static dev.trinoai.connector.Spans.inSpan;
import static java.util.Objects.requireNonNull;

/**
 * The catalog's embedding model, each call counted with its texts and time, also for the question it was made for,
 * and traced as a span {@code ai.embedding}.
 */
final class ObservedEmbeddingModel
        implements EmbeddingModel
{
    private final EmbeddingModel model;
    private final EmbeddingStats stats;
    private final Tracer tracer;

    ObservedEmbeddingModel(EmbeddingModel model, EmbeddingStats stats, Tracer tracer)
    {
        this.model = requireNonNull(model, "model is null");
        this.stats = requireNonNull(stats, "stats is null");
        this.tracer = requireNonNull(tracer, "tracer is null");
    }

    @Override
    public String id()
    {
        return model.id();
    }

    @Override
    public int dimension()
    {
        return model.dimension();
    }

    @Override
    public int maxBatchSize()
    {
        return model.maxBatchSize();
    }

    @Override
    public List<float[]> embed(List<String> texts, EmbeddingPurpose purpose)
    {
        long start = System.nanoTime();
        try {
            List<float[]> vectors = inSpan(tracer.spanBuilder("ai.embedding").setAttribute(EMBEDDING_MODEL, model.id()).setAttribute(TEXTS, (long) texts.size()),
                    () -> model.embed(texts, purpose),
                    (_, _) -> {});
            stats.called(System.nanoTime() - start, texts.size());
            ObservedQuestion.current().ifPresent(question -> question.calledEmbedding(model.id()));
            return vectors;
        }
        catch (RuntimeException e) {
            stats.failed(System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public void close()
    {
        model.close();
    }
}
