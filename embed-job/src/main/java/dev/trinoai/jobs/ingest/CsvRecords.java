package dev.trinoai.jobs.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.jobs.ingest.RecordIterator.MAX_RECORD_LENGTH;
import static dev.trinoai.jobs.ingest.RecordIterator.TOO_LONG;
import static java.util.Objects.requireNonNull;

/**
 * RFC 4180 CSV with a header row: quoted fields may hold the delimiter, quotes ("") and line breaks. Blank lines are
 * skipped. A row with more fields than the header is repaired when the mapping names an overflow column (the fields
 * before it are taken from the left, those after it from the right, and the rest joined back into it); any other
 * count mismatch makes the row unreadable, and so do a record longer than the limit, a quoted field still open at the
 * end of the file, and a last row without a line break (the file may have been cut in it).
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
        Fields fields = readFields();
        if (fields == null) {
            throw new IllegalArgumentException("the file is empty (0 bytes): a CSV file starts with its header row, so the export or the transfer was cut short; land the whole file again");
        }
        if (fields.problem().isPresent()) {
            throw new IllegalArgumentException("the header row " + fields.problem().get());
        }
        header = fields.values().stream().map(String::strip).toList();
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
            Fields record = readFields();
            if (record == null) {
                return null;
            }
            List<String> fields = record.values();
            if (record.problem().isEmpty() && fields.size() == 1 && fields.getFirst().isBlank()) {
                blankLines++;
                continue;
            }
            if (record.problem().isPresent()) {
                return RawRecord.unreadable(startLine, record.raw(), record.problem().get());
            }
            // RFC 4180 allows a last row without a line break, but so does a transfer cut in the last field
            // ("125000.00" landing as "12"), which would load a wrong number without a trace. Only a line break
            // proves the row complete, so the row is held back, and the reason says how to have it loaded.
            if (!record.terminated()) {
                return RawRecord.unreadable(startLine, record.raw(),
                        "is the last line of the file and has no line break after it: the file may have been cut short in the middle of this row; if the row is complete, end the file with a line break");
            }
            if (fields.size() > header.size() && overflowIndex >= 0) {
                fields = joinOverflow(fields);
            }
            if (fields.size() != header.size()) {
                return RawRecord.unreadable(startLine, record.raw(), "has %d fields; the header has %d".formatted(fields.size(), header.size()));
            }
            List<String> values = fields;
            return new RawRecord(startLine, record.raw(), Optional.empty(), path -> {
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
     * One record as read: its fields, its text, and whether a line break ended it.
     */
    private record Fields(List<String> values, String raw, boolean terminated, Optional<String> problem) {}

    /**
     * The next record, or null at the end of the file. A record longer than the limit is read to its end, to stay in
     * step with the quoting, but only its first characters are kept.
     */
    private Fields readFields()
    {
        try {
            int c = reader.read();
            if (c == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            StringBuilder raw = new StringBuilder();
            long length = 0;
            boolean quoted = false;
            boolean wasQuoted = false;
            // Not field.isEmpty(): past the limit the field is no longer kept, but a quote in it is still not an opening one.
            boolean unquotedText = false;
            boolean terminated = false;
            int quoteLine = line;
            while (c != -1) {
                char ch = (char) c;
                boolean keep = ++length <= MAX_RECORD_LENGTH;
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int peek = reader.read();
                        if (peek == '"') {
                            length++;
                            append(keep, field, raw, '"');
                            append(keep, raw, '"');
                        }
                        else {
                            quoted = false;
                            append(keep, raw, '"');
                            reader.reset();
                        }
                    }
                    else {
                        if (ch == '\n') {
                            line++;
                        }
                        append(keep, field, raw, ch);
                    }
                }
                else if (ch == '"' && !unquotedText && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    quoteLine = line;
                    append(keep, raw, '"');
                }
                else if (ch == delimiter) {
                    if (keep) {
                        fields.add(field.toString());
                    }
                    field.setLength(0);
                    wasQuoted = false;
                    unquotedText = false;
                    append(keep, raw, ch);
                }
                else if (ch == '\n') {
                    line++;
                    terminated = true;
                    break;
                }
                else if (ch != '\r') {
                    unquotedText = true;
                    append(keep, field, raw, ch);
                }
                c = reader.read();
            }
            fields.add(field.toString());
            Optional<String> problem = Optional.empty();
            if (length > MAX_RECORD_LENGTH) {
                problem = Optional.of(TOO_LONG);
            }
            else if (quoted) {
                problem = Optional.of("has a quoted field opened on line %d that is not closed before the end of the file, so everything after it was read as that one field: the file was cut short or a closing quote is missing"
                        .formatted(quoteLine));
            }
            return new Fields(fields, raw.toString(), terminated, problem);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(boolean keep, StringBuilder field, StringBuilder raw, char ch)
    {
        append(keep, field, ch);
        append(keep, raw, ch);
    }

    private static void append(boolean keep, StringBuilder text, char ch)
    {
        if (keep) {
            text.append(ch);
        }
    }
}
