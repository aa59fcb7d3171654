package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One JSON line per request. The question is left out unless {@code log.questions=true}: questions can name people
 * and plans that the log's readers should not see.
 */
public final class AccessLog
{
    private final ObjectMapper json;
    private final Consumer<String> out;
    private final boolean logQuestions;

    public AccessLog(ObjectMapper json, Consumer<String> out, boolean logQuestions)
    {
        this.json = requireNonNull(json, "json is null");
        this.out = requireNonNull(out, "out is null");
        this.logQuestions = logQuestions;
    }

    /**
     * What one request came to.
     *
     * @param outcome for /ask: done, error, disconnected or refused
     */
    public record Entry(String method, String path, int status, Optional<String> user, long millis, Optional<String> outcome,
            Optional<Integer> rows, Optional<String> queryId, Optional<String> question)
    {
        public Entry
        {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            requireNonNull(user, "user is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(rows, "rows is null");
            requireNonNull(queryId, "queryId is null");
            requireNonNull(question, "question is null");
        }
    }

    public void log(Entry entry)
    {
        ObjectNode line = json.createObjectNode()
                .put("log", "access")
                .put("method", entry.method())
                .put("path", entry.path())
                .put("status", entry.status())
                .put("ms", entry.millis());
        entry.user().ifPresent(user -> line.put("user", user));
        entry.outcome().ifPresent(outcome -> line.put("outcome", outcome));
        entry.rows().ifPresent(rows -> line.put("rows", rows));
        entry.queryId().ifPresent(id -> line.put("queryId", id));
        if (logQuestions) {
            entry.question().ifPresent(question -> line.put("question", question));
        }
        out.accept(line.toString());
    }
}
