package dev.trinoai.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class TestJobsMain
{
    @TempDir
    Path landing;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withoutACommandPrintsUsage()
    {
        assertThat(run(List.of(), Map.of())).isEqualTo(2);
        assertThat(err()).contains("usage: jobs COMMAND").contains("ingest --landing").contains("embed [--once | --every 1h]");
    }

    @Test
    void ingestNeedsALandingZoneAndADatabase()
    {
        assertThat(run(List.of("ingest", "--once"), Map.of())).isEqualTo(2);
        assertThat(err()).contains("--landing is required");

        assertThat(run(List.of("ingest", "--once", "--landing", landing.toString()), Map.of())).isEqualTo(2);
        assertThat(err()).contains("AI_POSTGRES_URL is not set");
    }

    @Test
    void rejectsUnknownArgumentsAndBadIntervals()
    {
        assertThat(run(List.of("ingest", "--landng", "x"), Map.of())).isEqualTo(2);
        assertThat(err()).contains("unknown argument '--landng'");

        assertThat(run(List.of("ingest", "--landing", "x", "--every", "soon"), Map.of())).isEqualTo(2);
        assertThat(err()).contains("'soon' is not an interval such as 30s, 15m, 1h or 1d");

        assertThat(run(List.of("ingest", "--landing", "x", "--every", "1h", "--once"), Map.of())).isEqualTo(2);
        assertThat(err()).contains("--once and --every exclude each other");
    }

    @Test
    void aDatabaseThatIsDownFailsTheRunWithItsAddress()
    {
        int exit = run(List.of("ingest", "--once", "--landing", landing.toString(), "--sources", "../etc/ingest/sources"),
                Map.of("AI_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/nowhere", "AI_POSTGRES_PASSWORD", "s3cr3t-planted"));
        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("127.0.0.1:1").doesNotContain("s3cr3t-planted");
    }

    @Test
    void embedSaysWhatToFixInItsInput()
    {
        Map<String, String> database = Map.of("AI_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThat(run(List.of("embed", "--once"), Map.of())).isEqualTo(2);
        assertThat(err()).contains("AI_POSTGRES_URL is not set");

        assertThat(run(List.of("embed", "--once", "--model-file", "no-such-model.yaml"), database)).isEqualTo(2);
        assertThat(err()).contains("no-such-model.yaml does not exist: pass --model-file FILE or set AI_SEMANTIC_MODEL");

        assertThat(run(List.of("embed", "--once", "--model-file", "../etc/ai/semantic-model.yaml", "--provider", "openai"), database)).isEqualTo(2);
        assertThat(err()).contains("'openai' is not an embedding provider: use --provider local or --provider bedrock");

        assertThat(run(List.of("embed", "--once", "--model-file", "../etc/ai/semantic-model.yaml", "--schema", "Ask; DROP"), database)).isEqualTo(2);
        assertThat(err()).contains("is not a schema name");

        assertThat(run(List.of("embed", "--once", "--every", "1h"), database)).isEqualTo(2);
        assertThat(err()).contains("--once and --every exclude each other");
    }

    @Test
    void embedWithTheDatabaseDownFailsWithItsAddress()
    {
        int exit = run(List.of("embed", "--once", "--model-file", "../etc/ai/semantic-model.yaml"),
                Map.of("AI_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/nowhere", "AI_POSTGRES_PASSWORD", "s3cr3t-planted"));
        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("127.0.0.1:1").doesNotContain("s3cr3t-planted");
    }

    private int run(List<String> args, Map<String, String> environment)
    {
        out.reset();
        err.reset();
        return JobsMain.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
