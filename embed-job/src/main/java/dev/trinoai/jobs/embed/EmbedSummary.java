package dev.trinoai.jobs.embed;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one embed run did. Every chunk scanned is embedded, reused, skipped or failed.
 *
 * @param scanned chunks built from the star schema's text rows
 * @param embedded chunks written with a vector the model computed in this run
 * @param reused chunks written with the vector of a chunk of the same text already stored for the model
 * @param skipped chunks whose stored row was up to date
 * @param deleted stored chunks whose row is gone from the star schema (or whose text got shorter)
 * @param failed chunks left for the next run because the model failed for good
 * @param texts distinct texts the model embedded (chunks that share a text share its vector)
 * @param embeddingCalls calls of the model, retries included
 * @param error why the run failed, when it did
 */
public record EmbedSummary(
        long runId,
        String modelId,
        long scanned,
        long embedded,
        long reused,
        long skipped,
        long deleted,
        long failed,
        long texts,
        long embeddingCalls,
        Duration elapsed,
        Optional<String> error)
{
    public EmbedSummary
    {
        requireNonNull(modelId, "modelId is null");
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(error, "error is null");
    }

    public boolean succeeded()
    {
        return failed == 0 && error.isEmpty();
    }

    public double seconds()
    {
        return elapsed.toMillis() / 1000.0;
    }

    public void print(PrintStream out)
    {
        out.printf(Locale.ROOT, "embed run %d with %s: %s%n", runId, modelId, succeeded() ? "succeeded" : "failed");
        out.printf(Locale.ROOT, "  chunks: %,d scanned, %,d embedded, %,d reused, %,d skipped, %,d deleted, %,d failed; %,d embedding calls; %.1f s%n",
                scanned, embedded, reused, skipped, deleted, failed, embeddingCalls, seconds());
        if (texts > 0) {
            out.printf(Locale.ROOT, "  the model embedded %,d distinct texts, %,.1f texts per second%n", texts, texts / Math.max(0.001, seconds()));
        }
        error.ifPresent(message -> out.printf(Locale.ROOT, "  error: %s%n", message));
    }
}
