package dev.trinoai.jobs.retrieve;

import dev.trinoai.core.retrieve.RetrievalSettings;

final class TestPgvectorRetrieval
        extends AbstractTestRetrieval
{
    @Override
    RetrievalSettings settings()
    {
        return RetrievalSettings.pgvector();
    }
}
