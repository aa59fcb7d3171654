package dev.trinoai.jobs;

import dev.trinoai.jobs.ingest.FileResult;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.IngestSummary;
import dev.trinoai.jobs.ingest.LandingZone;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.S3LandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ingest --landing DIR|s3://bucket/prefix [--sources DIR] [--once | --every 1h] [--reload] [--s3-region R] [--s3-endpoint URL]}
 */
final class IngestCommand
{
    static final String DEFAULT_SOURCES = "etc/ingest/sources";

    private IngestCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--landing", "--sources", "--every", "--s3-region", "--s3-endpoint"), Set.of("--once", "--reload"));
        String location = arguments.value("--landing").or(() -> Optional.ofNullable(environment.get("AI_LANDING")))
                .orElseThrow(() -> new IllegalArgumentException("--landing is required: a folder, or s3://bucket/prefix (or set AI_LANDING)"));
        Path sources = Path.of(arguments.value("--sources").orElse(environment.getOrDefault("AI_INGEST_SOURCES", DEFAULT_SOURCES)));
        Optional<Duration> every = Schedule.interval(arguments);
        JobDatabase database = JobDatabase.fromEnvironment(environment);
        LandingZone zone = landingZone(location, arguments.value("--s3-region"), arguments.value("--s3-endpoint").map(URI::create));
        try (database) {
            IngestJob job = new IngestJob(database, zone, SourceMappings.load(sources), System.err);
            if (every.isEmpty()) {
                IngestSummary summary = job.runOnce(arguments.flag("--reload"));
                summary.print(out);
                return summary.succeeded() ? 0 : 1;
            }
            return Schedule.repeat("ingest", every.get(), out, () -> job.runOnce(false).print(out));
        }
        finally {
            close(zone);
        }
    }

    static LandingZone landingZone(String location, Optional<String> region, Optional<URI> endpoint)
    {
        if (location.startsWith("s3://")) {
            return S3LandingZone.create(URI.create(location), region, endpoint);
        }
        return new LocalLandingZone(Path.of(location));
    }

    static void close(LandingZone zone)
    {
        if (zone instanceof S3LandingZone s3) {
            s3.close();
        }
    }
}
