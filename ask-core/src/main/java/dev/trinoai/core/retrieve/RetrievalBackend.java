package dev.trinoai.core.retrieve;

/**
 * Where the vectors are searched: pgvector beside the warehouse (the default, up to a few million chunks), or an
 * OpenSearch k-NN index that the embed job keeps in step with the vector table.
 */
public enum RetrievalBackend
{
    PGVECTOR,
    OPENSEARCH,
}
