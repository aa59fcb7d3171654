package dev.trinoai.core.model;

import static java.util.Objects.requireNonNull;

/**
 * {@code LEFT JOIN <schema>.<table> AS <table> ON <table>.<key> = <fromAlias>.<column>}
 */
public record Join(String table, String key, String fromAlias, String column)
{
    public Join
    {
        requireNonNull(table, "table is null");
        requireNonNull(key, "key is null");
        requireNonNull(fromAlias, "fromAlias is null");
        requireNonNull(column, "column is null");
    }

    public String sql(String schema)
    {
        return "LEFT JOIN %s.%s AS %s ON %s.%s = %s.%s".formatted(schema, table, table, table, key, fromAlias, column);
    }
}
