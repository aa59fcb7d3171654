package dev.trinoai.jobs.ingest;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.JobDatabase;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A landing zone with good programs, projects and budget lines, and a database of its own to ingest them into, with
 * the project's own source mappings from etc/ingest/sources.
 */
final class IngestFixture
        implements AutoCloseable
{
    static final Path SOURCES = Path.of("../etc/ingest/sources");

    static final String PROGRAMS = """
            program_id,name,portfolio,owner,start_date,status
            PRG-01,Apollo,Digital Channels,Ada Park,2023-01-02,active
            PRG-02,Borealis,Core Platforms,Ben Ode,2023-03-01,active
            """;
    static final String PROJECTS = """
            project_id,program_id,name,owner,start_date,planned_end_date,status,budget_usd
            PRJ-0001,PRG-01,"Checkout, EMEA rollout",Cy Lo,2024-01-01,2026-06-30,active,1200000
            PRJ-0002,PRG-02,Ledger migration,Di Ng,2024-02-01,2025-12-31,at_risk,800000
            """;
    static final String BUDGET = """
            project_id,month,category,planned_usd,actual_usd,forecast_usd
            PRJ-0001,2025-07,labor,100000.00,120000.00,125000.00
            PRJ-0001,2025-08,labor,100000.00,118000.00,121000.00

            PRJ-0002,2025-07,vendor,50000.00,49000.00,50000.00
            """;

    private final Path landing;
    private final TestingPostgres postgres;
    private final JobDatabase database;

    IngestFixture(Path landing)
            throws IOException
    {
        this.landing = landing;
        this.postgres = TestingPostgres.create();
        this.database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
        write("programs.csv", PROGRAMS);
        write("projects.csv", PROJECTS);
        write("budget_lines.csv", BUDGET);
    }

    Path landing()
    {
        return landing;
    }

    JobDatabase database()
    {
        return database;
    }

    IngestSummary ingest()
            throws Exception
    {
        return ingest(SourceMappings.load(SOURCES));
    }

    IngestSummary ingest(List<SourceMapping> mappings)
            throws Exception
    {
        return new IngestJob(database, new LocalLandingZone(landing), mappings, new PrintStream(OutputStream.nullOutputStream())).runOnce(false);
    }

    static FileResult file(IngestSummary summary, String path)
    {
        return summary.files().stream().filter(file -> file.path().equals(path)).findFirst().orElseThrow();
    }

    /**
     * Every row of the tables the good files loaded, staging and star.
     */
    List<String> snapshot()
    {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("star.fact_budget", "staging.budget_lines", "star.dim_project", "staging.projects", "star.dim_program", "staging.programs", "star.fact_okr", "staging.okrs")) {
            rows.addAll(query("SELECT '%1$s ' || row(t.*)::text FROM %1$s t ORDER BY 1".formatted(table)));
        }
        return rows;
    }

    List<String> query(String sql)
    {
        return postgres.query(sql);
    }

    void write(String name, String content)
            throws IOException
    {
        write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    void write(String name, byte[] content)
            throws IOException
    {
        Files.write(landing.resolve(name), content);
    }

    @Override
    public void close()
    {
        postgres.close();
    }
}
