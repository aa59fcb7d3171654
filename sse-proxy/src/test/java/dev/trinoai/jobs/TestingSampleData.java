package dev.trinoai.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The sample PMO dataset generated and ingested by the jobs' own command line, as {@code ./dev ingest} does, for
 * tests outside the embed-job module.
 */
public final class TestingSampleData
{
    private TestingSampleData() {}

    /**
     * @param environment AI_POSTGRES_URL, AI_POSTGRES_USER, AI_POSTGRES_PASSWORD of the target database
     */
    public static void load(Path landing, LocalDate asOf, Path sources, Map<String, String> environment)
    {
        run(List.of("generate", "--out", landing.toString(), "--as-of", asOf.toString()), environment);
        run(List.of("ingest", "--once", "--landing", landing.toString(), "--sources", sources.toString()), environment);
    }

    private static void run(List<String> args, Map<String, String> environment)
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        int status = JobsMain.run(args, environment, out, out);
        if (status != 0) {
            throw new IllegalStateException("jobs %s exited with %d:%n%s".formatted(args, status, output.toString(StandardCharsets.UTF_8)));
        }
    }
}
