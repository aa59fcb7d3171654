package dev.trinoai.connector;

import io.trino.spi.connector.ConnectorTableHandle;

import static java.util.Objects.requireNonNull;

/**
 * A table of {@code ai.model}: what the semantic model lets a person ask.
 */
public record ModelTableHandle(String table)
        implements ConnectorTableHandle
{
    public ModelTableHandle
    {
        requireNonNull(table, "table is null");
    }

    @Override
    public String toString()
    {
        return "model." + table;
    }
}
