package dev.trinoai.core.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Text that explains the numbers, embedded into pgvector and cited as {@code <name>:<id>}.
 *
 * @param metadata the dimensions stored beside each chunk so retrieval can filter by them
 */
public record TextSource(String name, String table, String id, String title, List<String> text, List<String> metadata, List<String> synonyms, int line)
{
    public TextSource
    {
        requireNonNull(name, "name is null");
        requireNonNull(table, "table is null");
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        text = List.copyOf(text);
        metadata = List.copyOf(metadata);
        synonyms = List.copyOf(synonyms);
    }
}
