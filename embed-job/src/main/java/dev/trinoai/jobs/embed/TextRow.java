package dev.trinoai.jobs.embed;

import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One row of a text source as the star schema has it now.
 *
 * @param metadata the source's dimensions and the row's date, by name; sorted so that it hashes the same every run
 */
public record TextRow(String source, String id, String title, String text, Map<String, String> metadata)
{
    public TextRow
    {
        requireNonNull(source, "source is null");
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(text, "text is null");
        metadata = new TreeMap<>(metadata);
    }
}
