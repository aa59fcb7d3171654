package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The chat page's conversations, in the tables of etc/postgres/chat.sql, through the proxy's own login (a member of
 * trino_ai_chat, which may read and write those tables and nothing else). Every statement names the owner, the user
 * the bearer token authenticated: a conversation is found only by its owner, so one user's conversation id means
 * nothing to another. Messages are kept as the page holds them (the AI SDK's UI messages, as JSON).
 */
final class ConversationStore
        implements AutoCloseable
{
    /**
     * Enough for the handful of short statements a question makes at its start and end.
     */
    private static final int CONNECTIONS = 4;
    private static final int TITLE_LENGTH = 200;
    private static final int LISTED = 100;

    private final HikariDataSource database;
    private final ObjectMapper json;

    private ConversationStore(HikariDataSource database, ObjectMapper json)
    {
        this.database = requireNonNull(database, "database is null");
        this.json = requireNonNull(json, "json is null");
    }

    static ConversationStore open(ProxyConfig.ChatDatabase config, ObjectMapper json)
    {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("chat-store");
        pool.setJdbcUrl(config.url());
        pool.setUsername(config.user());
        config.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(CONNECTIONS);
        pool.setMinimumIdle(0);
        // A database that is down answers the request with 503 within this, not with a hung page.
        pool.setConnectionTimeout(5_000);
        // The proxy starts without its database, as it does without Trino; /health does not depend on either.
        pool.setInitializationFailTimeout(-1);
        return new ConversationStore(new HikariDataSource(pool), json);
    }

    /**
     * Keeps a question before it is answered: its conversation (titled by its first question) and the user's message.
     * A question asked again (the page's "Ask again") loses the answers kept after it.
     */
    void ask(String owner, ChatRequest request)
            throws SQLException
    {
        ObjectNode message = json.createObjectNode().put("id", request.messageId()).put("role", "user");
        message.putArray("parts").addObject().put("type", "text").put("text", request.question().text());
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            update(connection, """
                    INSERT INTO chat.conversation (owner, id, title) VALUES (?, ?, ?)
                    ON CONFLICT (owner, id) DO UPDATE SET updated_at = now()""",
                    owner, request.conversationId(), title(request.question().text()));
            update(connection, """
                    INSERT INTO chat.message (owner, conversation_id, id, role, message) VALUES (?, ?, ?, 'user', ?::jsonb)
                    ON CONFLICT DO NOTHING""",
                    owner, request.conversationId(), request.messageId(), message.toString());
            if (request.regenerate()) {
                update(connection, """
                        DELETE FROM chat.message
                        WHERE owner = ? AND conversation_id = ? AND role = 'assistant'
                          AND seq > (SELECT seq FROM chat.message WHERE owner = ? AND conversation_id = ? AND id = ?)""",
                        owner, request.conversationId(), owner, request.conversationId(), request.messageId());
            }
            connection.commit();
        }
    }

    /**
     * Keeps an answer, however it ended.
     */
    void answer(String owner, String conversationId, ObjectNode message)
            throws SQLException
    {
        try (Connection connection = database.getConnection()) {
            update(connection, "INSERT INTO chat.message (owner, conversation_id, id, role, message) VALUES (?, ?, ?, 'assistant', ?::jsonb)",
                    owner, conversationId, message.get("id").asText(), message.toString());
            update(connection, "UPDATE chat.conversation SET updated_at = now() WHERE owner = ? AND id = ?", owner, conversationId);
        }
    }

    /**
     * The owner's conversations, the latest first: id, title, updatedAt and the number of questions.
     */
    ArrayNode list(String owner)
            throws SQLException
    {
        ArrayNode conversations = json.createArrayNode();
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, """
                        SELECT c.id, c.title, c.updated_at,
                               (SELECT count(*) FROM chat.message m WHERE m.owner = c.owner AND m.conversation_id = c.id AND m.role = 'user')
                        FROM chat.conversation c
                        WHERE c.owner = ?
                        ORDER BY c.updated_at DESC, c.id
                        LIMIT %d""".formatted(LISTED), owner);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                conversations.addObject()
                        .put("id", rows.getString(1))
                        .put("title", rows.getString(2))
                        .put("updatedAt", rows.getTimestamp(3).toInstant().toString())
                        .put("questions", rows.getInt(4));
            }
        }
        return conversations;
    }

    /**
     * One of the owner's conversations with its messages in order, each answer's feedback in its metadata.
     */
    Optional<ObjectNode> load(String owner, String conversationId)
            throws SQLException
    {
        try (Connection connection = database.getConnection()) {
            ObjectNode conversation = json.createObjectNode().put("id", conversationId);
            try (PreparedStatement statement = prepare(connection, "SELECT title FROM chat.conversation WHERE owner = ? AND id = ?", owner, conversationId);
                    ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                conversation.put("title", rows.getString(1));
            }
            ArrayNode messages = conversation.putArray("messages");
            try (PreparedStatement statement = prepare(connection, """
                    SELECT m.message, f.rating, f.comment
                    FROM chat.message m
                    LEFT JOIN chat.feedback f ON f.owner = m.owner AND f.conversation_id = m.conversation_id AND f.message_id = m.id
                    WHERE m.owner = ? AND m.conversation_id = ?
                    ORDER BY m.seq""", owner, conversationId);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ObjectNode message = (ObjectNode) parse(rows.getString(1));
                    if (rows.getString(2) != null) {
                        ((ObjectNode) message.path("metadata")).putObject("feedback").put("rating", rows.getString(2)).put("comment", rows.getString(3));
                    }
                    messages.add(message);
                }
            }
            return Optional.of(conversation);
        }
    }

    /**
     * A rating of one of the owner's answers, kept with its question, the restatement of what was computed and the SQL;
     * a second rating of the same answer replaces the first. Empty when the owner has no such answer.
     */
    Optional<ObjectNode> feedback(String owner, Feedback feedback)
            throws SQLException
    {
        try (Connection connection = database.getConnection()) {
            JsonNode answer;
            String question;
            try (PreparedStatement statement = prepare(connection, """
                    SELECT a.message, q.message
                    FROM chat.message a
                    CROSS JOIN LATERAL (
                        SELECT u.message FROM chat.message u
                        WHERE u.owner = a.owner AND u.conversation_id = a.conversation_id AND u.role = 'user' AND u.seq < a.seq
                        ORDER BY u.seq DESC LIMIT 1) q
                    WHERE a.owner = ? AND a.conversation_id = ? AND a.id = ? AND a.role = 'assistant'""",
                    owner, feedback.conversationId(), feedback.messageId());
                    ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                answer = parse(rows.getString(1));
                question = parse(rows.getString(2)).path("parts").path(0).path("text").asText();
            }
            Optional<String> restatement = dataTexts(answer, "data-restatement").stream().findFirst();
            List<String> sql = dataTexts(answer, "data-sql");
            update(connection, """
                    INSERT INTO chat.feedback (owner, conversation_id, message_id, rating, comment, question, restatement, sql) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (owner, conversation_id, message_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = now()""",
                    owner, feedback.conversationId(), feedback.messageId(), feedback.rating(), feedback.comment().orElse(null), question,
                    restatement.orElse(null), sql.isEmpty() ? null : String.join("\n\n", sql));
            ObjectNode stored = json.createObjectNode()
                    .put("conversationId", feedback.conversationId())
                    .put("messageId", feedback.messageId())
                    .put("rating", feedback.rating())
                    .put("comment", feedback.comment().orElse(null))
                    .put("question", question)
                    .put("restatement", restatement.orElse(null));
            stored.putArray("sql").addAll(sql.stream().map(json.getNodeFactory()::textNode).toList());
            return Optional.of(stored);
        }
    }

    /**
     * A thumbs up or down on an answer, with an optional comment.
     *
     * @param rating up or down
     */
    record Feedback(String conversationId, String messageId, String rating, Optional<String> comment)
    {
        Feedback
        {
            requireNonNull(conversationId, "conversationId is null");
            requireNonNull(messageId, "messageId is null");
            requireNonNull(rating, "rating is null");
            requireNonNull(comment, "comment is null");
        }
    }

    @Override
    public void close()
    {
        database.close();
    }

    /**
     * The {@code text} of the message's data parts of one type, in order.
     */
    private static List<String> dataTexts(JsonNode message, String type)
    {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : message.path("parts")) {
            if (type.equals(part.path("type").asText()) && part.path("data").path("text").isTextual()) {
                texts.add(part.path("data").path("text").asText());
            }
        }
        return texts;
    }

    private static String title(String question)
    {
        return question.length() <= TITLE_LENGTH ? question : question.substring(0, TITLE_LENGTH - 1) + "…";
    }

    private JsonNode parse(String text)
            throws SQLException
    {
        try {
            return json.readTree(text);
        }
        catch (IOException e) {
            throw new SQLException("a kept message is not JSON", e);
        }
    }

    private static void update(Connection connection, String sql, Object... parameters)
            throws SQLException
    {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException
    {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        }
        catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
