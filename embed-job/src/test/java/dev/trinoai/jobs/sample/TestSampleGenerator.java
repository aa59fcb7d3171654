package dev.trinoai.jobs.sample;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trinoai.jobs.sample.SampleFiles.Csv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

final class TestSampleGenerator
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final YearMonth THIS_QUARTER = YearMonth.of(2026, 10);
    private static final YearMonth LAST_QUARTER = YearMonth.of(2026, 7);

    private static final List<String> FILES = List.of("programs.csv", "projects.csv", "teams.csv", "budget_lines.csv", "sprints.csv", "incidents.ndjson",
            "milestones.csv", "risks.ndjson", "okrs.ndjson");
    private static final List<String> FACT_FILES = FILES.subList(3, FILES.size());
    private static final String ISO_DATE = "\\d{4}-\\d{2}-\\d{2}";

    @TempDir
    static Path directory;

    private static Map<String, Integer> rows;
    private static SampleFiles files;
    private static Dataset dataset;

    @BeforeAll
    static void generate()
            throws IOException
    {
        SampleGenerator generator = new SampleGenerator(42, AS_OF, 1);
        rows = generator.writeTo(directory);
        files = new SampleFiles(directory);
        dataset = generator.dataset();
    }

    @Test
    void theSameSeedAsOfDateAndScaleGiveTheSameBytes(@TempDir Path again)
            throws IOException
    {
        new SampleGenerator(42, AS_OF, 1).writeTo(again);

        for (String file : FILES) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(directory.resolve(file)));
        }
    }

    @Test
    void anotherSeedGivesOtherFiles(@TempDir Path other)
            throws IOException
    {
        new SampleGenerator(43, AS_OF, 1).writeTo(other);

        for (String file : FILES) {
            assertThat(Files.readAllBytes(other.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(directory.resolve(file)));
        }
    }

    @Test
    void writesTheDocumentedFilesInOrderAndCountsTheirRows()
    {
        assertThat(rows.keySet()).containsExactlyElementsOf(FILES);
        try (var listing = Files.list(directory)) {
            assertThat(listing.map(path -> path.getFileName().toString())).containsExactlyInAnyOrderElementsOf(FILES);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        for (String file : FILES) {
            int lines = (int) files.lines(file).stream().filter(line -> !line.isEmpty()).count();
            assertThat(rows.get(file)).as(file).isEqualTo(file.endsWith(".csv") ? lines - 1 : lines);
        }
    }

    @Test
    void csvFilesParseWithExactlyTheDocumentedHeader()
    {
        assertThat(files.csv("programs.csv").header()).containsExactly("program_id", "name", "portfolio", "owner", "start_date", "status");
        assertThat(files.csv("projects.csv").header())
                .containsExactly("project_id", "program_id", "name", "owner", "start_date", "planned_end_date", "status", "budget_usd");
        assertThat(files.csv("teams.csv").header()).containsExactly("team_id", "name", "program_id", "lead", "headcount");
        assertThat(files.csv("budget_lines.csv").header()).containsExactly("project_id", "month", "category", "planned_usd", "actual_usd", "forecast_usd");
        assertThat(files.csv("sprints.csv").header())
                .containsExactly("sprint_id", "team_id", "project_id", "name", "start_date", "end_date", "committed_points", "completed_points");
        assertThat(files.csv("milestones.csv").header()).containsExactly("milestone_id", "project_id", "name", "due_date", "completed_date", "status", "note");
    }

    @Test
    void ndjsonLinesHaveExactlyTheDocumentedFields()
    {
        assertThat(fieldSets("incidents.ndjson"))
                .containsExactly(List.of("incident_id", "service", "team_id", "project_id", "severity", "opened_at", "resolved_at", "title", "summary"));
        assertThat(fieldSets("okrs.ndjson")).containsExactly(List.of("okr_id", "program_id", "quarter", "objective", "key_result", "target", "current", "unit"));
        List<String> risk = List.of("risk_id", "project_id", "title", "description", "severity", "likelihood", "status", "owner", "raised_date", "closed_date");
        assertThat(fieldSets("risks.ndjson")).containsExactlyInAnyOrder(risk, risk.stream().filter(field -> !field.equals("project_id")).toList());
    }

    @Test
    void atScaleOneTheCompanyHasTwelveProgramsInFourPortfoliosWithSixtyFourProjectsAndTwentyTeams()
    {
        List<Map<String, String>> programs = files.csv("programs.csv").rows();
        assertThat(programs).hasSize(12);
        assertThat(column(programs, "program_id")).first().isEqualTo("PRG-01");
        assertThat(column(programs, "name")).contains("Apollo", "Borealis", "Cascade", "Delta", "Everest", "Falcon", "Gemini", "Horizon", "Ion", "Juniper",
                "Kestrel", "Lumen");
        assertThat(Set.copyOf(column(programs, "portfolio"))).containsExactlyInAnyOrder("Digital Channels", "Core Platforms", "Customer Operations", "Data & AI");
        assertThat(Set.copyOf(column(programs, "status"))).isSubsetOf("active", "paused", "closed");

        List<Map<String, String>> projects = files.csv("projects.csv").rows();
        assertThat(projects).hasSize(64);
        assertThat(column(projects, "project_id")).first().isEqualTo("PRJ-0001");
        assertThat(projects.stream().collect(Collectors.groupingBy(project -> project.get("program_id"), Collectors.counting())).values())
                .hasSize(12)
                .allSatisfy(count -> assertThat(count).isBetween(2L, 8L));
        assertThat(Set.copyOf(column(projects, "status"))).isSubsetOf("active", "completed", "at_risk", "paused");
        assertThat(column(projects, "budget_usd")).allMatch(budget -> budget.matches("[1-9]\\d*"));

        List<Map<String, String>> teams = files.csv("teams.csv").rows();
        assertThat(teams).hasSize(20);
        assertThat(column(teams, "team_id")).first().isEqualTo("TEAM-01");
        assertThat(column(teams, "name")).contains("Payments", "Platform", "Identity", "Mobile", "Data Engineering", "Search", "Checkout", "Billing", "SRE",
                "Integrations");
    }

    @Test
    void factsCoverThreeYearsOfHistoryEndingAtTheAsOfDate()
    {
        List<JsonNode> incidents = files.ndjson("incidents.ndjson");
        assertThat(incidents).hasSizeBetween(2000, 4000);
        List<Instant> opened = incidents.stream().map(incident -> Instant.parse(incident.get("opened_at").asText())).sorted().toList();
        assertThat(opened.getFirst()).isBefore(Instant.parse("2023-12-01T00:00:00Z")).isAfterOrEqualTo(Instant.parse("2023-11-25T00:00:00Z"));
        assertThat(opened.getLast()).isBefore(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(column(incidents, "opened_at")).allMatch(time -> time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00Z"));

        List<Map<String, String>> sprints = files.csv("sprints.csv").rows();
        assertThat(column(sprints, "end_date")).allMatch(end -> end.compareTo("2026-11-25") <= 0);
        assertThat(column(sprints, "name")).allMatch(name -> name.matches(".+ Sprint \\d+"));

        List<Map<String, String>> budget = files.csv("budget_lines.csv").rows();
        assertThat(column(budget, "month").stream().max(String::compareTo)).hasValue("2027-05");
        assertThat(budget).filteredOn(line -> line.get("month").compareTo("2026-11") > 0).allMatch(line -> line.get("actual_usd").isEmpty());
        assertThat(budget).filteredOn(line -> line.get("month").compareTo("2026-11") <= 0).noneMatch(line -> line.get("actual_usd").isEmpty());
        assertThat(Set.copyOf(column(budget, "category"))).containsExactlyInAnyOrder("labor", "vendor", "cloud", "licenses");

        assertThat(files.csv("milestones.csv").rows()).hasSizeBetween(200, 999);
        assertThat(files.ndjson("risks.ndjson")).hasSizeBetween(150, 999);
        assertThat(Set.copyOf(column(files.ndjson("okrs.ndjson"), "quarter"))).containsExactlyInAnyOrder("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
    }

    @Test
    void scaleMultipliesProjectsTeamsAndTheirFactsButNotTheFlaws(@TempDir Path tripled)
            throws IOException
    {
        Map<String, Integer> scaled = new SampleGenerator(42, AS_OF, 3).writeTo(tripled);

        assertThat(scaled.get("programs.csv")).isEqualTo(12);
        assertThat(scaled.get("projects.csv")).isEqualTo(3 * 64);
        assertThat(scaled.get("teams.csv")).isEqualTo(3 * 20);
        double ratio = (double) total(scaled, FACT_FILES) / total(rows, FACT_FILES);
        assertThat(ratio).isBetween(2.6, 3.4);
        assertThat(new SampleFiles(tripled).csv("projects.csv").rows()).extracting(project -> project.get("name")).contains("Apollo Checkout Redesign 3");
        assertEachFlawOnce(new SampleFiles(tripled));
    }

    @Test
    void eachDeliberateFlawIsPresentExactlyOnce()
    {
        assertEachFlawOnce(files);
    }

    @Test
    void everyForeignKeyRefersToARowThatExists()
    {
        Set<String> programs = Set.copyOf(column(files.csv("programs.csv").rows(), "program_id"));
        Map<String, String> projectPrograms = index(files.csv("projects.csv").rows(), "project_id", "program_id");
        Map<String, String> teamPrograms = index(files.csv("teams.csv").rows(), "team_id", "program_id");

        assertThat(projectPrograms.values()).allMatch(programs::contains);
        assertThat(teamPrograms.values()).allMatch(programs::contains);
        assertThat(column(files.csv("budget_lines.csv").rows(), "project_id")).allMatch(projectPrograms::containsKey);
        assertThat(column(files.csv("milestones.csv").rows(), "project_id")).allMatch(projectPrograms::containsKey);
        assertThat(column(files.ndjson("okrs.ndjson"), "program_id")).allMatch(programs::contains);
        // the one sprint without a team and the one risk without a project are the deliberate flaws
        for (Map<String, String> sprint : files.csv("sprints.csv").rows()) {
            assertThat(projectPrograms).containsKey(sprint.get("project_id"));
            if (!sprint.get("team_id").isEmpty()) {
                assertThat(teamPrograms.get(sprint.get("team_id"))).as("a team works on its own program's projects").isEqualTo(projectPrograms.get(sprint.get("project_id")));
            }
        }
        for (JsonNode incident : files.ndjson("incidents.ndjson")) {
            assertThat(teamPrograms).containsKey(incident.get("team_id").asText());
            if (!incident.get("project_id").isNull()) {
                assertThat(projectPrograms.get(incident.get("project_id").asText())).isEqualTo(teamPrograms.get(incident.get("team_id").asText()));
            }
        }
        assertThat(files.ndjson("risks.ndjson")).filteredOn(risk -> risk.has("project_id"))
                .allMatch(risk -> projectPrograms.containsKey(risk.get("project_id").asText()));
    }

    @Test
    void overBudgetProjectsSpendAbovePlanThisQuarterAndLastAndTheirOpenRisksNameTheCause()
    {
        List<Map<String, String>> budget = files.csv("budget_lines.csv").rows();
        List<JsonNode> risks = files.ndjson("risks.ndjson");
        List<Project> overBudget = dataset.projects().stream().filter(Project::overBudget).toList();
        assertThat(overBudget).hasSizeGreaterThanOrEqualTo(4);
        for (Project project : overBudget) {
            Predicate<Map<String, String>> own = line -> line.get("project_id").equals(project.id());
            assertThat(actualOverPlan(budget, own, THIS_QUARTER)).as(project.id()).isGreaterThan(1.08);
            assertThat(actualOverPlan(budget, own, LAST_QUARTER)).as(project.id()).isGreaterThan(1.08);
            List<Map<String, String>> future = budget.stream().filter(own.and(line -> line.get("month").compareTo("2026-11") > 0)).toList();
            assertThat(sum(future, "forecast_usd")).as(project.id()).isGreaterThan(1.08 * sum(future, "planned_usd"));

            Trouble trouble = project.trouble().orElseThrow();
            assertThat(risks).filteredOn(risk -> risk.path("project_id").asText().equals(project.id()) && risk.get("status").asText().equals("open"))
                    .extracting(risk -> risk.get("description").asText())
                    .anySatisfy(description -> assertThat(description).contains(trouble.detail()).contains(trouble.overrunPercent() + "%"));
        }
    }

    @Test
    void atLeastThreeProgramsAreOverBudgetThisQuarterAndSeveralAreNot()
    {
        List<Map<String, String>> budget = files.csv("budget_lines.csv").rows();
        Map<String, String> projectPrograms = index(files.csv("projects.csv").rows(), "project_id", "program_id");
        Map<String, Double> spend = new HashMap<>();
        for (Program program : dataset.programs()) {
            spend.put(program.id(), actualOverPlan(budget, line -> projectPrograms.get(line.get("project_id")).equals(program.id()), THIS_QUARTER));
        }

        assertThat(dataset.programs()).filteredOn(Program::overBudget).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(program -> assertThat(spend.get(program.id())).as(program.name()).isGreaterThan(1.08));
        assertThat(dataset.programs()).filteredOn(program -> !program.overBudget()).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(program -> assertThat(spend.get(program.id())).as(program.name()).isLessThan(1.0));
    }

    @Test
    void oneOverBudgetProgramOwesItsOverrunToASingleCause()
    {
        Program program = dataset.programs().stream().filter(candidate -> candidate.standing() == Program.Standing.OVER_BUDGET_ONE_CAUSE).findFirst().orElseThrow();
        List<Trouble> troubles = dataset.projects().stream()
                .filter(project -> project.program().equals(program) && project.overBudget())
                .map(project -> project.trouble().orElseThrow())
                .toList();

        assertThat(troubles).isNotEmpty();
        assertThat(troubles).extracting(Trouble::cause).containsOnly(troubles.getFirst().cause());
        assertThat(troubles).extracting(Trouble::detail).containsOnly(troubles.getFirst().detail());
    }

    @Test
    void behindScheduleProjectsMissTheirDatesAndTheirTeamsCompleteLess()
    {
        List<Project> behind = dataset.projects().stream().filter(Project::behindSchedule).toList();
        assertThat(behind).isNotEmpty();
        List<Map<String, String>> milestones = files.csv("milestones.csv").rows();
        for (Project project : behind) {
            assertThat(milestones).filteredOn(milestone -> milestone.get("project_id").equals(project.id()))
                    .filteredOn(milestone -> Set.of("late", "missed").contains(milestone.get("status")))
                    .as(project.id())
                    .anySatisfy(milestone -> assertThat(milestone.get("note")).contains("weeks"));
        }
        assertThat(milestones).filteredOn(milestone -> milestone.get("status").equals("missed"))
                .allMatch(milestone -> dataset.projects().stream().anyMatch(project -> project.id().equals(milestone.get("project_id"))
                        && (project.behindSchedule() || project.pausedSince().isPresent())));

        Set<String> slipping = behind.stream().map(Project::id).collect(Collectors.toSet());
        List<Map<String, String>> recent = files.csv("sprints.csv").rows().stream().filter(sprint -> sprint.get("end_date").compareTo("2026-06-01") >= 0).toList();
        double slippingCompletion = completion(recent.stream().filter(sprint -> slipping.contains(sprint.get("project_id"))).toList());
        double otherCompletion = completion(recent.stream().filter(sprint -> !slipping.contains(sprint.get("project_id"))).toList());
        assertThat(slippingCompletion).isLessThan(0.8);
        assertThat(otherCompletion).isGreaterThan(0.85);
    }

    @Test
    void resolutionTimesDependOnSeverityAndOneTeamIsClearlySlowest()
    {
        List<JsonNode> resolved = files.ndjson("incidents.ndjson").stream().filter(incident -> !incident.get("resolved_at").isNull()).toList();
        assertThat(median(hours(resolved, "SEV1"))).isBetween(1.0, 6.0);
        assertThat(median(hours(resolved, "SEV2"))).isBetween(3.0, 16.0);
        assertThat(median(hours(resolved, "SEV4"))).isBetween(48.0, 168.0);

        Map<String, List<JsonNode>> byTeam = resolved.stream().collect(Collectors.groupingBy(incident -> incident.get("team_id").asText()));
        Map<String, Double> mttr = new HashMap<>();
        byTeam.forEach((team, incidents) -> mttr.put(team, incidents.stream().mapToDouble(TestSampleGenerator::hours).average().orElseThrow()));
        Team slowest = dataset.teams().stream().filter(team -> team.mttrFactor() > 2).findFirst().orElseThrow();
        double runnerUp = mttr.entrySet().stream().filter(entry -> !entry.getKey().equals(slowest.id())).mapToDouble(Map.Entry::getValue).max().orElseThrow();
        assertThat(mttr.get(slowest.id())).isGreaterThan(1.3 * runnerUp);
        assertThat(files.ndjson("incidents.ndjson")).anyMatch(incident -> incident.get("resolved_at").isNull());
    }

    @Test
    void textsAreFilledInAndVaried()
    {
        List<JsonNode> incidents = files.ndjson("incidents.ndjson");
        List<String> summaries = column(incidents, "summary");
        assertThat(summaries).allSatisfy(summary -> assertThat(summary.split("(?<=\\.) ")).hasSizeBetween(2, 4));
        assertThat(Set.copyOf(summaries).size()).isGreaterThan(summaries.size() * 9 / 10);
        assertThat(Set.copyOf(column(incidents, "title")).size()).isGreaterThan(200);

        List<String> texts = new ArrayList<>(summaries);
        texts.addAll(column(incidents, "title"));
        texts.addAll(column(files.ndjson("risks.ndjson"), "title"));
        texts.addAll(column(files.ndjson("risks.ndjson"), "description"));
        texts.addAll(column(files.csv("milestones.csv").rows(), "note"));
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain("{", "}", "null").matches("[A-Z0-9].*[.A-Za-z0-9)]"));
        assertThat(column(files.ndjson("risks.ndjson"), "description")).allSatisfy(description -> assertThat(description.split("(?<=\\.) ")).hasSizeBetween(2, 4));
    }

    private static void assertEachFlawOnce(SampleFiles files)
    {
        List<String> budgetLines = files.lines("budget_lines.csv");
        assertThat(budgetLines).filteredOn(String::isEmpty).hasSize(1);
        assertThat(budgetLines.indexOf("")).isBetween(budgetLines.size() / 4, budgetLines.size() * 3 / 4);
        assertThat(repeatedLines(budgetLines)).hasSize(1);
        assertThat(repeatedLines(files.lines("incidents.ndjson"))).hasSize(1);
        for (String file : List.of("programs.csv", "projects.csv", "teams.csv", "sprints.csv", "milestones.csv", "risks.ndjson", "okrs.ndjson")) {
            assertThat(files.lines(file)).as(file).doesNotContain("").doesNotHaveDuplicates();
        }

        assertThat(column(files.csv("projects.csv").rows(), "name")).filteredOn(name -> name.contains(",")).containsExactly("Payments, EMEA rollout");
        assertThat(column(files.csv("teams.csv").rows(), "name")).filteredOn(name -> name.contains(",")).containsExactly("Reporting, Insights & BI");

        List<Map<String, String>> milestones = files.csv("milestones.csv").rows();
        assertThat(column(milestones, "due_date")).filteredOn(date -> !date.matches(ISO_DATE)).singleElement().asString().matches("\\d{2}/\\d{2}/\\d{4}");
        assertThat(column(milestones, "completed_date")).allMatch(date -> date.isEmpty() || date.matches(ISO_DATE));
        List<Map<String, String>> sprints = files.csv("sprints.csv").rows();
        assertThat(column(sprints, "start_date")).filteredOn(date -> !date.matches(ISO_DATE)).singleElement().asString().matches("\\d{2}\\.\\d{2}\\.\\d{4}");
        assertThat(column(sprints, "end_date")).allMatch(date -> date.matches(ISO_DATE));

        assertThat(column(sprints, "team_id")).filteredOn(String::isEmpty).hasSize(1);
        assertThat(files.ndjson("risks.ndjson")).filteredOn(risk -> !risk.has("project_id")).hasSize(1);
        assertThat(files.ndjson("risks.ndjson")).allMatch(risk -> risk.get("raised_date").asText().matches(ISO_DATE));
        assertThat(files.csv("projects.csv").rows()).allMatch(project -> project.get("start_date").matches(ISO_DATE) && project.get("planned_end_date").matches(ISO_DATE));
    }

    private static List<String> repeatedLines(List<String> lines)
    {
        Set<String> seen = new HashSet<>();
        return lines.stream().filter(line -> !line.isEmpty() && !seen.add(line)).toList();
    }

    /**
     * Actual spend over plan in the months of a quarter that have actuals, the as-of month's plan prorated to the day.
     */
    private static double actualOverPlan(List<Map<String, String>> budget, Predicate<Map<String, String>> which, YearMonth quarterStart)
    {
        double planned = 0;
        double actual = 0;
        for (Map<String, String> line : budget) {
            YearMonth month = YearMonth.parse(line.get("month"));
            if (which.test(line) && !month.isBefore(quarterStart) && month.isBefore(quarterStart.plusMonths(3)) && !line.get("actual_usd").isEmpty()) {
                double booked = month.equals(YearMonth.from(AS_OF)) ? (double) AS_OF.getDayOfMonth() / month.lengthOfMonth() : 1;
                planned += Double.parseDouble(line.get("planned_usd")) * booked;
                actual += Double.parseDouble(line.get("actual_usd"));
            }
        }
        return actual / planned;
    }

    private static double completion(List<Map<String, String>> sprints)
    {
        return sum(sprints, "completed_points") / sum(sprints, "committed_points");
    }

    private static double sum(List<Map<String, String>> rows, String column)
    {
        return rows.stream().mapToDouble(row -> Double.parseDouble(row.get(column))).sum();
    }

    private static List<Double> hours(List<JsonNode> incidents, String severity)
    {
        return incidents.stream().filter(incident -> incident.get("severity").asText().equals(severity)).map(TestSampleGenerator::hours).toList();
    }

    private static double hours(JsonNode incident)
    {
        return Duration.between(Instant.parse(incident.get("opened_at").asText()), Instant.parse(incident.get("resolved_at").asText())).toMinutes() / 60.0;
    }

    private static double median(List<Double> values)
    {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<List<String>> fieldSets(String file)
    {
        return files.ndjson(file).stream().map(object -> {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            return fields;
        }).distinct().toList();
    }

    private static List<String> column(List<?> rows, String name)
    {
        return rows.stream().map(row -> switch (row) {
            case JsonNode node -> node.get(name).asText();
            case Map<?, ?> map -> (String) map.get(name);
            default -> throw new IllegalArgumentException(row.toString());
        }).toList();
    }

    private static Map<String, String> index(List<Map<String, String>> rows, String key, String value)
    {
        return rows.stream().collect(Collectors.toMap(row -> row.get(key), row -> row.get(value)));
    }

    private static int total(Map<String, Integer> rows, Collection<String> files)
    {
        return files.stream().mapToInt(rows::get).sum();
    }
}
