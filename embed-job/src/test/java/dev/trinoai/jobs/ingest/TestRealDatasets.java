package dev.trinoai.jobs.ingest;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.JobDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * Real exports nobody on this team wrote, loaded by the mappings in etc/ingest/sources alone. They are not in the
 * repository (they carry no licence to copy them; docs/data.md names their sources): they are read from
 * {@code ../shared/datasets} beside the repository, or from the folder {@code AI_SHARED_DATASETS} names. Without
 * them every test of this class is reported skipped, with the path it looked for.
 */
@TestInstance(PER_CLASS)
@Tag("security")
final class TestRealDatasets
{
    private static final Path DATASETS = Path.of(Optional.ofNullable(System.getenv("AI_SHARED_DATASETS")).filter(path -> !path.isBlank()).orElse("../../shared/datasets"))
            .toAbsolutePath().normalize();

    private TestingPostgres postgres;
    private IngestSummary summary;

    @BeforeAll
    void ingestTheSharedDatasets()
            throws Exception
    {
        if (!Files.isDirectory(DATASETS)) {
            return;
        }
        postgres = TestingPostgres.create();
        JobDatabase database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
        summary = new IngestJob(database, new LocalLandingZone(DATASETS), SourceMappings.load(TestIngestJob.SOURCES), new PrintStream(OutputStream.nullOutputStream()))
                .runOnce(false);
    }

    /**
     * Per test rather than once for the class: an assumption that fails in {@code @BeforeAll} aborts the class
     * without a test reported, so the surefire report read as if the class did not exist.
     */
    @BeforeEach
    void requireTheSharedDatasets()
    {
        assumeTrue(summary != null, "the shared datasets are not at %s (set AI_SHARED_DATASETS to their folder; docs/data.md says where they come from)".formatted(DATASETS));
    }

    @AfterAll
    void dropDatabase()
    {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyJiraSprintIsLoadedIncludingTheNamesWithUnquotedCommasButTheTwoWithDamagedBytes()
            throws SQLException
    {
        assertThat(files("jira_sprints")).hasSize(5).allMatch(file -> file.status() == FileResult.Status.LOADED);
        assertThat(files("jira_sprints").stream().mapToLong(FileResult::read).sum()).isEqualTo(3_834);
        // The export has "f\xC4\x1Aowert\xC4\x1Ane" for a name twice: a character lost in some earlier conversion.
        assertThat(query("SELECT line || ' ' || split_part(reason, ':', 1) FROM staging.quarantine WHERE path = 'jira-sprints/JIRA/jira_iteration_0.csv' ORDER BY line"))
                .containsExactly("1419 byte 0xC4 at line 1419 (byte offset 82961) is not valid UTF-8", "1735 byte 0xC4 at line 1735 (byte offset 101265) is not valid UTF-8");
        assertThat(files("jira_sprints").stream().mapToLong(FileResult::quarantined).sum()).isEqualTo(2);
        assertThat(query("SELECT count(*)::text FROM star.fact_sprint WHERE sprint_code LIKE 'JIRA-%'")).containsExactly("3832");
        assertThat(query("SELECT count(*)::text FROM staging.jira_sprints WHERE name LIKE '%,%'")).containsExactly("16");
        assertThat(query("SELECT name || ' ' || committed_points || ' ' || completed_points FROM star.fact_sprint WHERE sprint_code = 'JIRA-JIRA-137-1559'"))
                .containsExactly("atlassian-selenium, anyone? 0.0 0.0");
        assertThat(query("SELECT string_agg(name, ', ' ORDER BY name) FROM star.dim_program WHERE source = 'jira'"))
                .containsExactly("Jira Apache, Jira JBoss, Jira JIRA, Jira MongoDB, Jira Spring");
    }

    @Test
    void everyPostMortemIsLoadedOrQuarantinedWithItsReason()
            throws SQLException
    {
        List<FileResult> files = files("cloud_postmortems");
        assertThat(files).hasSize(35).allMatch(file -> file.status() == FileResult.Status.LOADED);
        long read = files.stream().mapToLong(FileResult::read).sum();
        long inserted = files.stream().mapToLong(FileResult::inserted).sum();
        long updated = files.stream().mapToLong(FileResult::updated).sum();
        long quarantined = files.stream().mapToLong(FileResult::quarantined).sum();
        assertThat(read).isEqualTo(356);
        // Two records have no duration; one post-mortem was published twice (preliminary, then final RCA).
        assertThat(quarantined).isEqualTo(2);
        assertThat(inserted).isEqualTo(353);
        assertThat(updated).isEqualTo(1);
        assertThat(read).isEqualTo(inserted + updated + quarantined);
        assertThat(query("SELECT line || ' ' || reason FROM staging.quarantine WHERE source = 'cloud_postmortems' ORDER BY path"))
                .hasSize(2).allMatch(row -> row.endsWith("required field 'duration_minutes' is missing"));
        assertThat(query("SELECT title FROM star.fact_incident WHERE incident_code = 'azure-20180904-1'")).containsExactly("RCA - South Central US");
        assertThat(query("SELECT count(*)::text FROM star.fact_incident WHERE source = 'cloud-postmortems' AND service IS NOT NULL AND resolved_at > opened_at"))
                .containsExactly("353");
    }

    @Test
    void theRenamedServiceFieldIsRead()
            throws SQLException
    {
        assertThat(query("SELECT count(*)::text FROM staging.cloud_postmortems WHERE service IS NULL")).containsExactly("0");
    }

    private List<FileResult> files(String source)
    {
        return summary.files().stream().filter(file -> file.source().equals(source)).toList();
    }

    private List<String> query(String sql)
    {
        return postgres.query(sql);
    }
}
