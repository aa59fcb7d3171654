package dev.trinoai.connector;

import io.trino.spi.connector.ConnectorSplit;

/**
 * A question is answered by one split, and a table of the catalog read by one: the work is one conversation with the
 * engine or one statement, not a scan to divide.
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
