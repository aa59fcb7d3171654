package dev.trinoai.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Text that explains the numbers, embedded into pgvector and cited as {@code <name>:<id>}.
 *
 * @param metadata the dimensions stored beside each chunk so retrieval can filter by them
 * @param current the metadata values of the rows still current ("the risks to Apollo" are its open ones): kept
 *     unless the question names a value of that dimension or a period
 */
public record TextSource(String name, String table, String id, String title, List<String> text, List<String> metadata, Map<String, List<String>> current, List<String> synonyms, int line)
{
    public TextSource
    {
        requireNonNull(name, "name is null");
        requireNonNull(table, "table is null");
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        text = List.copyOf(text);
        metadata = List.copyOf(metadata);
        current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
        synonyms = List.copyOf(synonyms);
    }
}
