package dev.trinoai.jobs.ingest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What loading one file did.
 *
 * @param status loaded, unchanged (same checksum as the version last loaded), or failed (nothing of it was kept)
 */
public record FileResult(
        String source,
        String path,
        Status status,
        long read,
        long inserted,
        long updated,
        long unchanged,
        long quarantined,
        Optional<String> error)
{
    public enum Status
    {
        LOADED, UNCHANGED, FAILED
    }

    public FileResult
    {
        requireNonNull(source, "source is null");
        requireNonNull(path, "path is null");
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
    }

    static FileResult unchanged(String source, String path)
    {
        return new FileResult(source, path, Status.UNCHANGED, 0, 0, 0, 0, 0, Optional.empty());
    }

    static FileResult failed(String source, String path, String error)
    {
        return new FileResult(source, path, Status.FAILED, 0, 0, 0, 0, 0, Optional.of(error));
    }
}
