package dev.trinoai.jobs.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one ingest run did, file by file, and the star schema's row counts after it.
 */
public record IngestSummary(long runId, String landing, List<FileResult> files, Map<String, Long> starRowCounts, Duration elapsed)
{
    public IngestSummary
    {
        requireNonNull(landing, "landing is null");
        files = List.copyOf(files);
        starRowCounts = Map.copyOf(starRowCounts);
        requireNonNull(elapsed, "elapsed is null");
    }

    public long count(FileResult.Status status)
    {
        return files.stream().filter(file -> file.status() == status).count();
    }

    public long inserted()
    {
        return files.stream().mapToLong(FileResult::inserted).sum();
    }

    public long updated()
    {
        return files.stream().mapToLong(FileResult::updated).sum();
    }

    public long unchanged()
    {
        return files.stream().mapToLong(FileResult::unchanged).sum();
    }

    public long quarantined()
    {
        return files.stream().mapToLong(FileResult::quarantined).sum();
    }

    public long read()
    {
        return files.stream().mapToLong(FileResult::read).sum();
    }

    public void print(PrintStream out)
    {
        out.printf(Locale.ROOT, "ingest run %d from %s%n", runId, landing);
        out.printf(Locale.ROOT, "  %-14s %-44s %-9s %10s %10s %10s %10s %11s%n", "source", "file", "status", "read", "inserted", "updated", "unchanged", "quarantined");
        for (FileResult file : files) {
            out.printf(Locale.ROOT, "  %-14s %-44s %-9s %10d %10d %10d %10d %11d%n", file.source(), abbreviate(file.path()), file.status().name().toLowerCase(Locale.ROOT),
                    file.read(), file.inserted(), file.updated(), file.unchanged(), file.quarantined());
            file.error().ifPresent(error -> out.printf(Locale.ROOT, "      error: %s%n", error));
        }
        out.printf(Locale.ROOT, "  files: %d loaded, %d unchanged, %d failed; rows: %,d read, %,d inserted, %,d updated, %,d unchanged, %,d quarantined; %.1f s%n",
                count(FileResult.Status.LOADED), count(FileResult.Status.UNCHANGED), count(FileResult.Status.FAILED),
                read(), inserted(), updated(), unchanged(), quarantined(), elapsed.toMillis() / 1000.0);
        if (read() > 0) {
            out.printf(Locale.ROOT, "  %,.0f rows per second%n", read() / Math.max(0.001, elapsed.toMillis() / 1000.0));
        }
        out.println("star row counts:");
        starRowCounts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.printf(Locale.ROOT, "  %-16s %,12d%n", entry.getKey(), entry.getValue()));
    }

    private static String abbreviate(String path)
    {
        return path.length() <= 44 ? path : "..." + path.substring(path.length() - 41);
    }
}
