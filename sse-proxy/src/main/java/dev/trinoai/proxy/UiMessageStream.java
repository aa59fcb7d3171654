package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The rows of one answer as the AI SDK's UI message stream, protocol v1 (what {@code useChat}'s default transport
 * reads; docs/chat.md): one assistant message, each event's data one JSON chunk. {@code start} names the message;
 * answer rows before any number or citation restate what was computed and are one {@code data-restatement} part, sent
 * again whole as it grows (a data part with the same id replaces the earlier one); the answer in words is the text
 * part ({@code text-start}, a {@code text-delta} per row, {@code text-end}); numbers, citations, SQL, notices and
 * suggested follow-up questions are {@code data-number}, {@code data-citation}, {@code data-sql}, {@code data-notice}
 * and {@code data-suggestion} parts whose data is the row as {@code /ask} sends it. A failure is a {@code data-failure} part (code, name, message, query id) and the protocol's
 * {@code error} chunk. {@code finish} carries the timings as message metadata; {@code [DONE]} ends the stream.
 *
 * <p>It also builds the message as a client holds it after reading the stream, for the conversation store.
 */
final class UiMessageStream
        implements AskRunner.AnswerWriter
{
    static final String HEADER = "x-vercel-ai-ui-message-stream";
    static final String VERSION = "v1";

    private static final String TEXT_ID = "answer";
    private static final String RESTATEMENT_ID = "restatement";
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:]$");

    private final SseStream events;
    private final ObjectMapper json;
    private final ObjectNode message;
    private final ArrayNode parts;
    private ObjectNode restatement;
    private ObjectNode text;
    private boolean restating = true;

    private UiMessageStream(SseStream events, ObjectMapper json, String messageId)
    {
        this.events = requireNonNull(events, "events is null");
        this.json = requireNonNull(json, "json is null");
        this.message = json.createObjectNode().put("id", messageId).put("role", "assistant");
        this.parts = message.putArray("parts");
        // What a stream that ends without done or failed (the client went away) leaves.
        message.putObject("metadata").put("status", "stopped");
    }

    /**
     * Writes {@code start}, naming the assistant message.
     */
    static UiMessageStream start(SseStream events, ObjectMapper json, String messageId)
            throws IOException
    {
        UiMessageStream stream = new UiMessageStream(events, json, messageId);
        stream.chunk(json.createObjectNode().put("type", "start").put("messageId", messageId));
        return stream;
    }

    @Override
    public void row(AnswerRow row)
            throws IOException
    {
        switch (row.eventName()) {
            case "answer" -> {
                if (restating) {
                    restate(nonNull(row.text()));
                }
                else {
                    answer(nonNull(row.text()));
                }
            }
            case "number", "citation" -> {
                restating = false;
                data(row);
            }
            default -> data(row);
        }
    }

    @Override
    public void done(AskRunner.Done done)
            throws IOException
    {
        finish("stop", done.toJson(json).put("status", "done"));
    }

    @Override
    public void failed(AskFailure failure)
            throws IOException
    {
        send(json.createObjectNode().put("type", "data-failure").set("data", failure.toJson(json)));
        chunk(json.createObjectNode().put("type", "error").put("errorText", failure.name() + ": " + failure.message()));
        ObjectNode metadata = json.createObjectNode().put("status", "error");
        failure.queryId().ifPresent(id -> metadata.put("queryId", id));
        finish("error", metadata);
    }

    /**
     * The assistant message as far as the client received it: its parts, and as metadata how it ended ({@code status}
     * done, error or stopped) with the timings of a finished one.
     */
    ObjectNode message()
    {
        return message.deepCopy();
    }

    private void restate(String row)
            throws IOException
    {
        String sofar = restatement == null ? "" : restatement.get("data").get("text").asText();
        ObjectNode part = json.createObjectNode().put("type", "data-restatement").put("id", RESTATEMENT_ID);
        part.putObject("data").put("text", sofar.isEmpty() ? row : sofar + " " + row);
        chunk(part);
        if (restatement == null) {
            restatement = addPart(part);
        }
        else {
            restatement.set("data", part.get("data"));
        }
    }

    private void answer(String row)
            throws IOException
    {
        if (text == null) {
            chunk(json.createObjectNode().put("type", "text-start").put("id", TEXT_ID));
            text = addPart(json.createObjectNode().put("type", "text").put("text", "").put("state", "streaming"));
        }
        String sofar = text.get("text").asText();
        // A model streams fragments that carry their own spaces; the offline answer streams whole sentences.
        String delta = SENTENCE_END.matcher(sofar).find() && !row.isEmpty() && !Character.isWhitespace(row.charAt(0)) ? " " + row : row;
        chunk(json.createObjectNode().put("type", "text-delta").put("id", TEXT_ID).put("delta", delta));
        text.put("text", sofar + delta);
    }

    private void data(AnswerRow row)
            throws IOException
    {
        send(json.createObjectNode().put("type", "data-" + row.eventName()).set("data", row.toJson(json)));
    }

    private void finish(String reason, ObjectNode metadata)
            throws IOException
    {
        if (text != null && text.get("state").asText().equals("streaming")) {
            chunk(json.createObjectNode().put("type", "text-end").put("id", TEXT_ID));
            text.put("state", "done");
        }
        ObjectNode finish = json.createObjectNode().put("type", "finish").put("finishReason", reason);
        finish.set("messageMetadata", metadata);
        chunk(finish);
        message.set("metadata", metadata);
        events.data("[DONE]");
    }

    /**
     * Writes a part as its chunk, then adds it to the message: what the client never received is not kept.
     */
    private void send(ObjectNode part)
            throws IOException
    {
        chunk(part);
        addPart(part);
    }

    private ObjectNode addPart(ObjectNode part)
    {
        parts.add(part);
        return part;
    }

    private void chunk(ObjectNode chunk)
            throws IOException
    {
        events.data(chunk.toString());
    }

    private static String nonNull(String text)
    {
        return text == null ? "" : text;
    }
}
