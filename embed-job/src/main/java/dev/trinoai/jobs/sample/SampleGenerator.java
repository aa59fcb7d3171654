package dev.trinoai.jobs.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Writes a realistic program-management (PMO) export for a fictional company: 12 programs in 4 portfolios, 64 projects
 * and 20 teams per unit of scale, and three years of facts up to the as-of date (monthly budget lines, sprints,
 * incidents, milestones, risks and OKRs). The same seed, as-of date and scale always give the same bytes.
 * <p>
 * Each project has a hidden health drawn from the seed, and its numbers and texts agree with it. Four programs are
 * over budget this quarter (in one of them every overrun has the same cause and culprit), one is behind schedule, one
 * is paused and the rest are on track. An over-budget project spends above plan from a month six to nine months
 * before the as-of date, its forecasts stay above plan, and its open risk names the cause (the vendor, the added
 * scope, the missing roles, the cloud service or the licensed product) with the same percentage and month. A project
 * behind schedule finishes milestones late or misses them, with notes that say why, and its teams complete fewer of
 * their sprint points.
 * <p>
 * Like a real export, the files have flaws that an ingest pipeline must cope with. Each is present exactly once,
 * whatever the scale (a row number counts data rows, so row 17 is the one with id 17):
 * <ul>
 * <li>a blank line in the middle of {@code budget_lines.csv}, before the rows of the middle project;
 * <li>a quoted comma: the project "Payments, EMEA rollout" in {@code projects.csv} and the team "Reporting, Insights &amp;
 * BI" in {@code teams.csv} (their copies at larger scales drop the comma);
 * <li>a date in another format: the {@code due_date} of row {@value Milestones#AMERICAN_DATE_ROW} of
 * {@code milestones.csv} is MM/DD/YYYY, and the {@code start_date} of row {@value Sprints#EUROPEAN_DATE_ROW} of
 * {@code sprints.csv} is DD.MM.YYYY;
 * <li>a duplicate: row {@value BudgetLines#DUPLICATED_ROW} of {@code budget_lines.csv} and line
 * {@value Incidents#DUPLICATED_ROW} of {@code incidents.ndjson} are each written twice in a row, and both copies are
 * counted as rows;
 * <li>a missing required field: row {@value Sprints#MISSING_TEAM_ROW} of {@code sprints.csv} has an empty
 * {@code team_id}, and the first everyday (not cause-related) risk from line {@value Risks#MISSING_PROJECT_FROM_ROW} of
 * {@code risks.ndjson} on has no {@code project_id} key.
 * </ul>
 */
public final class SampleGenerator
{
    private static final List<String> PROGRAM_COLUMNS = List.of("program_id", "name", "portfolio", "owner", "start_date", "status");
    private static final List<String> PROJECT_COLUMNS = List.of("project_id", "program_id", "name", "owner", "start_date", "planned_end_date", "status", "budget_usd");
    private static final List<String> TEAM_COLUMNS = List.of("team_id", "name", "program_id", "lead", "headcount");

    private final long seed;
    private final LocalDate asOf;
    private final int scale;

    public SampleGenerator(long seed, LocalDate asOf, int scale)
    {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1: " + scale);
        }
        this.seed = seed;
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.scale = scale;
    }

    /**
     * Writes the files into the directory, creating it if needed, and returns each file's name with the number of data
     * rows written (a duplicated row counts twice), in the order written.
     */
    public Map<String, Integer> writeTo(Path directory)
            throws IOException
    {
        Files.createDirectories(directory);
        Dataset dataset = dataset();
        SpendLedger ledger = new SpendLedger();
        Map<String, Integer> rows = new LinkedHashMap<>();
        write(directory, "programs.csv", PROGRAM_COLUMNS, rows, file -> dataset.programs().forEach(program ->
                file.write(program.id(), program.name(), program.spec().portfolio(), program.owner(), program.startDate(), program.status())));
        write(directory, "projects.csv", PROJECT_COLUMNS, rows, file -> dataset.projects().forEach(project ->
                file.write(project.id(), project.program().id(), project.name(), project.owner(), project.start(), project.plannedEnd(), project.status(asOf),
                        project.budgetUsd())));
        write(directory, "teams.csv", TEAM_COLUMNS, rows, file -> dataset.teams().forEach(team ->
                file.write(team.id(), team.name(), team.program().id(), team.lead(), team.headcount())));
        write(directory, BudgetLines.FILE, BudgetLines.COLUMNS, rows, new BudgetLines(dataset, ledger)::write);
        write(directory, Sprints.FILE, Sprints.COLUMNS, rows, new Sprints(dataset)::write);
        write(directory, Incidents.FILE, Incidents.COLUMNS, rows, new Incidents(dataset)::write);
        write(directory, Milestones.FILE, Milestones.COLUMNS, rows, new Milestones(dataset)::write);
        write(directory, Risks.FILE, Risks.COLUMNS, rows, new Risks(dataset)::write);
        write(directory, Okrs.FILE, Okrs.COLUMNS, rows, new Okrs(dataset, ledger)::write);
        return rows;
    }

    /**
     * The company behind the files, with the hidden health of its programs and projects.
     */
    Dataset dataset()
    {
        return new Dataset(seed, asOf, scale);
    }

    private static void write(Path directory, String name, List<String> columns, Map<String, Integer> rows, Consumer<TableFile> writer)
            throws IOException
    {
        try (TableFile file = new TableFile(directory, name, columns)) {
            writer.accept(file);
            rows.put(name, file.rows());
        }
    }
}
