package dev.trinoai.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where raw files land: a local folder (the embedded default) or an S3 bucket and prefix.
 */
public interface LandingZone
{
    /**
     * The files whose path relative to the zone's root matches the glob ({@code *} within a folder, {@code **} across
     * folders), sorted by path so that loads are repeatable.
     */
    List<LandedFile> list(String glob)
            throws IOException;

    InputStream open(LandedFile file)
            throws IOException;

    /**
     * Where the zone is, for messages: a folder path or an {@code s3://bucket/prefix} URI.
     */
    String location();

    static Predicate<String> globMatcher(String glob)
    {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return path -> matcher.matches(Path.of(path));
    }
}
