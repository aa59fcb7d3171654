package dev.trinoai.jobs.ingest;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.JobDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.time.temporal.ChronoUnit.DAYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A new source by configuration alone, against the real PostgreSQL: its star tables declared in its mapping (created,
 * extended, never dropped), the calendar stretched to its dates, a changed mapping re-applied, and the data-quality
 * report on its flaws.
 */
final class TestConfiguredSource
{
    private static final String MAPPING = """
            source: costs
            files: "costs*.csv"
            format: csv
            staging_table: costs
            key: [line_id]
            columns:
              - {name: line_id, type: text, required: true}
              - {name: project_code, type: text, required: true}
              - {name: agency_code, type: text, required: true}
              - {name: project_name, type: text}
              - {name: spent_on, type: date, required: true}
              - {name: approved_on, type: date}
              - {name: amount, type: decimal}
            star_tables:
              - name: dim_agency
                columns:
                  - {name: agency_key, type: identity}
                  - {name: agency_code, type: text, required: true, unique: true}
                primary_key: [agency_key]
              - name: fact_cost
                columns:
                  - {name: line_code, type: text, required: true}
                  - {name: agency_key, type: bigint, required: true, references: star.dim_agency.agency_key}
                  - {name: spent_date_key, type: integer, required: true, references: star.dim_date.date_key}
                  - {name: amount, type: "decimal(14,2)"}
                primary_key: [line_code]
            transform: |
              INSERT INTO star.dim_agency (agency_code) SELECT DISTINCT agency_code FROM staging.costs WHERE load_id = :load_id
              ON CONFLICT (agency_code) DO NOTHING;
              INSERT INTO star.fact_cost (line_code, agency_key, spent_date_key, amount)
              SELECT s.line_id, a.agency_key, to_char(s.spent_on, 'YYYYMMDD')::integer, s.amount
              FROM staging.costs s JOIN star.dim_agency a USING (agency_code) WHERE s.load_id = :load_id
              ON CONFLICT (line_code) DO UPDATE SET agency_key = EXCLUDED.agency_key, spent_date_key = EXCLUDED.spent_date_key, amount = EXCLUDED.amount
            """;
    private static final String COSTS = """
            line_id,project_code,agency_code,project_name,spent_on,approved_on,amount
            L1,P-1,DOE,Grid upgrade,1992-03-04,,1000.50
            L2,P-2,NASA,Launch pad,2048-11-30,,2000.00
            L9,P-9,DOE,Unpriced,2024-01-01,,n/a
            """;

    @TempDir
    Path landing;
    @TempDir
    Path sources;

    private TestingPostgres postgres;

    @BeforeEach
    void createDatabase()
            throws IOException
    {
        postgres = TestingPostgres.create();
        Files.writeString(sources.resolve("costs.yaml"), MAPPING);
        Files.writeString(landing.resolve("costs.csv"), COSTS);
    }

    @AfterEach
    void dropDatabase()
    {
        postgres.close();
    }

    @Test
    void createsTheDeclaredTablesAndGrantsThemToTheProductsRoles()
            throws Exception
    {
        postgres.execute(Files.readString(Path.of("../etc/postgres/roles.sql")));

        IngestSummary summary = ingest(false);

        assertThat(summary.schemaChanges()).anySatisfy(change -> assertThat(change).startsWith("created star.dim_agency"))
                .anySatisfy(change -> assertThat(change).startsWith("created star.fact_cost").contains("costs.yaml"));
        assertThat(query("SELECT a.agency_code || ' ' || f.amount FROM star.fact_cost f JOIN star.dim_agency a USING (agency_key) ORDER BY 1"))
                .containsExactly("DOE 1000.50", "NASA 2000.00");
        assertThat(query("""
                SELECT has_table_privilege('trino_ai_reader', 'star.fact_cost', 'SELECT') || ' ' || has_table_privilege('trino_ai_reader', 'star.fact_cost', 'INSERT')
                    || ' ' || has_table_privilege('trino_ai_writer', 'star.fact_cost', 'INSERT') || ' ' || has_table_privilege('trino_ai_reader', 'star.fiscal_calendar', 'SELECT')
                """)).containsExactly("true false true true");
    }

    @Test
    void addsANewColumnAndKeepsTheRows()
            throws Exception
    {
        ingest(false);
        Files.writeString(sources.resolve("costs.yaml"), MAPPING.replace(
                "      - {name: amount, type: \"decimal(14,2)\"}\n",
                "      - {name: amount, type: \"decimal(14,2)\"}\n      - {name: project_name, type: text}\n"));

        IngestSummary summary = ingest(false);

        assertThat(summary.schemaChanges()).singleElement().asString().startsWith("migrated star.fact_cost: ALTER TABLE star.fact_cost ADD COLUMN project_name text");
        assertThat(query("SELECT line_code || ' ' || amount || ' ' || coalesce(project_name, '-') FROM star.fact_cost ORDER BY 1")).containsExactly("L1 1000.50 -", "L2 2000.00 -");
    }

    @Test
    void refusesADestructiveChangeNamingTheFileAndDropsNothing()
            throws Exception
    {
        ingest(false);
        Files.writeString(sources.resolve("costs.yaml"), MAPPING
                .replace("      - {name: amount, type: \"decimal(14,2)\"}\n", "")
                .replace("{name: spent_date_key, type: integer,", "{name: spent_date_key, type: text,"));

        assertThatThrownBy(() -> ingest(false))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("star table 'fact_cost' declared in " + sources.resolve("costs.yaml"))
                .hasMessageContaining("column 'amount' is in the database but no longer declared")
                .hasMessageContaining("column 'spent_date_key' is integer in the database and text in the mapping");
        assertThat(query("SELECT line_code || ' ' || amount FROM star.fact_cost ORDER BY 1")).containsExactly("L1 1000.50", "L2 2000.00");
    }

    @Test
    void extendsTheCalendarToTheDatesOfTheData()
            throws Exception
    {
        ingest(false);

        assertThat(query("SELECT min(date) || ' ' || max(date) || ' ' || count(*) FROM star.dim_date"))
                .containsExactly("1992-01-01 2048-12-31 " + DAYS.between(LocalDate.of(1992, 1, 1), LocalDate.of(2049, 1, 1)));
        assertThat(query("SELECT f.line_code || ' ' || d.month_label FROM star.fact_cost f JOIN star.dim_date d ON d.date_key = f.spent_date_key ORDER BY 1"))
                .containsExactly("L1 1992-03", "L2 2048-11");
    }

    @Test
    void computesTheFiscalYearForEveryStartMonth()
            throws Exception
    {
        ingest(false);

        // starting in October, 30 November 2048 is in the first quarter of the fiscal year ending in September 2049
        assertThat(query("SELECT fiscal_quarter_label || ' ' || fiscal_month FROM star.fiscal_calendar WHERE fiscal_year_start_month = 10 AND date = '2048-11-30'"))
                .containsExactly("FY2049-Q1 2");
        assertThat(query("SELECT fiscal_year || ' ' || fiscal_quarter FROM star.fiscal_calendar WHERE fiscal_year_start_month = 1 AND date = '2048-11-30'"))
                .containsExactly("2048 4");
        // dim_date's own fiscal columns are those of a year starting in July, day for day
        assertThat(query("""
                SELECT count(*) FROM star.dim_date d JOIN star.fiscal_calendar f ON f.date_key = d.date_key AND f.fiscal_year_start_month = 7
                WHERE (d.fiscal_year, d.fiscal_quarter, d.fiscal_quarter_label) IS DISTINCT FROM (f.fiscal_year, f.fiscal_quarter, f.fiscal_quarter_label)
                """)).containsExactly("0");
    }

    @Test
    void aChangedMappingLoadsItsFilesAgainAndReappliesTheTransformToEveryRow()
            throws Exception
    {
        ingest(false);
        assertThat(ingest(false).files()).singleElement().satisfies(file -> {
            assertThat(file.status()).isEqualTo(FileResult.Status.UNCHANGED);
            assertThat(file.reason()).startsWith("same file and mapping as run ");
        });
        // the fix: amounts are in thousands
        Files.writeString(sources.resolve("costs.yaml"), MAPPING.replace("SELECT s.line_id, a.agency_key, to_char(s.spent_on, 'YYYYMMDD')::integer, s.amount",
                "SELECT s.line_id, a.agency_key, to_char(s.spent_on, 'YYYYMMDD')::integer, s.amount * 1000"));

        IngestSummary summary = ingest(false);

        assertThat(summary.files()).singleElement().satisfies(file -> {
            assertThat(file.status()).isEqualTo(FileResult.Status.LOADED);
            assertThat(file.reason()).isEqualTo("mapping changed");
            assertThat(file.unchanged()).isEqualTo(2);
        });
        assertThat(summary.reapplied()).containsExactly(new SourceResult("costs", "mapping changed", 2, Optional.empty()));
        assertThat(query("SELECT line_code || ' ' || amount FROM star.fact_cost ORDER BY 1")).containsExactly("L1 1000500.00", "L2 2000000.00");
        assertThat(ingest(false).reapplied()).isEmpty();
    }

    @Test
    void reloadReappliesTheTransformToRowsOfFilesNoLongerLanded()
            throws Exception
    {
        ingest(false);
        Files.writeString(landing.resolve("costs-2.csv"), "line_id,project_code,agency_code,project_name,spent_on,approved_on,amount\nL3,P-3,DOE,Dam,2020-01-01,,5.00\n");
        ingest(false);
        Files.delete(landing.resolve("costs-2.csv"));
        postgres.execute("DELETE FROM star.fact_cost");

        IngestSummary summary = ingest(true);

        assertThat(summary.files()).singleElement().extracting(FileResult::reason).isEqualTo("--reload");
        assertThat(summary.reapplied()).singleElement().extracting(SourceResult::rows).isEqualTo(3L);
        assertThat(query("SELECT line_code FROM star.fact_cost ORDER BY 1")).containsExactly("L1", "L2", "L3");
        // the unpriced row was quarantined again, and is there once
        assertThat(summary.quarantined()).isEqualTo(1);
        assertThat(query("SELECT path || ':' || line FROM staging.quarantine")).containsExactly("costs.csv:4");
    }

    @Test
    void reportsFlawsThatLoadAsWarningsWithCountsAndExamples()
            throws Exception
    {
        // 40 projects under their agencies, one of them (P-7) also under a second; one amount over a thousand times the
        // others; an HTML entity in a name; an approval in the year 201
        String rows = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "L%d,P-%d,%s,Project %d,2024-01-%02d,%s,%s".formatted(i, i, i % 2 == 0 ? "DOE" : "NASA", i, i % 28 + 1,
                        i == 5 ? "0201-05-01" : "2024-02-01", i == 9 ? "2000000.00" : "1%02d0.00".formatted(i)))
                .collect(Collectors.joining("\n"));
        Files.writeString(landing.resolve("costs.csv"), "line_id,project_code,agency_code,project_name,spent_on,approved_on,amount\n" + rows
                + "\nL41,P-7,DOE,Roads &amp; bridges,2024-03-01,2024-03-02,1200.00\n");

        IngestSummary summary = ingest(false);

        assertThat(summary.warnings()).extracting(warning -> warning.check() + " " + warning.subject() + " " + warning.count()).containsExactlyInAnyOrder(
                "two_parents project_code under agency_code 1",
                "far_off_peers amount (1000x from the median 1210 of its peers) 1",
                "markup project_name 1",
                "implausible_date approved_on 1");
        assertThat(summary.warnings()).filteredOn(warning -> warning.check().equals("two_parents")).singleElement()
                .satisfies(warning -> assertThat(warning.examples()).containsExactly("P-7 under DOE, NASA (costs.csv:42)"));
        assertThat(query("SELECT check_name || ' ' || examples[1] FROM staging.quality_warning WHERE run_id = %d ORDER BY 1".formatted(summary.runId())))
                .containsExactly("far_off_peers 2000000.00 (costs.csv:10)", "implausible_date 0201-05-01 (costs.csv:6)",
                        "markup Roads &amp; bridges (costs.csv:42)", "two_parents P-7 under DOE, NASA (costs.csv:42)");
        assertThat(query("SELECT count(*) FROM star.fact_cost")).containsExactly("41");
    }

    private IngestSummary ingest(boolean reload)
            throws Exception
    {
        JobDatabase database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
        return new IngestJob(database, new LocalLandingZone(landing), SourceMappings.load(sources), new PrintStream(OutputStream.nullOutputStream())).runOnce(reload);
    }

    private List<String> query(String sql)
    {
        return postgres.query(sql);
    }
}
