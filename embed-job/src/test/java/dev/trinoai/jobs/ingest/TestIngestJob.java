package dev.trinoai.jobs.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.trinoai.jobs.ingest.IngestFixture.BUDGET;
import static dev.trinoai.jobs.ingest.IngestFixture.file;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest job against the real PostgreSQL, with the project's own source mappings from etc/ingest/sources.
 */
final class TestIngestJob
{
    static final Path SOURCES = IngestFixture.SOURCES;

    @TempDir
    Path landing;

    private IngestFixture fixture;

    @BeforeEach
    void createDatabase()
            throws IOException
    {
        fixture = new IngestFixture(landing);
    }

    @AfterEach
    void dropDatabase()
    {
        fixture.close();
    }

    @Test
    void loadsStagingAndStarAndCountsEveryRow()
            throws Exception
    {
        IngestSummary summary = ingest();

        assertThat(summary.count(FileResult.Status.LOADED)).isEqualTo(3);
        assertThat(summary.read()).isEqualTo(7);
        assertThat(summary.inserted()).isEqualTo(7);
        assertThat(summary.quarantined()).isZero();
        assertThat(summary.starRowCounts()).containsEntry("dim_program", 2L).containsEntry("dim_project", 2L).containsEntry("fact_budget", 3L);
        assertThat(query("SELECT name FROM star.dim_project WHERE project_code = 'PRJ-0001'")).containsExactly("Checkout, EMEA rollout");
        assertThat(query("SELECT d.month_label || ' ' || b.actual_usd FROM star.fact_budget b JOIN star.dim_date d ON d.date_key = b.month_key JOIN star.dim_project p USING (project_key) WHERE p.project_code = 'PRJ-0001' ORDER BY 1"))
                .containsExactly("2025-07 120000.00", "2025-08 118000.00");
        assertThat(query("SELECT source_file || ':' || source_line FROM staging.budget_lines WHERE project_id = 'PRJ-0002'")).containsExactly("budget_lines.csv:5");
    }

    @Test
    void aSecondRunWithNothingNewChangesNothing()
            throws Exception
    {
        ingest();
        List<String> before = snapshot();

        IngestSummary again = ingest();

        assertThat(again.count(FileResult.Status.UNCHANGED)).isEqualTo(3);
        assertThat(again.count(FileResult.Status.LOADED)).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aChangedFileUpdatesOnlyTheRowsThatChanged()
            throws Exception
    {
        ingest();
        write("budget_lines.csv", BUDGET.replace("118000.00,121000.00", "131000.00,140000.00"));

        IngestSummary summary = ingest();

        FileResult budget = file(summary, "budget_lines.csv");
        assertThat(budget.status()).isEqualTo(FileResult.Status.LOADED);
        assertThat(budget.updated()).isEqualTo(1);
        assertThat(budget.unchanged()).isEqualTo(2);
        assertThat(budget.inserted()).isZero();
        assertThat(query("SELECT actual_usd::text FROM star.fact_budget b JOIN star.dim_date d ON d.date_key = b.month_key WHERE d.month_label = '2025-08'")).containsExactly("131000.00");
    }

    @Test
    void lateArrivingFactsLandInTheirOwnPeriod()
            throws Exception
    {
        ingest();
        write("budget_lines_2025_05_correction.csv", """
                project_id,month,category,planned_usd,actual_usd,forecast_usd
                PRJ-0001,2025-05,labor,100000.00,97000.00,97000.00
                """);

        ingest();

        assertThat(query("SELECT d.quarter_label || ' ' || d.month_label FROM star.fact_budget b JOIN star.dim_date d ON d.date_key = b.month_key WHERE b.actual_usd = 97000"))
                .containsExactly("2025-Q2 2025-05");
    }

    @Test
    void badRowsAreQuarantinedWithFileLineAndReasonAndNothingIsLost()
            throws Exception
    {
        write("budget_lines.csv", BUDGET + """
                PRJ-0001,2025-09,labor,lots,1.00,1.00
                PRJ-0001,2025-13,labor,1.00,1.00,1.00
                ,2025-09,labor,1.00,1.00,1.00
                PRJ-0001,2025-09,labor,1.00
                PRJ-9999,2025-09,labor,1.00,1.00,1.00
                PRJ-0001,2025-07,labor,100000.00,120000.00,125000.00
                """);

        IngestSummary summary = ingest();

        FileResult budget = file(summary, "budget_lines.csv");
        assertThat(budget.read()).isEqualTo(9);
        assertThat(budget.inserted()).isEqualTo(3);
        assertThat(budget.quarantined()).isEqualTo(6);
        assertThat(query("SELECT line || ' ' || reason FROM staging.quarantine WHERE path = 'budget_lines.csv' ORDER BY line")).containsExactly(
                "6 field 'planned_usd': 'lots' is not a number",
                "7 field 'month': '2025-13' matches none of the date formats listed in the mapping",
                "8 required field 'project_id' is missing",
                "9 row has 4 fields; the header has 6",
                "10 project_id 'PRJ-9999' is not in star.dim_project.project_code",
                "11 duplicate key [PRJ-0001, 2025-07-01, labor]: the row at line 2 has the same key");
        assertThat(query("SELECT raw FROM staging.quarantine WHERE line = 6")).containsExactly("PRJ-0001,2025-09,labor,lots,1.00,1.00");
    }

    @Test
    void aFileThatCannotBeLoadedKeepsNothingOfItselfAndTheRunGoesOn()
            throws Exception
    {
        write("okrs.ndjson", "{\"okr_id\": \"OKR-1\", \"program_id\": \"PRG-01\", \"quarter\": \"2025-Q3\", \"objective\": \"o\", \"key_result\": \"k\", \"target\": 10, \"current\": 5}\n");
        Path broken = Files.createDirectories(landing.resolve("mappings"));
        for (Path mapping : Files.newDirectoryStream(SOURCES)) {
            String text = Files.readString(mapping);
            Files.writeString(broken.resolve(mapping.getFileName()), mapping.getFileName().toString().equals("okrs.yaml") ? text.replace("s.key_result", "s.no_such_column") : text);
        }

        IngestSummary summary = fixture.ingest(SourceMappings.load(broken));

        FileResult okrs = file(summary, "okrs.ndjson");
        assertThat(okrs.status()).isEqualTo(FileResult.Status.FAILED);
        assertThat(okrs.error().orElseThrow()).contains("the transform of source 'okrs' failed").contains("no_such_column");
        assertThat(summary.count(FileResult.Status.LOADED)).isEqualTo(3);
        assertThat(query("SELECT count(*)::text FROM staging.okrs")).containsExactly("0");
        assertThat(query("SELECT line || ' ' || left(reason, 29) FROM staging.quarantine WHERE path = 'okrs.ndjson'")).containsExactly("0 the file could not be loaded:");

        // Once the mapping is fixed, the next run loads the file: its checksum was never recorded.
        assertThat(file(ingest(), "okrs.ndjson").status()).isEqualTo(FileResult.Status.LOADED);
    }

    private IngestSummary ingest()
            throws Exception
    {
        return fixture.ingest();
    }

    private List<String> snapshot()
    {
        return fixture.snapshot();
    }

    private List<String> query(String sql)
    {
        return fixture.query(sql);
    }

    private void write(String name, String content)
            throws IOException
    {
        fixture.write(name, content);
    }
}
