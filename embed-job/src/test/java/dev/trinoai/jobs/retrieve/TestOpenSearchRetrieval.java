package dev.trinoai.jobs.retrieve;

import dev.trinoai.core.TestingOpenSearch;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.retrieve.opensearch.VectorIndex;
import dev.trinoai.core.embedding.LocalEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retrieval tests against a real OpenSearch node with the k-NN plugin, whose index the embed job wrote.
 */
final class TestOpenSearchRetrieval
        extends AbstractTestRetrieval
{
    private final RetrievalSettings settings = RetrievalSettings.opensearch(TestingOpenSearch.url())
            .withIndexPrefix("test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));

    @Override
    RetrievalSettings settings()
    {
        return settings;
    }

    @AfterAll
    void dropIndex()
    {
        Retrievers.index(settings, LocalEmbeddingModel.ID).drop();
    }

    @Test
    void theIndexHoldsEveryChunkOfTheVectorTable()
    {
        VectorIndex index = Retrievers.index(settings, LocalEmbeddingModel.ID);
        assertThat(index.count()).isEqualTo(Long.parseLong(postgres.query("SELECT count(*) FROM ask.text_chunk").getFirst()));
    }
}
