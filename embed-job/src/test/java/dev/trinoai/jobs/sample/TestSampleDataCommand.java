package dev.trinoai.jobs.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestSampleDataCommand
{
    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void writesTheFilesIntoANewDirectoryAndPrintsTheirRowCounts()
            throws IOException
    {
        Path target = directory.resolve("landing/sample");

        assertThat(run("--out", target.toString(), "--seed", "7", "--as-of", "2026-11-25", "--scale", "1")).isEqualTo(0);

        assertThat(Files.exists(target.resolve("incidents.ndjson"))).isTrue();
        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.getFirst()).matches("programs\\.csv +12 rows");
        assertThat(lines.get(2)).matches("teams\\.csv +20 rows");
        assertThat(lines.getLast()).matches("total +[0-9,]+ rows in .*landing/sample");
    }

    @Test
    void theSeedAndAsOfDateHaveDefaults()
            throws IOException
    {
        assertThat(run("--out", directory.toString())).isEqualTo(0);

        assertThat(Files.readString(directory.resolve("programs.csv"), UTF_8)).startsWith("program_id,name,portfolio,owner,start_date,status\nPRG-01,Apollo,");
    }

    @Test
    void badArgumentsAreNamedAndExitWithTwo()
            throws IOException
    {
        assertThat(run("--seed", "7")).isEqualTo(2);
        assertThat(output()).contains("--out is required").contains("usage: generate --out DIR");

        assertThat(run("--out", directory.toString(), "--scale", "0")).isEqualTo(2);
        assertThat(output()).contains("--scale must be a whole number of at least 1, not '0'");

        assertThat(run("--out", directory.toString(), "--scale", "many")).isEqualTo(2);
        assertThat(output()).contains("--scale must be a whole number, not 'many'");

        assertThat(run("--out", directory.toString(), "--as-of", "25/11/2026")).isEqualTo(2);
        assertThat(output()).contains("--as-of must be a date as YYYY-MM-DD, not '25/11/2026'");

        assertThat(run("--out", directory.toString(), "--seed")).isEqualTo(2);
        assertThat(output()).contains("--seed needs a value");

        assertThat(run("--output", directory.toString())).isEqualTo(2);
        assertThat(output()).contains("unknown argument '--output'");

        try (var listing = Files.list(directory)) {
            assertThat(listing).isEmpty();
        }
    }

    private int run(String... args)
            throws IOException
    {
        out.reset();
        return SampleDataCommand.run(List.of(args), new PrintStream(out, true, UTF_8));
    }

    private String output()
    {
        return out.toString(UTF_8);
    }
}
