package dev.trinoai.connector;

import io.trino.spi.connector.ConnectorTransactionHandle;

public enum AiTransactionHandle
        implements ConnectorTransactionHandle
{
    INSTANCE
}
