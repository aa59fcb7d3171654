package dev.trinoai.jobs.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * RFC 4180 CSV with a header row: quoted fields may hold the delimiter, quotes ("") and line breaks. Blank lines are
 * skipped. A row with more fields than the header is repaired when the mapping names an overflow column (the fields
 * before it are taken from the left, those after it from the right, and the rest joined back into it); any other
 * count mismatch makes the row unreadable.
 */
final class CsvRecords
        extends RecordIterator
{
    private final Reader reader;
    private final char delimiter;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final int overflowIndex;

    private int line = 1;
    private int blankLines;

    CsvRecords(Reader reader, SourceMapping.CsvOptions options, Optional<String> overflowHeader)
    {
        this.reader = requireNonNull(reader, "reader is null");
        this.delimiter = options.delimiter();
        List<String> fields = readFields(new StringBuilder());
        if (fields == null) {
            throw new IllegalArgumentException("the file is empty: a header row is expected");
        }
        header = fields.stream().map(String::strip).map(name -> name.startsWith("\uFEFF") ? name.substring(1) : name).toList();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        overflowIndex = overflowHeader.map(name -> index.getOrDefault(name, -1)).orElse(-1);
    }

    List<String> header()
    {
        return header;
    }

    int blankLines()
    {
        return blankLines;
    }

    @Override
    protected RawRecord readNext()
    {
        while (true) {
            int startLine = line;
            StringBuilder raw = new StringBuilder();
            List<String> fields = readFields(raw);
            if (fields == null) {
                return null;
            }
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                blankLines++;
                continue;
            }
            String text = raw.toString();
            if (fields.size() > header.size() && overflowIndex >= 0) {
                fields = joinOverflow(fields);
            }
            if (fields.size() != header.size()) {
                return RawRecord.unreadable(startLine, text, "has %d fields; the header has %d".formatted(fields.size(), header.size()));
            }
            List<String> values = fields;
            return new RawRecord(startLine, text, Optional.empty(), path -> {
                Integer position = index.get(path);
                return position == null ? null : values.get(position);
            }, Optional.empty());
        }
    }

    private List<String> joinOverflow(List<String> fields)
    {
        int after = header.size() - overflowIndex - 1;
        List<String> joined = new ArrayList<>(fields.subList(0, overflowIndex));
        joined.add(String.join(String.valueOf(delimiter), fields.subList(overflowIndex, fields.size() - after)));
        joined.addAll(fields.subList(fields.size() - after, fields.size()));
        return joined;
    }

    /**
     * The fields of the next record, or null at the end of the file; appends the record's text to raw.
     */
    private List<String> readFields(StringBuilder raw)
    {
        try {
            int c = reader.read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (c != -1) {
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int peek = reader.read();
                        if (peek == '"') {
                            field.append('"');
                            raw.append("\"\"");
                        }
                        else {
                            quoted = false;
                            raw.append('"');
                            reader.reset();
                        }
                    }
                    else {
                        if (ch == '\n') {
                            line++;
                        }
                        field.append(ch);
                        raw.append(ch);
                    }
                }
                else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    raw.append(ch);
                }
                else if (ch == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    raw.append(ch);
                }
                else if (ch == '\n') {
                    line++;
                    break;
                }
                else if (ch != '\r') {
                    field.append(ch);
                    raw.append(ch);
                }
                c = reader.read();
            }
            fields.add(field.toString());
            return fields;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
