package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code ai.system.ask} as Trino returned it (the row contract in ARCHITECTURE.md).
 */
public record AnswerRow(String kind, int seq, String text, String metric, Double value, String unit, String dimensions, String source, Double score, Boolean higherIsBetter)
{
    /**
     * The kinds of the row contract; a row of any other kind still streams, as a {@code notice}, so that a newer
     * plugin never breaks an older page.
     */
    public static final Set<String> KINDS = Set.of("number", "citation", "answer", "sql", "notice", "suggestion");

    public AnswerRow
    {
        requireNonNull(kind, "kind is null");
    }

    static AnswerRow read(ResultSet row)
            throws SQLException
    {
        return new AnswerRow(
                row.getString("kind"),
                row.getInt("seq"),
                row.getString("text"),
                row.getString("metric"),
                nullableDouble(row, "value"),
                row.getString("unit"),
                row.getString("dimensions"),
                row.getString("source"),
                nullableDouble(row, "score"),
                nullableBoolean(row, "higher_is_better"));
    }

    public String eventName()
    {
        return KINDS.contains(kind) ? kind : "notice";
    }

    /**
     * The row as the {@code data:} of its event. {@code dimensions} is sent as the JSON object it holds, so the page
     * need not parse JSON inside JSON; text that is not a JSON object is sent as it is.
     */
    public ObjectNode toJson(ObjectMapper json)
    {
        ObjectNode node = json.createObjectNode()
                .put("kind", kind)
                .put("seq", seq)
                .put("text", text)
                .put("metric", metric)
                .put("value", value)
                .put("unit", unit)
                .put("source", source)
                .put("score", score)
                .put("higher_is_better", higherIsBetter);
        node.set("dimensions", dimensions(json));
        return node;
    }

    private JsonNode dimensions(ObjectMapper json)
    {
        if (dimensions == null) {
            return json.nullNode();
        }
        try {
            JsonNode parsed = json.readTree(dimensions);
            return parsed.isObject() ? parsed : json.getNodeFactory().textNode(dimensions);
        }
        catch (java.io.IOException e) {
            return json.getNodeFactory().textNode(dimensions);
        }
    }

    private static Double nullableDouble(ResultSet row, String column)
            throws SQLException
    {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    private static Boolean nullableBoolean(ResultSet row, String column)
            throws SQLException
    {
        boolean value = row.getBoolean(column);
        return row.wasNull() ? null : value;
    }
}
