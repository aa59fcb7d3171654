package dev.trinoai.udf;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.hash.HashCode;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.trinoai.core.AskException;
import io.trino.cache.EvictableCacheBuilder;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static com.google.common.base.Throwables.throwIfUnchecked;
import static com.google.common.hash.Hashing.murmur3_128;
import static dev.trinoai.core.AskFailure.TOO_MANY_QUESTIONS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.HOURS;

/**
 * The different questions each query has asked {@code ask_text} and {@code ask_value} on this worker, held to
 * {@code ai.udf.max-questions-per-query}: a query that builds a question from every row of a large table would
 * otherwise run the engine once per row for as long as it runs.
 *
 * <p>Memory is bounded: a query keeps at most the limit's hashes of its questions, and at most {@value #MAX_QUERIES}
 * queries are remembered, each for an hour from its first question; a query that runs longer starts counting again,
 * so it asks at most the limit each hour.
 */
final class QuestionsPerQuery
{
    static final String PROPERTY = "ai.udf.max-questions-per-query";
    private static final int MAX_QUERIES = 1000;

    private final int limit;
    private final Cache<String, Set<HashCode>> queries;

    QuestionsPerQuery(int limit, Ticker ticker)
    {
        this.limit = limit;
        this.queries = EvictableCacheBuilder.newBuilder()
                .ticker(ticker)
                .maximumSize(MAX_QUERIES)
                .expireAfterWrite(1, HOURS)
                .build();
    }

    /**
     * Counts {@code question} for the query {@code queryId}.
     *
     * @throws dev.trinoai.core.AskException {@link dev.trinoai.core.AskFailure#TOO_MANY_QUESTIONS} when it is one different question
     * more than the limit
     */
    void count(String queryId, String question, String function)
    {
        HashCode hash = murmur3_128().hashString(question, UTF_8);
        Set<HashCode> asked = asked(queryId);
        synchronized (asked) {
            if (asked.contains(hash) || asked.size() < limit && asked.add(hash)) {
                return;
            }
        }
        throw new AskException(TOO_MANY_QUESTIONS, ("This query asks %s more than %,d different questions, the limit of %s. " +
                "Ask fewer: filter the rows first, ask one question for all of them with ai.system.ask_numbers, or ask your administrator to raise %s in the ai catalog file.")
                .formatted(function, limit, PROPERTY, PROPERTY));
    }

    private Set<HashCode> asked(String queryId)
    {
        try {
            return queries.get(queryId, HashSet::new);
        }
        catch (ExecutionException | UncheckedExecutionException e) {
            throwIfUnchecked(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }
}
