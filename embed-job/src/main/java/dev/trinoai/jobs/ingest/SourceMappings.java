package dev.trinoai.jobs.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and checks the source mappings: every problem names the file and, where YAML can tell, the line.
 */
public final class SourceMappings
{
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private SourceMappings() {}

    /**
     * Every {@code *.yaml} file in the folder, ordered by stage and then by source name.
     */
    public static List<SourceMapping> load(Path folder)
    {
        if (!Files.isDirectory(folder)) {
            throw new MappingException("The source mappings folder %s does not exist".formatted(folder));
        }
        List<SourceMapping> mappings = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                mappings.add(loadFile(file));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new HashSet<>();
        Map<String, SourceMapping> declaredBy = new HashMap<>();
        for (SourceMapping mapping : mappings) {
            if (!names.add(mapping.source())) {
                throw new MappingException("Two mappings in %s are named '%s'".formatted(folder, mapping.source()));
            }
            for (StarTable table : mapping.starTables()) {
                SourceMapping other = declaredBy.putIfAbsent(table.name(), mapping);
                if (other != null) {
                    throw new MappingException("%s and %s both declare star table '%s': declare it in one of them".formatted(other.origin(), mapping.origin(), table.name()));
                }
            }
        }
        return mappings.stream()
                .sorted(Comparator.comparingInt(SourceMapping::stage).thenComparing(SourceMapping::source))
                .toList();
    }

    public static SourceMapping loadFile(Path file)
    {
        SourceMapping mapping;
        try {
            byte[] content = Files.readAllBytes(file);
            mapping = YAML.readValue(content, SourceMapping.class).withOrigin(file.toString(), sha256(content));
        }
        catch (UnrecognizedPropertyException e) {
            throw new MappingException("%s: %s: unknown key '%s' (known: %s)".formatted(file, lineOfKey(file, e.getPropertyName()).orElse(where(e.getLocation())), e.getPropertyName(), e.getKnownPropertyIds()), e);
        }
        catch (JsonProcessingException e) {
            throw new MappingException("%s: %s: %s".formatted(file, where(e.getLocation()), e.getOriginalMessage()), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            throw new MappingException("%s: %s".formatted(file, e.getMessage()), e);
        }
        List<String> problems = problems(mapping);
        if (!problems.isEmpty()) {
            throw new MappingException("%s (source '%s'): %s".formatted(file, mapping.source(), String.join("; ", problems)));
        }
        return mapping;
    }

    private static String sha256(byte[] content)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where a key stands in the file. Jackson buffers the properties of a creator and reports an unknown one where the
     * object ends, which would send the reader to the wrong line.
     */
    private static Optional<String> lineOfKey(Path file, String key)
    {
        Pattern pattern = Pattern.compile("(^|[\\s{,-])" + Pattern.quote(key) + "\\s*:");
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    return Optional.of("line %d".formatted(i + 1));
                }
            }
            return Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String where(JsonLocation location)
    {
        return location == null ? "?" : "line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
    }

    private static List<String> problems(SourceMapping mapping)
    {
        List<String> problems = new ArrayList<>();
        identifier(problems, "source", mapping.source());
        identifier(problems, "staging_table", mapping.stagingTable());
        if (mapping.columns().isEmpty()) {
            problems.add("columns is empty");
        }
        Set<String> names = new HashSet<>();
        for (ColumnMapping column : mapping.columns()) {
            identifier(problems, "column name", column.name());
            if (!names.add(column.name())) {
                problems.add("column '%s' is defined twice".formatted(column.name()));
            }
            if (column.from() == ColumnMapping.Source.FILE && column.pattern().map(pattern -> pattern.matcher("").groupCount() < 1).orElse(true)) {
                problems.add("column '%s' is read from the file path and needs a pattern with one group, e.g. pattern: \"([^/]+)/\"".formatted(column.name()));
            }
            if (column.from() == ColumnMapping.Source.KEY && (mapping.format() != SourceMapping.Format.JSON || mapping.json().records() != SourceMapping.JsonOptions.Records.OBJECT)) {
                problems.add("column '%s' is read from the record key, which only format: json with json.records: object has".formatted(column.name()));
            }
            for (String format : column.formats()) {
                if (column.type() != ColumnType.DATE && column.type() != ColumnType.TIMESTAMP) {
                    problems.add("column '%s' is %s and takes no formats".formatted(column.name(), column.type().name().toLowerCase()));
                }
                try {
                    DateTimeFormatter.ofPattern(format);
                }
                catch (IllegalArgumentException e) {
                    problems.add("column '%s' has an invalid format '%s': %s".formatted(column.name(), format, e.getMessage()));
                }
            }
            column.references().filter(reference -> !REFERENCE.matcher(reference).matches())
                    .ifPresent(reference -> problems.add("column '%s' references '%s', which is not schema.table.column".formatted(column.name(), reference)));
        }
        if (mapping.key().isEmpty()) {
            problems.add("key is empty");
        }
        for (String key : mapping.key()) {
            mapping.column(key).ifPresentOrElse(
                    column -> {
                        if (!column.required()) {
                            problems.add("key column '%s' must be required: true".formatted(key));
                        }
                    },
                    () -> problems.add("key column '%s' is not among the columns".formatted(key)));
        }
        mapping.csv().overflow().filter(overflow -> mapping.column(overflow).isEmpty())
                .ifPresent(overflow -> problems.add("csv.overflow names '%s', which is not among the columns".formatted(overflow)));
        mapping.peers().stream().filter(peer -> mapping.column(peer).isEmpty())
                .forEach(peer -> problems.add("peers names '%s', which is not among the columns".formatted(peer)));
        for (StarTable table : mapping.starTables()) {
            starTableProblems(problems, table);
        }
        return problems;
    }

    private static void starTableProblems(List<String> problems, StarTable table)
    {
        identifier(problems, "star table", table.name());
        if (table.columns().isEmpty()) {
            problems.add("star table '%s' has no columns".formatted(table.name()));
        }
        Set<String> names = new HashSet<>();
        for (StarTable.Column column : table.columns()) {
            identifier(problems, "star table '%s' column".formatted(table.name()), column.name());
            if (!names.add(column.name())) {
                problems.add("star table '%s' defines column '%s' twice".formatted(table.name(), column.name()));
            }
            if (column.sqlType().isEmpty()) {
                problems.add("star table '%s' column '%s' has type '%s'; known: text, integer, bigint, decimal, decimal(p,s), double, boolean, date, timestamp, identity"
                        .formatted(table.name(), column.name(), column.type()));
            }
            column.references().filter(reference -> !REFERENCE.matcher(reference).matches() || !reference.startsWith("star."))
                    .ifPresent(reference -> problems.add("star table '%s' column '%s' references '%s', which is not star.table.column".formatted(table.name(), column.name(), reference)));
        }
        for (String key : table.primaryKey()) {
            if (table.column(key).isEmpty()) {
                problems.add("star table '%s' has primary key column '%s', which is not among its columns".formatted(table.name(), key));
            }
        }
    }

    private static void identifier(List<String> problems, String what, String value)
    {
        if (!IDENTIFIER.matcher(value).matches()) {
            problems.add("%s '%s' must be a lower-case identifier ([a-z_][a-z0-9_]*)".formatted(what, value));
        }
    }
}
