package dev.trinoai.jobs.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One column of a source: where its value is read from, its type, and the checks it must pass.
 *
 * @param name the staging column
 * @param path where the value is in a record: a CSV header name, or a JSON field with '.' between nested names;
 *             several paths are tried in order (exports that renamed a field). Defaults to the name.
 * @param from {@code field} (the default), {@code key} (the key of a record in a JSON object of records), or
 *             {@code file} (the first group of {@code pattern} matched against the file's path)
 * @param formats accepted date or timestamp formats (java.time patterns), tried in order; ISO-8601 when empty
 * @param array what to do with a JSON array value: {@code first} element or {@code join} with ", "
 * @param references {@code schema.table.column} that must contain the value, or the row is quarantined
 */
public record ColumnMapping(
        String name,
        List<String> path,
        Source from,
        Optional<Pattern> pattern,
        ColumnType type,
        boolean required,
        List<String> formats,
        Optional<ArrayMode> array,
        Optional<String> references)
{
    public enum Source
    {
        @JsonProperty("field") FIELD,
        @JsonProperty("key") KEY,
        @JsonProperty("file") FILE,
    }

    public enum ArrayMode
    {
        @JsonProperty("first") FIRST,
        @JsonProperty("join") JOIN,
    }

    @JsonCreator
    public ColumnMapping(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty("path") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> path,
            @JsonProperty("from") Source from,
            @JsonProperty("pattern") String pattern,
            @JsonProperty(value = "type", required = true) ColumnType type,
            @JsonProperty("required") Boolean required,
            @JsonProperty("formats") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> formats,
            @JsonProperty("array") ArrayMode array,
            @JsonProperty("references") String references)
    {
        this(
                name,
                path == null || path.isEmpty() ? List.of(name) : List.copyOf(path),
                from == null ? Source.FIELD : from,
                Optional.ofNullable(pattern).map(Pattern::compile),
                type,
                Boolean.TRUE.equals(required),
                formats == null ? List.of() : List.copyOf(formats),
                Optional.ofNullable(array),
                Optional.ofNullable(references));
    }

    public ColumnMapping
    {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(from, "from is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(type, "type is null");
        requireNonNull(formats, "formats is null");
        requireNonNull(array, "array is null");
        requireNonNull(references, "references is null");
    }
}
