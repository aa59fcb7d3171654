package dev.trinoai.jobs.ingest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A source whose transform was re-applied to every one of its staging rows.
 *
 * @param reason mapping changed, or --reload
 * @param rows the staging rows the transform ran over
 * @param error why it failed; nothing of it was kept, and the next run tries again
 */
public record SourceResult(String source, String reason, long rows, Optional<String> error)
{
    public SourceResult
    {
        requireNonNull(source, "source is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(error, "error is null");
    }
}
