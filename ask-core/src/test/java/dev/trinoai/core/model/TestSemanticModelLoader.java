package dev.trinoai.core.model;

import dev.trinoai.core.time.FiscalYear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Month;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSemanticModelLoader
{
    static final Path MODEL = Path.of("../etc/ai/semantic-model.yaml");

    private static final String TABLES = """
            schema: star
            tables:
              dim_program:
                key: program_key
              fact_budget:
                joins: {dim_program: program_key}
                date: month_key
            dimensions:
              program:
                table: dim_program
                column: name
            """;

    private static final String VARIANCES = """
            metrics:
              variance:
                table: fact_budget
                sql: sum(f.actual_usd) - sum(f.planned_usd)
                unit: USD
                description: actual minus planned
              variance_pct:
                table: fact_budget
                sql: 100.0 * (sum(f.actual_usd) / sum(f.planned_usd) - 1)
                unit: "%"
                description: the variance as a percentage of the plan
              programs:
                table: dim_program
                sql: count(*)
                unit: "%"
                description: not a variance
            """;

    @Test
    void theRepositoryModelLoads()
    {
        SemanticModel model = SemanticModelLoader.load(MODEL);
        assertThat(model.metrics()).containsKeys("planned_budget", "actual_spend", "forecast_spend", "budget_variance", "budget_variance_pct",
                "burn_rate", "velocity", "say_do_ratio", "incident_count", "mttr", "milestone_on_time_rate", "overdue_milestones", "open_risks", "okr_progress");
        assertThat(model.textSources()).containsKeys("risk", "milestone", "okr", "incident");
        assertThat(model.verifiedQuestions()).isNotEmpty();
        assertThat(model.overBudget()).contains(new OverBudget("budget_variance", "budget_variance_pct", Optional.of(new OverBudget.Sides("planned_budget", "actual_spend"))));
    }

    @Test
    void overBudgetIsOptional()
    {
        assertThat(SemanticModelLoader.parse("model.yaml", new StringReader(TABLES + VARIANCES)).overBudget()).isEmpty();
        assertThat(TestingSemanticModels.withoutOverBudget().overBudget()).isEmpty();
        assertThat(TestingSemanticModels.overBudgetRenamed().overBudget()).map(OverBudget::amount).contains("spend_variance");
    }

    @Test
    void overBudgetNamesAnAmountAndAPercentageOfOneTable()
    {
        assertThat(SemanticModelLoader.parse("model.yaml", new StringReader(TABLES + VARIANCES + "over_budget: {amount: variance, percent: variance_pct}\n")).overBudget())
                .contains(new OverBudget("variance", "variance_pct"));
        String[][] problems = {
                {"over_budget: {amount: budget_variance, percent: variance_pct}", "line 28: the amount of over_budget names 'budget_variance', which is not a metric (variance, variance_pct, programs)"},
                {"over_budget:\n  amount: variance\n  percent: variance_percent", "line 30: the percent of over_budget names 'variance_percent', which is not a metric (variance, variance_pct, programs)"},
                {"over_budget: {amount: variance}", "line 28: 'percent' is missing"},
                {"over_budget: {amount: variance, percent: variance_pct, currency: USD}", "line 28: unknown key 'currency' in over_budget (known: actual, amount, percent, plan)"},
                {"over_budget: {amount: variance, percent: variance_pct, plan: spend}", "line 28: over_budget names its plan but not its actual: name both sides of the variance, or neither"},
                {"over_budget: {amount: variance, percent: variance_pct, plan: programs, actual: variance}", "line 28: the plan and the actual of over_budget must be over the variance's table fact_budget, but programs is over dim_program"},
                {"over_budget: {amount: variance, percent: programs}", "line 28: the amount and the percent of over_budget must share a table, but variance is over fact_budget and programs over dim_program"},
                {"over_budget: {amount: variance, percent: variance}", "line 28: the percent of over_budget, variance, has unit 'USD', not '%'"},
                {"scorecard: [variance, spend]", "line 28: the scorecard names 'spend', which is not a metric (variance, variance_pct, programs)"}};
        for (String[] problem : problems) {
            assertProblem(TABLES + VARIANCES + problem[0] + "\n", "model.yaml: " + problem[1]);
        }
    }

    @Test
    void joinsFollowTheTablesInOrder()
    {
        SemanticModel model = SemanticModelLoader.load(MODEL);
        Dimension program = model.dimension("program").orElseThrow();
        // sprints reach their program through the team, the first join listed
        assertThat(model.pathTo("fact_sprint", program).orElseThrow())
                .extracting(Join::table)
                .containsExactly("dim_team", "dim_program");
        assertThat(model.pathTo("fact_budget", program).orElseThrow())
                .extracting(join -> join.sql("star"))
                .containsExactly(
                        "LEFT JOIN star.dim_project AS dim_project ON dim_project.project_key = f.project_key",
                        "LEFT JOIN star.dim_program AS dim_program ON dim_program.program_key = dim_project.program_key");
        assertThat(model.pathTo("fact_budget", model.dimension("category").orElseThrow()).orElseThrow()).isEmpty();
        assertThat(model.reaches("fact_budget", model.dimension("team").orElseThrow())).isFalse();
    }

    @Test
    void textSourcesReadTheirMetadataThroughTheJoins()
    {
        SemanticModel model = SemanticModelLoader.load(MODEL);
        assertThat(TextSourceQuery.sql(model, model.textSources().get("risk"))).isEqualTo(
                "SELECT f.risk_code::text AS id, f.title::text AS title, concat_ws(E'\\n\\n', f.title, f.description) AS text, "
                        + "(SELECT d.date FROM star.dim_date AS d WHERE d.date_key = f.raised_date_key) AS date, "
                        + "dim_program.name::text AS program, dim_project.name::text AS project, f.severity::text AS risk_severity, f.status::text AS risk_status "
                        + "FROM star.fact_risk AS f "
                        + "LEFT JOIN star.dim_project AS dim_project ON dim_project.project_key = f.project_key "
                        + "LEFT JOIN star.dim_program AS dim_program ON dim_program.program_key = dim_project.program_key ORDER BY 1");
    }

    @Test
    void problemsNameTheFileAndLine()
    {
        assertProblem(TABLES + "metrics:\n  spend:\n    table: fact_budget\n    sql: sum(f.actual_usd)\n    unit: USD\n    description: x\n    colour: red\n",
                "model.yaml: line 18: unknown key 'colour' in metric spend");
        assertProblem(TABLES + "metrics:\n  spend:\n    table: fact_nothing\n    sql: sum(f.actual_usd)\n    unit: USD\n    description: x\n",
                "model.yaml: line 14: metric spend uses table fact_nothing, which is not among the tables");
        assertProblem(TABLES + "metrics:\n  spend:\n    table: fact_budget\n    sql: sum(f.actual_usd); DROP TABLE x\n    unit: USD\n    description: x\n",
                "model.yaml: line 15: the sql of metric spend must be one expression");
        assertProblem(TABLES + "metrics:\n  spend:\n    table: fact_budget\n    unit: USD\n    description: x\n",
                "model.yaml: line 14: 'sql' is missing");
        assertProblem(TABLES + """
                metrics:
                  spend:
                    table: fact_budget
                    sql: sum(f.actual_usd)
                    unit: USD
                    description: x
                verified_questions:
                  - question: Spend by team?
                    plan:
                      metrics:
                        - metric: spend
                          group_by: [team]
                """, "model.yaml: line 21: the plan of \"Spend by team?\": unknown dimension 'team'");
        assertProblem(TABLES.replace("date: month_key\n", "date: month_key\n    date_grain: weekly\n"),
                "model.yaml: line 8: date_grain of table fact_budget is \"weekly\": it is day (the default) or month");
        assertProblem(TABLES + "metrics: [\n", "model.yaml: line");
        assertProblem("fiscal_year_start_month: 13\n" + TABLES + VARIANCES,
                "model.yaml: line 1: fiscal_year_start_month is '13'; it must be the number of the month the fiscal year starts in, 1 to 12 (7 for 1 July)");
    }

    @Test
    void aModelIsTheDomainItNamesElseItsFilesWithItsOwnFiscalYear()
    {
        SemanticModel named = SemanticModelLoader.parse("etc/ai/models/jira.yaml", new StringReader("domain: delivery\nfiscal_year_start_month: 10\n" + TABLES + VARIANCES));
        assertThat(named.domain()).isEqualTo("delivery");
        assertThat(named.fiscalYear()).isEqualTo(new FiscalYear(Month.OCTOBER));
        SemanticModel unnamed = SemanticModelLoader.parse("etc/ai/models/jira.yaml", new StringReader(TABLES + VARIANCES));
        assertThat(unnamed.domain()).isEqualTo("jira");
        assertThat(unnamed.fiscalYear()).isEqualTo(FiscalYear.JULY);
    }

    @Test
    void theDomainsOfAFolderLoadAfterTheModelFileAndShareNoMetric(@TempDir Path folder)
            throws IOException
    {
        Files.writeString(folder.resolve("b.yaml"), TABLES + VARIANCES.replace("  variance:", "  other_variance:").replace("  variance_pct:", "  other_pct:").replace("  programs:", "  other_programs:"));
        Files.writeString(folder.resolve("a.txt"), "not a model");
        assertThat(SemanticModelLoader.loadDomains(MODEL, Optional.of(folder))).extracting(SemanticModel::domain).containsExactly("pmo", "b");
        Files.writeString(folder.resolve("c.yaml"), TABLES + VARIANCES);
        Files.writeString(folder.resolve("d.yaml"), TABLES + VARIANCES);
        assertThatThrownBy(() -> SemanticModelLoader.loadDomains(MODEL, Optional.of(folder)))
                .isInstanceOf(SemanticModelException.class)
                .hasMessageContaining("c.yaml and ")
                .hasMessageContaining("d.yaml both define the metric variance: a metric belongs to one domain");
        assertThatThrownBy(() -> SemanticModelLoader.loadDomains(MODEL, Optional.of(folder.resolve("missing"))))
                .isInstanceOf(SemanticModelException.class)
                .hasMessageContaining("Set ai.semantic-model.domains to the folder");
    }

    private static void assertProblem(String yaml, String message)
    {
        assertThatThrownBy(() -> SemanticModelLoader.parse("model.yaml", new StringReader(yaml)))
                .isInstanceOf(SemanticModelException.class)
                .hasMessageContaining(message);
    }
}
