package dev.trinoai.connector;

import io.trino.spi.connector.ConnectorSplit;

/**
 * A question is answered by one split: the work is one conversation with the engine, not a scan to divide.
 */
public record AskSplit()
        implements ConnectorSplit
{
    @Override
    public long getRetainedSizeInBytes()
    {
        return 0;
    }
}
