package dev.trinoai.core.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An aggregate over one table, aliased {@code f}; {@code :as_of} in its SQL is the reference date key.
 */
public record Metric(String name, String label, String table, String sql, String unit, Optional<Boolean> higherIsBetter, String description, List<String> synonyms, int line)
{
    public Metric
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(table, "table is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(higherIsBetter, "higherIsBetter is null");
        requireNonNull(description, "description is null");
        synonyms = List.copyOf(synonyms);
    }
}
