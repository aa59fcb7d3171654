package dev.trinoai.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Something questions group and filter by: a column of a dimension table or of a fact table.
 *
 * @param valueSynonyms other words for some of the values, e.g. "critical" for the incident severity SEV1
 * @param negatable "not X" means every other value of the dimension, as "risks not closed" are the open and the
 *     mitigated ones; false where another value overlaps X (a milestone "late" is also done)
 */
public record Dimension(String name, String table, String column, List<String> synonyms, Map<String, List<String>> valueSynonyms, boolean negatable, int line)
{
    public Dimension
    {
        requireNonNull(name, "name is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        synonyms = List.copyOf(synonyms);
        // in the file's order: Map.copyOf iterates in an order that changes from one JVM to the next, and so would the
        // plans built from it
        valueSynonyms = Collections.unmodifiableMap(new LinkedHashMap<>(valueSynonyms));
    }

    public String label()
    {
        return name.replace('_', ' ');
    }
}
