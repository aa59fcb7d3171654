package dev.trinoai.jobs;

import dev.trinoai.jobs.ingest.FileResult;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.IngestSummary;
import dev.trinoai.jobs.ingest.LandingZone;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ingest --landing DIR [--sources DIR] [--once | --every 1h] [--reload]}
 */
final class IngestCommand
{
    static final String DEFAULT_SOURCES = "etc/ingest/sources";

    private IngestCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--landing", "--sources", "--every"), Set.of("--once", "--reload"));
        String location = arguments.value("--landing").or(() -> Optional.ofNullable(environment.get("AI_LANDING")))
                .orElseThrow(() -> new IllegalArgumentException("--landing is required: the landing zone folder (or set AI_LANDING)"));
        Path sources = Path.of(arguments.value("--sources").orElse(environment.getOrDefault("AI_INGEST_SOURCES", DEFAULT_SOURCES)));
        Optional<Duration> every = arguments.value("--every").map(Durations::parse);
        if (every.isPresent() && arguments.flag("--once")) {
            throw new IllegalArgumentException("--once and --every exclude each other");
        }
        JobDatabase database = JobDatabase.fromEnvironment(environment);
        IngestJob job = new IngestJob(database, landingZone(location), SourceMappings.load(sources), System.err);
        if (every.isEmpty()) {
            IngestSummary summary = job.runOnce(arguments.flag("--reload"));
            summary.print(out);
            return summary.count(FileResult.Status.FAILED) == 0 ? 0 : 1;
        }
        while (true) {
            try {
                job.runOnce(false).print(out);
            }
            catch (Exception e) {
                // A scheduled run that fails (database restarting) is reported and tried again at the next tick.
                out.println("ingest run failed: " + e.getMessage());
            }
            out.printf("next run at %s%n", Instant.now().plus(every.get()));
            Thread.sleep(every.get());
        }
    }

    static LandingZone landingZone(String location)
    {
        if (location.startsWith("s3://")) {
            throw new IllegalArgumentException("S3 landing zones (%s) are not supported by this build yet: copy the files to a local folder and pass that".formatted(location));
        }
        return new LocalLandingZone(Path.of(location));
    }
}
