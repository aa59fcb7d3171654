package dev.trinoai.core.retrieve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A retrieved snippet and the row it comes from, cited as {@code <source>:<id>}.
 *
 * @param metadata the chunk's metadata (program, project, team, date...)
 * @param score the fused rank score: higher is more relevant
 */
public record Citation(String source, String sourceId, String title, String snippet, Map<String, String> metadata, double score)
{
    public Citation
    {
        requireNonNull(source, "source is null");
        requireNonNull(sourceId, "sourceId is null");
        requireNonNull(title, "title is null");
        requireNonNull(snippet, "snippet is null");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public String id()
    {
        return source + ":" + sourceId;
    }
}
