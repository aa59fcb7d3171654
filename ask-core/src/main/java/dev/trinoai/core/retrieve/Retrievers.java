package dev.trinoai.core.retrieve;

import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.retrieve.opensearch.OpenSearchClient;
import dev.trinoai.core.retrieve.opensearch.OpenSearchRetriever;
import dev.trinoai.core.retrieve.opensearch.VectorIndex;
import dev.trinoai.core.warehouse.Warehouse;

import java.time.Duration;

/**
 * The retriever of the configured backend.
 */
public final class Retrievers
{
    private Retrievers() {}

    /**
     * @param statementTimeout the limit of a pgvector search's statement
     */
    public static Retriever create(RetrievalSettings settings, Warehouse warehouse, EmbeddingModel embeddings, Duration statementTimeout)
    {
        return switch (settings.backend()) {
            case PGVECTOR -> new PgvectorRetriever(warehouse, embeddings, warehouse.config().askSchema(), statementTimeout);
            case OPENSEARCH -> new OpenSearchRetriever(index(settings, embeddings.id()), embeddings);
        };
    }

    /**
     * The OpenSearch index of a model, where the embed job writes and the retriever reads.
     */
    public static VectorIndex index(RetrievalSettings settings, String modelId)
    {
        OpenSearchClient client = new OpenSearchClient(settings.opensearchUrl().orElseThrow(), settings.timeout(), settings.awsRegion());
        return new VectorIndex(client, settings.indexPrefix(), modelId);
    }
}
