package dev.trinoai.core.retrieve;

import java.util.List;

/**
 * Hybrid retrieval: the chunks nearest in meaning and the best full-text matches, fused by {@link RankFusion}, within
 * a {@link SearchScope}, one citation per source row. Where the vectors live is the backend's concern
 * ({@link RetrievalBackend}); every backend gives the same kind of answer to the same question.
 */
public interface Retriever
{
    String EMBED_HINT = "Run the embed job (scripts/jobs.sh embed --once, part of ./dev up) with the same embedding provider and retrieval backend as the catalog.";

    /**
     * @return at most {@code k} citations, the most relevant first (ties by source and id)
     */
    List<Citation> search(String text, SearchScope scope, int k);
}
