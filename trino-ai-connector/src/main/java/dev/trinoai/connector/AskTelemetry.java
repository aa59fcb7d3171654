package dev.trinoai.connector;

import com.google.inject.Inject;
import io.opentelemetry.api.trace.Tracer;
import io.trino.spi.catalog.CatalogName;
import io.trino.spi.connector.ConnectorSession;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where every question of the catalog starts being observed, whichever function asked it, and what its observation
 * reports to.
 */
public final class AskTelemetry
{
    private final String catalog;
    private final AskStats stats;
    private final AnswerLog log;
    private final Tracer tracer;
    private final String llmModel;
    private final String embeddingModel;

    @Inject
    public AskTelemetry(CatalogName catalog, AskStats stats, AnswerLog log, Tracer tracer, LlmStats llm, EmbeddingStats embeddings)
    {
        this.llmModel = llm.getModel();
        this.embeddingModel = embeddings.getModel();
        this.catalog = catalog.toString();
        this.stats = requireNonNull(stats, "stats is null");
        this.log = requireNonNull(log, "log is null");
        this.tracer = requireNonNull(tracer, "tracer is null");
    }

    /**
     * A question asked now of {@code function} in the caller's query, to be ended by its answer or its failure.
     */
    ObservedQuestion ask(ConnectorSession session, String function, String question)
    {
        return new ObservedQuestion(this, function, session, Optional.of(question));
    }

    /**
     * A question refused before it could be answered, while Trino analysed the query; returns the failure to throw.
     */
    <E extends RuntimeException> E refused(ConnectorSession session, String function, E failure)
    {
        new ObservedQuestion(this, function, session, Optional.empty()).failed(failure);
        return failure;
    }

    String catalog()
    {
        return catalog;
    }

    AskStats stats()
    {
        return stats;
    }

    AnswerLog log()
    {
        return log;
    }

    Tracer tracer()
    {
        return tracer;
    }

    String llmModel()
    {
        return llmModel;
    }

    String embeddingModel()
    {
        return embeddingModel;
    }
}
