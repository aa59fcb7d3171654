package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.llm.LlmClient;
import dev.trinoai.core.warehouse.Warehouse;
import jakarta.annotation.PreDestroy;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Releases what the catalog holds outside the JVM heap when it shuts down: the connection pool, the embedding
 * model's native session and the language model client's connections.
 */
public final class EngineResources
{
    private final Warehouse warehouse;
    private final EmbeddingModel embeddings;
    private final Optional<LlmClient> llm;

    @Inject
    public EngineResources(Warehouse warehouse, EmbeddingModel embeddings, Optional<LlmClient> llm)
    {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.llm = requireNonNull(llm, "llm is null");
    }

    @PreDestroy
    public void close()
    {
        warehouse.close();
        embeddings.close();
        llm.ifPresent(LlmClient::close);
    }
}
