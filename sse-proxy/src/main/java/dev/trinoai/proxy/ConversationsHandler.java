package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The caller's own conversations:
 * <ul>
 * <li>{@code GET /api/conversations}: {@code {"conversations": [{"id", "title", "updatedAt", "questions"}, ...]}}, the
 * latest first;
 * <li>{@code GET /api/conversations/{id}}: {@code {"id", "title", "messages": [...]}}, the messages as useChat holds
 * them, each rated answer's {@code metadata.feedback} its rating and comment;
 * <li>{@code POST /api/conversations/{id}/messages/{messageId}/feedback} with {@code {"rating": "up" | "down",
 * "comment": "..."}}: kept with the answer's question, restatement and SQL, and echoed back.
 * </ul>
 * Another user's conversation is 404, exactly as one that does not exist.
 */
final class ConversationsHandler
        extends ApiHandler
{
    private static final int MAX_COMMENT_LENGTH = 2000;

    private static final Pattern CONVERSATION = Pattern.compile("/api/conversations/([A-Za-z0-9_-]{1,64})");
    private static final Pattern FEEDBACK = Pattern.compile("/api/conversations/([A-Za-z0-9_-]{1,64})/messages/([A-Za-z0-9_-]{1,64})/feedback");
    private static final String FEEDBACK_EXPECTED = "{\"rating\": \"up\" or \"down\", \"comment\": \"...\" (optional)}";

    private final Optional<ConversationStore> store;
    private final Consumer<String> log;

    /**
     * @param store empty when the proxy keeps no conversations: every request is then 404
     */
    ConversationsHandler(Optional<ConversationStore> store, Tokens tokens, FailedAuthThrottle throttle, AccessLog accessLog, ProxyMetrics metrics, ProxyTracing tracing,
            Consumer<String> log, ObjectMapper json)
    {
        super(Set.of("GET", "POST"), "GET /api/conversations, GET /api/conversations/{id}, POST /api/conversations/{id}/messages/{messageId}/feedback.",
                tokens, throttle, accessLog, metrics, tracing, json);
        this.store = requireNonNull(store, "store is null");
        this.log = requireNonNull(log, "log is null");
    }

    @Override
    protected Result respond(HttpExchange exchange, String user, long start)
            throws IOException
    {
        if (store.isEmpty()) {
            return notFound(exchange, user, "This proxy keeps no conversations (chat.postgres.url is not set).");
        }
        String path = exchange.getRequestURI().getPath();
        boolean get = exchange.getRequestMethod().equals("GET");
        Matcher conversation = CONVERSATION.matcher(path);
        Matcher feedback = FEEDBACK.matcher(path);
        try {
            if (get && (path.equals("/api/conversations") || path.equals("/api/conversations/"))) {
                Exchanges.sendJson(exchange, 200, json.createObjectNode().set("conversations", store.get().list(user)));
                return Result.answered(200, user);
            }
            if (get && conversation.matches()) {
                Optional<ObjectNode> found = store.get().load(user, conversation.group(1));
                if (found.isEmpty()) {
                    return notFound(exchange, user, "You have no conversation " + conversation.group(1) + ".");
                }
                Exchanges.sendJson(exchange, 200, found.get());
                return Result.answered(200, user);
            }
            if (!get && feedback.matches()) {
                ConversationStore.Feedback rating = feedback(body(exchange, FEEDBACK_EXPECTED), feedback.group(1), feedback.group(2));
                Optional<ObjectNode> stored = store.get().feedback(user, rating);
                if (stored.isEmpty()) {
                    return notFound(exchange, user, "You have no answer %s in conversation %s.".formatted(feedback.group(2), feedback.group(1)));
                }
                Exchanges.sendJson(exchange, 200, stored.get());
                return Result.answered(200, user);
            }
            return notFound(exchange, user, "No such resource: " + exchange.getRequestMethod() + " " + path + ".");
        }
        catch (BadRequest e) {
            refuse(exchange, e);
            return Result.answered(e.status(), user);
        }
        catch (SQLException e) {
            log.accept(json.createObjectNode().put("log", "chat-store").put("message", "could not answer %s %s: %s".formatted(exchange.getRequestMethod(), path, e.getMessage())).toString());
            refuse(exchange, new BadRequest(503, "store_unavailable", "Your conversations cannot be read right now (the database does not answer); try again in a minute."));
            return Result.answered(503, user);
        }
    }

    private static ConversationStore.Feedback feedback(JsonNode body, String conversationId, String messageId)
            throws BadRequest
    {
        String rating = body.path("rating").asText();
        if (!rating.equals("up") && !rating.equals("down")) {
            throw BadRequest.invalid("Send " + FEEDBACK_EXPECTED + ".");
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw BadRequest.invalid("The comment is text.");
        }
        Optional<String> text = Optional.ofNullable(comment).filter(JsonNode::isTextual).map(node -> node.asText().strip()).filter(value -> !value.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_COMMENT_LENGTH) {
            throw BadRequest.invalid("The comment has %d characters; the limit is %d.".formatted(text.get().length(), MAX_COMMENT_LENGTH));
        }
        return new ConversationStore.Feedback(conversationId, messageId, rating, text);
    }

    private Result notFound(HttpExchange exchange, String user, String message)
            throws IOException
    {
        refuse(exchange, new BadRequest(404, "not_found", message));
        return Result.answered(404, user);
    }
}
