package dev.trinoai.connector;

import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.type.Type;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A column of an {@code ai.metrics} table.
 *
 * @param group what the compiler groups by for it: a dimension's name or a time grain's label; empty for {@code unit}
 *     and {@code value}
 * @param type the column's type; a time grain may be read as a DATE or, truncated by a query, as a TIMESTAMP
 */
public record MetricColumnHandle(String name, Kind kind, Optional<String> group, Type type)
        implements ColumnHandle
{
    public enum Kind
    {
        DIMENSION,
        TIME,
        UNIT,
        VALUE,
    }

    public MetricColumnHandle
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(group, "group is null");
        requireNonNull(type, "type is null");
        if (group.isPresent() != (kind == Kind.DIMENSION || kind == Kind.TIME)) {
            throw new IllegalArgumentException("only a dimension or a time column has a group: " + name);
        }
    }

    public boolean isGroup()
    {
        return group.isPresent();
    }

    @Override
    public String toString()
    {
        return name + ":" + type.getDisplayName();
    }
}
