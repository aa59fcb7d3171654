package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.SQLException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Why a question failed, as the {@code error} event tells the page.
 *
 * @param code Trino's error code (0 when Trino was not reached)
 * @param name Trino's error name such as {@code USER_CANCELED}, or the proxy's own {@code TRINO_UNAVAILABLE}
 */
public record AskFailure(int code, String name, String message, Optional<String> queryId)
{
    public static final String TRINO_UNAVAILABLE = "TRINO_UNAVAILABLE";

    public AskFailure
    {
        requireNonNull(name, "name is null");
        requireNonNull(message, "message is null");
        requireNonNull(queryId, "queryId is null");
    }

    /**
     * A failure the driver reported. Trino's failures carry a code and a query id; without them Trino was never
     * reached or stopped answering.
     */
    static AskFailure of(SQLException e, Optional<String> queryId, Optional<String> errorName)
    {
        if (queryId.isPresent() && e.getErrorCode() != 0) {
            return new AskFailure(e.getErrorCode(), errorName.orElse("UNKNOWN"), trinoMessage(e), queryId);
        }
        return new AskFailure(0, TRINO_UNAVAILABLE, "Trino did not answer: " + rootMessage(e), queryId);
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
        return root == e ? String.valueOf(e.getMessage()) : "%s (%s)".formatted(e.getMessage(), root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
}
