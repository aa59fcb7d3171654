package dev.trinoai.jobs.embed;

import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.jobs.Reconnect;

import java.time.Duration;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How the embed job runs, beside which model it uses.
 *
 * @param schema where the vector table and the job's state live (the catalog's {@code ai.postgres.ask-schema})
 * @param pruneOtherModels delete the vectors and indexes of every other model, once this one is complete
 * @param maxAttempts embedding calls per batch before the batch counts as failed
 * @param retryDelay the wait before the second attempt, doubled before each further one
 * @param progressInterval how often a long run prints its progress
 * @param reconnect how a run whose database connection is lost starts again
 * @param retrieval the catalog's retrieval backend: with OpenSearch, each run also brings the model's index in step
 *     with the vector table
 */
public record EmbedOptions(String schema, boolean pruneOtherModels, int maxAttempts, Duration retryDelay, Duration progressInterval, Reconnect reconnect, RetrievalSettings retrieval)
{
    // The schema name goes into DDL unquoted, so it must be a plain identifier.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public EmbedOptions
    {
        requireNonNull(schema, "schema is null");
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("'%s' is not a schema name: use lower-case letters, digits and underscores".formatted(schema));
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(progressInterval, "progressInterval is null");
        requireNonNull(reconnect, "reconnect is null");
        requireNonNull(retrieval, "retrieval is null");
    }

    public static EmbedOptions defaults()
    {
        return new EmbedOptions("ask", false, 4, Duration.ofSeconds(1), Duration.ofSeconds(5), Reconnect.DEFAULT, RetrievalSettings.pgvector());
    }

    public EmbedOptions withSchema(String schema)
    {
        return new EmbedOptions(schema, pruneOtherModels, maxAttempts, retryDelay, progressInterval, reconnect, retrieval);
    }

    public EmbedOptions withPruneOtherModels(boolean pruneOtherModels)
    {
        return new EmbedOptions(schema, pruneOtherModels, maxAttempts, retryDelay, progressInterval, reconnect, retrieval);
    }

    public EmbedOptions withRetries(int maxAttempts, Duration retryDelay)
    {
        return new EmbedOptions(schema, pruneOtherModels, maxAttempts, retryDelay, progressInterval, reconnect, retrieval);
    }

    public EmbedOptions withReconnect(Reconnect reconnect)
    {
        return new EmbedOptions(schema, pruneOtherModels, maxAttempts, retryDelay, progressInterval, reconnect, retrieval);
    }

    public EmbedOptions withRetrieval(RetrievalSettings retrieval)
    {
        return new EmbedOptions(schema, pruneOtherModels, maxAttempts, retryDelay, progressInterval, reconnect, retrieval);
    }
}
