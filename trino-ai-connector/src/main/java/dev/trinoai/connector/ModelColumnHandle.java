package dev.trinoai.connector;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A column of an {@code ai.model} table, by its position in the table's rows.
 */
public record ModelColumnHandle(String name, int position, Type type)
        implements ColumnHandle
{
    public ModelColumnHandle
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
