package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Why a question failed, as the {@code error} event tells the page.
 *
 * @param code Trino's error code (0 with {@code TRINO_UNAVAILABLE})
 * @param name Trino's error name such as {@code USER_CANCELED}, or the proxy's own {@code TRINO_UNAVAILABLE}
 */
public record AskFailure(int code, String name, String message, Optional<String> queryId)
{
    public static final String TRINO_UNAVAILABLE = "TRINO_UNAVAILABLE";
    public static final String ASK_TIMEOUT = "ASK_TIMEOUT";
    /**
     * Trino's SERVER_SHUTTING_DOWN and SERVER_STARTING_UP ("Trino server is still initializing"): true, but the
     * advice is that of a Trino that does not answer, and a lookup of the name would fail as the query did.
     */
    private static final Set<Integer> RESTARTING = Set.of(65545, 65548);
    /**
     * The driver puts its cause's class in its message ("Error executing query: java.net.ConnectException: ..."),
     * which tells the person reading it nothing.
     */
    private static final Pattern JAVA_CLASS_PREFIX = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");

    public AskFailure
    {
        requireNonNull(name, "name is null");
        requireNonNull(message, "message is null");
        requireNonNull(queryId, "queryId is null");
    }

    /**
     * Looks up Trino's name of a failed query's error code.
     */
    interface ErrorName
    {
        /**
         * @throws SQLException when Trino does not answer the lookup
         */
        Optional<String> lookup()
                throws SQLException;
    }

    /**
     * A failure the driver reported. Trino's failures carry a code and a query id; without them Trino was never
     * reached or stopped answering. The name is looked up only for Trino's failures. A Trino that failed the query
     * and then does not answer the lookup was shutting down, which cancels every query it runs: its "Query was
     * canceled" alone would tell the user they had cancelled it.
     */
    static AskFailure of(SQLException e, Optional<String> queryId, ErrorName errorName)
    {
        if (queryId.isEmpty() || e.getErrorCode() == 0) {
            return unavailable("Trino did not answer: " + rootMessage(e), queryId);
        }
        if (RESTARTING.contains(e.getErrorCode())) {
            return unavailable(trinoMessage(e), queryId);
        }
        try {
            return new AskFailure(e.getErrorCode(), errorName.lookup().orElse("UNKNOWN"), trinoMessage(e), queryId);
        }
        catch (SQLException lookup) {
            return unavailable("Trino stopped while answering (%s)".formatted(trinoMessage(e)), queryId);
        }
    }

    /**
     * The proxy gave up on a question Trino had not finished well after {@code ask.timeout}: a Trino that takes the
     * connection and never answers ends no query of its own.
     */
    static AskFailure overdue(Duration askTimeout, Optional<String> queryId)
    {
        return new AskFailure(0, ASK_TIMEOUT, "Trino did not finish the answer within ask.timeout (%ds), so the question was cancelled. Ask again in a minute."
                .formatted(askTimeout.toSeconds()), queryId);
    }

    private static AskFailure unavailable(String reason, Optional<String> queryId)
    {
        return new AskFailure(0, TRINO_UNAVAILABLE, reason + ". It may be restarting: ask again in a minute.", queryId);
    }

    public ObjectNode toJson(ObjectMapper json)
    {
        ObjectNode node = json.createObjectNode().put("code", code).put("name", name).put("message", message);
        queryId.ifPresent(id -> node.put("queryId", id));
        return node;
    }

    /**
     * The driver's message without its "Query failed (#id): " prefix, which the page has no use for.
     */
    private static String trinoMessage(SQLException e)
    {
        String message = String.valueOf(e.getMessage());
        int prefixEnd = message.startsWith("Query failed (#") ? message.indexOf("): ") : -1;
        return prefixEnd < 0 ? message : message.substring(prefixEnd + 3);
    }

    private static String rootMessage(Throwable e)
    {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? String.valueOf(e.getMessage()) : "%s (%s)".formatted(e.getMessage(), root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        return JAVA_CLASS_PREFIX.matcher(message).replaceAll("");
    }
}
