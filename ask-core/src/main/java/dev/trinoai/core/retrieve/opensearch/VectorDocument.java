package dev.trinoai.core.retrieve.opensearch;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One chunk of the vector table as an OpenSearch document: the same fields, so either backend answers from the same
 * rows.
 */
public record VectorDocument(String source, String sourceId, int chunk, String title, String content, String contentHash, String textHash, Map<String, String> metadata, float[] embedding)
{
    public VectorDocument
    {
        requireNonNull(source, "source is null");
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(title, "title is null");
        requireNonNull(content, "content is null");
        requireNonNull(contentHash, "contentHash is null");
        requireNonNull(textHash, "textHash is null");
        metadata = Map.copyOf(metadata);
        requireNonNull(embedding, "embedding is null");
    }

    /**
     * The document id: the source names no colon and the chunk number is last, so the id reads back unambiguously.
     */
    public String id()
    {
        return id(source, sourceId, chunk);
    }

    public static String id(String source, String sourceId, int chunk)
    {
        return source + ":" + sourceId + ":" + chunk;
    }
}
