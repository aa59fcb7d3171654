package dev.trinoai.jobs.ingest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What loading one file did.
 *
 * @param status loaded, unchanged (same checksum as the version last loaded), or failed (nothing of it was kept)
 * @param reason why the file was loaded or not: new file, file changed, mapping changed, --reload, or unchanged since
 *               the run that loaded it
 */
public record FileResult(
        String source,
        String path,
        Status status,
        String reason,
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
        requireNonNull(reason, "reason is null");
        requireNonNull(error, "error is null");
    }

    static FileResult unchanged(String source, String path, String reason)
    {
        return new FileResult(source, path, Status.UNCHANGED, reason, 0, 0, 0, 0, 0, Optional.empty());
    }

    static FileResult failed(String source, String path, String reason, String error)
    {
        return new FileResult(source, path, Status.FAILED, reason, 0, 0, 0, 0, 0, Optional.of(error));
    }
}
