package dev.trinoai.jobs.ingest;

import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One record as read from a file, before typing.
 *
 * @param line the line it starts on, counted from 1
 * @param raw its text as it stands in the file, kept for the quarantine
 * @param problem why it cannot be read at all (wrong number of fields, invalid JSON), if so
 * @param field a value by path: a String (CSV), a Jackson JsonNode (JSON), or null when absent
 * @param key the record's key in a JSON object of records
 */
public record RawRecord(int line, String raw, Optional<String> problem, Function<String, Object> field, Optional<String> key)
{
    public RawRecord
    {
        requireNonNull(raw, "raw is null");
        requireNonNull(problem, "problem is null");
        requireNonNull(field, "field is null");
        requireNonNull(key, "key is null");
    }

    public static RawRecord unreadable(int line, String raw, String problem)
    {
        return new RawRecord(line, raw, Optional.of(problem), path -> null, Optional.empty());
    }
}
