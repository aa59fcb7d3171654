package dev.trinoai.jobs.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A source of raw files and how they become staging rows and then star rows: one YAML file under etc/ingest/sources.
 *
 * @param source the source's name, used in the job's state and in messages
 * @param files a glob over paths relative to the landing zone's root
 * @param stage sources run in ascending stage, so dimensions (1) load before the facts (2) that reference them
 * @param stagingTable the table in the staging schema; created and extended from the columns
 * @param key the columns that identify a row: a changed file updates rows by key, and a key seen twice in one file is
 *            quarantined the second time
 * @param transform SQL that upserts the star schema from the staging rows of this load ({@code :load_id})
 * @param peers the columns whose values make rows peers for the data-quality report: a number is compared with the
 *              numbers of rows with the same values in these (the same unit, currency or category)
 * @param starTables the dimension and fact tables this source declares: created and extended by the job
 * @param origin the mapping file, for messages
 * @param mappingSha256 the SHA-256 of the mapping file: a file loaded under another version of it is loaded again
 */
public record SourceMapping(
        String source,
        String description,
        String files,
        Format format,
        int stage,
        CsvOptions csv,
        JsonOptions json,
        String stagingTable,
        List<String> key,
        List<ColumnMapping> columns,
        Optional<String> transform,
        List<String> peers,
        List<StarTable> starTables,
        String origin,
        String mappingSha256)
{
    public enum Format
    {
        @JsonProperty("csv") CSV,
        @JsonProperty("ndjson") NDJSON,
        @JsonProperty("json") JSON,
    }

    /**
     * @param overflow the column that takes the surplus fields, joined with the delimiter, when a row has more fields
     *                 than the header: exports that did not quote a free-text field containing the delimiter
     */
    public record CsvOptions(char delimiter, Optional<String> overflow)
    {
        @JsonCreator
        public CsvOptions(@JsonProperty("delimiter") String delimiter, @JsonProperty("overflow") String overflow)
        {
            this(delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0), Optional.ofNullable(overflow));
        }

        public CsvOptions
        {
            requireNonNull(overflow, "overflow is null");
        }
    }

    /**
     * @param records {@code array}: the file is a JSON array of records; {@code object}: a JSON object whose values are
     *                the records, keyed by their ids
     */
    public record JsonOptions(Records records)
    {
        public enum Records
        {
            @JsonProperty("array") ARRAY,
            @JsonProperty("object") OBJECT,
        }

        @JsonCreator
        public JsonOptions(@JsonProperty("records") Records records)
        {
            this.records = records == null ? Records.ARRAY : records;
        }
    }

    @JsonCreator
    public static SourceMapping create(
            @JsonProperty(value = "source", required = true) String source,
            @JsonProperty("description") String description,
            @JsonProperty(value = "files", required = true) String files,
            @JsonProperty(value = "format", required = true) Format format,
            @JsonProperty("stage") Integer stage,
            @JsonProperty("csv") CsvOptions csv,
            @JsonProperty("json") JsonOptions json,
            @JsonProperty(value = "staging_table", required = true) String stagingTable,
            @JsonProperty(value = "key", required = true) List<String> key,
            @JsonProperty(value = "columns", required = true) List<ColumnMapping> columns,
            @JsonProperty("transform") String transform,
            @JsonProperty("peers") List<String> peers,
            @JsonProperty("star_tables") List<StarTable> starTables)
    {
        return new SourceMapping(
                source,
                description == null ? "" : description,
                files,
                format,
                stage == null ? 1 : stage,
                csv == null ? new CsvOptions((String) null, null) : csv,
                json == null ? new JsonOptions((JsonOptions.Records) null) : json,
                stagingTable,
                List.copyOf(key),
                List.copyOf(columns),
                Optional.ofNullable(transform).filter(sql -> !sql.isBlank()),
                peers == null ? List.of() : List.copyOf(peers),
                starTables == null ? List.of() : List.copyOf(starTables),
                "",
                "");
    }

    public SourceMapping
    {
        requireNonNull(source, "source is null");
        requireNonNull(description, "description is null");
        requireNonNull(files, "files is null");
        requireNonNull(format, "format is null");
        requireNonNull(csv, "csv is null");
        requireNonNull(json, "json is null");
        requireNonNull(stagingTable, "stagingTable is null");
        requireNonNull(key, "key is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(transform, "transform is null");
        requireNonNull(peers, "peers is null");
        requireNonNull(starTables, "starTables is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(mappingSha256, "mappingSha256 is null");
    }

    public SourceMapping withOrigin(String origin, String mappingSha256)
    {
        return new SourceMapping(source, description, files, format, stage, csv, json, stagingTable, key, columns, transform, peers, starTables, origin, mappingSha256);
    }

    public Optional<ColumnMapping> column(String name)
    {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }
}
