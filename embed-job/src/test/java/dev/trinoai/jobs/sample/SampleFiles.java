package dev.trinoai.jobs.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Reads the generated files back the way an independent consumer would: CSV by RFC 4180 (skipping blank lines), NDJSON
 * line by line.
 */
final class SampleFiles
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Csv(List<String> header, List<Map<String, String>> rows)
    {
        Csv
        {
            header = List.copyOf(requireNonNull(header, "header is null"));
            rows = List.copyOf(requireNonNull(rows, "rows is null"));
        }
    }

    private final Path directory;

    SampleFiles(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    List<String> lines(String name)
    {
        try {
            return Files.readString(directory.resolve(name), UTF_8).lines().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Csv csv(String name)
    {
        try {
            List<List<String>> records = records(Files.readString(directory.resolve(name), UTF_8));
            List<String> header = records.getFirst();
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> record : records.subList(1, records.size())) {
                if (record.size() == 1 && record.getFirst().isEmpty()) {
                    continue;
                }
                if (record.size() != header.size()) {
                    throw new IllegalStateException("%s: a row has %d fields, the header %d: %s".formatted(name, record.size(), header.size(), record));
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.get(i));
                }
                rows.add(row);
            }
            return new Csv(header, rows);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> ndjson(String name)
    {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines(name)) {
            try {
                objects.add(MAPPER.readTree(line));
            }
            catch (IOException e) {
                throw new UncheckedIOException("%s: not JSON: %s".formatted(name, line), e);
            }
        }
        return objects;
    }

    /**
     * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
     */
    static List<List<String>> records(String text)
    {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else if (c == '"') {
                    quoted = false;
                }
                else {
                    field.append(c);
                }
            }
            else if (c == '"') {
                quoted = true;
            }
            else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            }
            else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            }
            else {
                field.append(c);
            }
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
