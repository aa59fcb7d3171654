package dev.trinoai.jobs.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * One output file, written a row at a time: CSV (RFC 4180, with a header row) or NDJSON (one object per line), chosen
 * by the file name. Values are strings, numbers, dates or null; lines end with a bare {@code \n}.
 */
final class TableFile
        implements Closeable
{
    private static final JsonFactory JSON = new JsonFactory();

    private final String name;
    private final List<String> columns;
    private final boolean csv;
    private final Writer writer;
    private int rows;
    private String lastLine;

    TableFile(Path directory, String name, List<String> columns)
            throws IOException
    {
        this.name = requireNonNull(name, "name is null");
        this.columns = List.copyOf(columns);
        this.csv = name.endsWith(".csv");
        this.writer = Files.newBufferedWriter(directory.resolve(name), UTF_8);
        if (csv) {
            writer.write(csvLine(List.copyOf(columns), Optional.empty()));
        }
    }

    int rows()
    {
        return rows;
    }

    void write(Object... values)
    {
        writeLine(line(values, Optional.empty()));
    }

    /**
     * Writes a row that lacks one value: an empty CSV field, or a JSON object without that key.
     */
    void writeOmitting(String column, Object... values)
    {
        writeLine(line(values, Optional.of(columns.indexOf(column))));
    }

    void repeatLastRow()
    {
        writeLine(lastLine);
    }

    void blankLine()
    {
        append("\n");
    }

    @Override
    public void close()
            throws IOException
    {
        writer.close();
    }

    private void writeLine(String line)
    {
        append(line);
        lastLine = line;
        rows++;
    }

    private void append(String text)
    {
        try {
            writer.write(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    private String line(Object[] values, Optional<Integer> omitted)
    {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("%s has %d columns, got %d values".formatted(name, columns.size(), values.length));
        }
        return csv ? csvLine(Arrays.stream(values).map(TableFile::csvValue).toList(), omitted) : jsonLine(values, omitted);
    }

    private static String csvValue(Object value)
    {
        return value == null ? "" : value.toString();
    }

    private static String csvLine(List<String> values, Optional<Integer> omitted)
    {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = omitted.isPresent() && omitted.get() == i ? "" : values.get(i);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
            else {
                line.append(value);
            }
        }
        return line.append('\n').toString();
    }

    private String jsonLine(Object[] values, Optional<Integer> omitted)
    {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator generator = JSON.createGenerator(line)) {
            generator.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                if (omitted.isPresent() && omitted.get() == i) {
                    continue;
                }
                generator.writeFieldName(columns.get(i));
                switch (values[i]) {
                    case null -> generator.writeNull();
                    case Number number -> generator.writeObject(number);
                    default -> generator.writeString(values[i].toString());
                }
            }
            generator.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append('\n').toString();
    }
}
