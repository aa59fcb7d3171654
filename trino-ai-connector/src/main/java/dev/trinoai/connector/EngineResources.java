package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.Warehouse;
import dev.trinoai.core.embedding.EmbeddingModel;
import jakarta.annotation.PreDestroy;

import static java.util.Objects.requireNonNull;

/**
 * Releases what the catalog holds outside the JVM heap when it shuts down: the connection pool and the embedding
 * model's native session.
 */
public final class EngineResources
{
    private final Warehouse warehouse;
    private final EmbeddingModel embeddings;

    @Inject
    public EngineResources(Warehouse warehouse, EmbeddingModel embeddings)
    {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
    }

    @PreDestroy
    public void close()
    {
        warehouse.close();
        embeddings.close();
    }
}
