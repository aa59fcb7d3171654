package dev.trinoai.core.embedding;

/**
 * Some models (Cohere Embed v3) embed stored documents and search queries differently.
 */
public enum EmbeddingPurpose
{
    DOCUMENT,
    QUERY,
}
