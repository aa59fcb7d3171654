package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.trinoai.proxy.ApiHandler.BadRequest.invalid;
import static java.util.Objects.requireNonNull;

/**
 * What {@code useChat}'s default transport posts to {@code /api/chat}: {@code {"id": conversation, "messages": [...],
 * "trigger": "submit-message" | "regenerate-message", "messageId": ...}}, each message {@code {"id", "role",
 * "parts": [{"type": "text", "text": ...}, ...]}}. Only the user messages are read: the last is the question (its
 * text parts joined), the ones before it are the conversation's earlier questions, of which Trino is given the latest
 * ten. A client may therefore send the user messages alone, which keeps a long conversation's request small.
 *
 * @param regenerate whether the question is asked again, its earlier answer replaced
 */
record ChatRequest(String conversationId, String messageId, Question question, boolean regenerate)
{
    /**
     * useChat's generated ids are 16 letters and digits; anything else a client chooses stays short and plain.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String EXPECTED = "{\"id\": \"...\", \"messages\": [..., {\"id\": \"...\", \"role\": \"user\", \"parts\": [{\"type\": \"text\", \"text\": \"...\"}]}]}";

    ChatRequest
    {
        requireNonNull(conversationId, "conversationId is null");
        requireNonNull(messageId, "messageId is null");
        requireNonNull(question, "question is null");
    }

    static ChatRequest parse(JsonNode body, int maxQuestionLength)
            throws ApiHandler.BadRequest
    {
        String conversationId = id(body.get("id"), "id");
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("Send " + EXPECTED + ": messages is missing or empty.");
        }
        JsonNode last = messages.get(messages.size() - 1);
        if (!"user".equals(last.path("role").asText())) {
            throw invalid("The last message is the question: its role must be user.");
        }
        String question = ApiHandler.checkLength(text(last), maxQuestionLength, "The question");
        if (question.isEmpty()) {
            throw invalid("The question (the last message's text parts) is empty.");
        }
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < messages.size() - 1; i++) {
            JsonNode message = messages.get(i);
            String text = "user".equals(message.path("role").asText()) ? text(message) : "";
            if (!text.isEmpty()) {
                earlier.add(ApiHandler.checkLength(text, maxQuestionLength, "Message %d".formatted(i + 1)));
            }
        }
        List<String> previous = earlier.subList(Math.max(0, earlier.size() - Question.MAX_PREVIOUS), earlier.size());
        return new ChatRequest(conversationId, id(last.get("id"), "the last message's id"), new Question(question, previous), regenerate(body.get("trigger")));
    }

    private static String text(JsonNode message)
    {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : message.path("parts")) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString().strip();
    }

    private static String id(JsonNode id, String what)
            throws ApiHandler.BadRequest
    {
        if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
            throw invalid("%s must be 1 to 64 letters, digits, _ or -.".formatted(what.substring(0, 1).toUpperCase() + what.substring(1)));
        }
        return id.asText();
    }

    private static boolean regenerate(JsonNode trigger)
            throws ApiHandler.BadRequest
    {
        if (trigger == null || trigger.isNull()) {
            return false;
        }
        return switch (trigger.asText()) {
            case "submit-message" -> false;
            case "regenerate-message" -> true;
            default -> throw invalid("trigger must be submit-message or regenerate-message.");
        };
    }
}
