package dev.trinoai.jobs.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one ingest run did: the star tables it created or migrated, each file and why it was loaded or not, the sources
 * whose transform it re-applied to all their staging rows, the data-quality warnings, and the star schema's row counts
 * after it.
 */
public record IngestSummary(
        long runId,
        String landing,
        List<String> schemaChanges,
        List<FileResult> files,
        List<SourceResult> reapplied,
        List<QualityWarning> warnings,
        Map<String, Long> starRowCounts,
        Duration elapsed)
{
    public IngestSummary
    {
        requireNonNull(landing, "landing is null");
        schemaChanges = List.copyOf(schemaChanges);
        files = List.copyOf(files);
        reapplied = List.copyOf(reapplied);
        warnings = List.copyOf(warnings);
        starRowCounts = Map.copyOf(starRowCounts);
        requireNonNull(elapsed, "elapsed is null");
    }

    public long count(FileResult.Status status)
    {
        return files.stream().filter(file -> file.status() == status).count();
    }

    public boolean succeeded()
    {
        return count(FileResult.Status.FAILED) == 0 && reapplied.stream().allMatch(source -> source.error().isEmpty());
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
        schemaChanges.forEach(change -> out.printf(Locale.ROOT, "  star schema: %s%n", change));
        out.printf(Locale.ROOT, "  %-14s %-44s %-9s %10s %10s %10s %10s %11s  %s%n", "source", "file", "status", "read", "inserted", "updated", "unchanged", "quarantined", "why");
        for (FileResult file : files) {
            out.printf(Locale.ROOT, "  %-14s %-44s %-9s %10d %10d %10d %10d %11d  %s%n", file.source(), abbreviate(file.path()), file.status().name().toLowerCase(Locale.ROOT),
                    file.read(), file.inserted(), file.updated(), file.unchanged(), file.quarantined(), file.reason());
            file.error().ifPresent(error -> out.printf(Locale.ROOT, "      error: %s%n", error));
        }
        for (SourceResult source : reapplied) {
            out.printf(Locale.ROOT, "  %-14s transform re-applied to all %,d staging rows (%s)%s%n", source.source(), source.rows(), source.reason(),
                    source.error().map(error -> ": FAILED, nothing of it was kept: " + error).orElse(""));
        }
        out.printf(Locale.ROOT, "  files: %d loaded, %d unchanged, %d failed; rows: %,d read, %,d inserted, %,d updated, %,d unchanged, %,d quarantined; %.1f s%n",
                count(FileResult.Status.LOADED), count(FileResult.Status.UNCHANGED), count(FileResult.Status.FAILED),
                read(), inserted(), updated(), unchanged(), quarantined(), elapsed.toMillis() / 1000.0);
        if (read() > 0) {
            out.printf(Locale.ROOT, "  %,.0f rows per second%n", read() / Math.max(0.001, elapsed.toMillis() / 1000.0));
        }
        if (!warnings.isEmpty()) {
            out.printf(Locale.ROOT, "data quality: %d warnings (SELECT * FROM staging.quality_warning WHERE run_id = %d)%n", warnings.size(), runId);
            for (QualityWarning warning : warnings) {
                out.printf(Locale.ROOT, "  %-14s %-16s %s: %,d, e.g. %s%n", warning.source(), warning.check(), warning.subject(), warning.count(), String.join("; ", warning.examples()));
            }
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
