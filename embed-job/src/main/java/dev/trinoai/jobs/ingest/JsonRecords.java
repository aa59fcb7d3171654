package dev.trinoai.jobs.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.trinoai.jobs.ingest.RecordIterator.MAX_RECORD_LENGTH;
import static dev.trinoai.jobs.ingest.RecordIterator.TOO_LONG;

/**
 * Records from NDJSON (one object a line; a line that is not a JSON object is unreadable, blank lines are skipped) or
 * from one JSON document that is an array of records or an object of records keyed by id.
 */
final class JsonRecords
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRecords() {}

    static Iterator<RawRecord> ndjson(Reader reader)
    {
        return new RecordIterator()
        {
            private final StringBuilder text = new StringBuilder();
            private int line;

            @Override
            protected RawRecord readNext()
            {
                try {
                    do {
                        line++;
                        if (!readLine(reader, text)) {
                            return null;
                        }
                    }
                    while (text.chars().allMatch(Character::isWhitespace));
                    return text.length() > MAX_RECORD_LENGTH ? RawRecord.unreadable(line, text.toString(), TOO_LONG) : parse(line, text.toString());
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Reads the next line into text, without its line break, keeping no more than one character past the limit, so
     * a line of any length is read in bounded memory; false at the end of the file. A truncated last line needs no
     * line-break check as in CSV: an object cut anywhere is not valid JSON.
     */
    private static boolean readLine(Reader reader, StringBuilder text)
            throws IOException
    {
        text.setLength(0);
        int c = reader.read();
        if (c == -1) {
            return false;
        }
        while (c != -1 && c != '\n') {
            if (text.length() <= MAX_RECORD_LENGTH) {
                text.append((char) c);
            }
            c = reader.read();
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == '\r') {
            text.setLength(text.length() - 1);
        }
        return true;
    }

    private static RawRecord parse(int line, String text)
    {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return RawRecord.unreadable(line, text, "is not a JSON object");
            }
            return record(line, text, node, Optional.empty());
        }
        catch (JsonProcessingException e) {
            return RawRecord.unreadable(line, text, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Reads a whole JSON document and hands each record to the consumer, in file order.
     */
    static void document(Reader reader, SourceMapping.JsonOptions options, Consumer<RawRecord> consumer)
            throws IOException
    {
        try (JsonParser parser = JSON.createParser(reader)) {
            JsonToken expected = options.records() == SourceMapping.JsonOptions.Records.ARRAY ? JsonToken.START_ARRAY : JsonToken.START_OBJECT;
            if (parser.nextToken() != expected) {
                throw new IOException("the file must be a JSON %s of records (json.records: %s)".formatted(
                        expected == JsonToken.START_ARRAY ? "array" : "object", options.records().name().toLowerCase()));
            }
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT || token == null) {
                    return;
                }
                Optional<String> key = Optional.empty();
                if (token == JsonToken.FIELD_NAME) {
                    key = Optional.of(parser.currentName());
                    parser.nextToken();
                }
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                String raw = node.toString();
                consumer.accept(node.isObject() ? record(line, raw, node, key) : RawRecord.unreadable(line, raw, "is not a JSON object"));
            }
        }
    }

    private static RawRecord record(int line, String raw, JsonNode node, Optional<String> key)
    {
        return new RawRecord(line, raw, Optional.empty(), path -> {
            JsonNode value = node;
            for (String name : path.split("\\.")) {
                value = value.get(name);
                if (value == null) {
                    return null;
                }
            }
            return value.isNull() ? null : value;
        }, key);
    }
}
