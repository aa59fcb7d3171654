package dev.trinoai.jobs.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A file in the landing zone, named by its path relative to the zone's root, always with '/' separators.
 */
public record LandedFile(String path, long size)
{
    public LandedFile
    {
        requireNonNull(path, "path is null");
    }
}
