package dev.trinoai.jobs.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The ratings the chat page's users gave answers, as the SSE proxy keeps them in {@code chat.feedback} (with the
 * question, the restatement and the SQL copied beside each), read through a login that may read that table and no
 * other of the chat schema: a review needs no one's conversations.
 */
public final class FeedbackStore
{
    private static final String COLUMNS = "owner, conversation_id, message_id, rating, comment, question, restatement, sql, updated_at";

    /**
     * One rated answer.
     *
     * @param sql the statements the answer showed, separated by an empty line; null when it showed none
     */
    public record Rated(String owner, String conversationId, String messageId, String rating, Optional<String> comment, String question,
            Optional<String> restatement, Optional<String> sql, Instant ratedAt)
    {
        public Rated
        {
            requireNonNull(owner, "owner is null");
            requireNonNull(conversationId, "conversationId is null");
            requireNonNull(messageId, "messageId is null");
            requireNonNull(rating, "rating is null");
            requireNonNull(question, "question is null");
        }

        /**
         * The answer's id in the commands: its owner, conversation and message.
         */
        public String id()
        {
            return owner + "/" + conversationId + "/" + messageId;
        }
    }

    private FeedbackStore() {}

    /**
     * The rated answers, the latest rating first; only those of one rating when given.
     */
    public static List<Rated> list(Connection connection, Optional<String> rating)
            throws SQLException
    {
        String sql = "SELECT " + COLUMNS + " FROM chat.feedback" + (rating.isPresent() ? " WHERE rating = ?" : "") + " ORDER BY updated_at DESC, owner, conversation_id, message_id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (rating.isPresent()) {
                statement.setString(1, rating.get());
            }
            return read(statement);
        }
    }

    /**
     * The rated answer with this id ({@code owner/conversation/message}; an owner may hold a slash, the ids may not).
     */
    public static Optional<Rated> find(Connection connection, String id)
            throws SQLException
    {
        int message = id.lastIndexOf('/');
        int conversation = message <= 0 ? -1 : id.lastIndexOf('/', message - 1);
        if (conversation <= 0) {
            throw new IllegalArgumentException("'%s' is not an answer's id: give OWNER/CONVERSATION/MESSAGE as feedback list prints it".formatted(id));
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM chat.feedback WHERE owner = ? AND conversation_id = ? AND message_id = ?")) {
            statement.setString(1, id.substring(0, conversation));
            statement.setString(2, id.substring(conversation + 1, message));
            statement.setString(3, id.substring(message + 1));
            return read(statement).stream().findFirst();
        }
    }

    private static List<Rated> read(PreparedStatement statement)
            throws SQLException
    {
        List<Rated> rated = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rated.add(new Rated(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), Optional.ofNullable(rows.getString(5)), rows.getString(6),
                        Optional.ofNullable(rows.getString(7)), Optional.ofNullable(rows.getString(8)), rows.getTimestamp(9).toInstant()));
            }
        }
        return rated;
    }
}
