package dev.trinoai.jobs.ingest;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.JobDatabase;
import dev.trinoai.jobs.sample.SampleGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated sample export, flaws and all, through the project's own mappings.
 */
final class TestSampleIngest
{
    @TempDir
    Path landing;

    @Test
    void everyRowIsLoadedOrQuarantinedWithItsReason()
            throws Exception
    {
        new SampleGenerator(42, LocalDate.of(2026, 11, 25), 1).writeTo(landing);
        try (TestingPostgres postgres = TestingPostgres.create()) {
            JobDatabase database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
            IngestJob job = new IngestJob(database, new LocalLandingZone(landing), SourceMappings.load(TestIngestJob.SOURCES), new PrintStream(OutputStream.nullOutputStream()));

            IngestSummary summary = job.runOnce(false);

            assertThat(summary.count(FileResult.Status.LOADED)).isEqualTo(9);
            assertThat(summary.read()).isEqualTo(summary.inserted() + summary.quarantined());
            assertThat(summary.starRowCounts()).containsEntry("dim_program", 12L).containsEntry("dim_project", 64L).containsEntry("dim_team", 20L);
            List<String> quarantine = new ArrayList<>();
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT source || ': ' || reason FROM staging.quarantine ORDER BY source")) {
                while (rs.next()) {
                    quarantine.add(rs.getString(1));
                }
            }
            // The deliberate flaws: a duplicate row in two files and a missing required field in two; the blank line,
            // the quoted commas and the dates in other formats load as they should.
            assertThat(quarantine).hasSize(4);
            assertThat(quarantine.get(0)).startsWith("budget_lines: duplicate key");
            assertThat(quarantine.get(1)).startsWith("incidents: duplicate key");
            assertThat(quarantine.get(2)).isEqualTo("risks: required field 'project_id' is missing");
            assertThat(quarantine.get(3)).isEqualTo("sprints: required field 'team_id' is missing");

            assertThat(job.runOnce(false).count(FileResult.Status.UNCHANGED)).isEqualTo(9);
        }
    }
}
