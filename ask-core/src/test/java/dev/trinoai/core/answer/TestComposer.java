package dev.trinoai.core.answer;

import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.core.sql.SqlCompiler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How answers are worded: what was computed, over which period, and "over budget" and "under budget" from the
 * model's over_budget, not from the metrics' names.
 */
final class TestComposer
{
    @Test
    void theModelsOverBudgetMetricsSayOverOrUnderBudget()
    {
        SemanticModel model = TestingSemanticModels.overBudgetRenamed();
        assertThat(compose(model, "overrun_share", List.of("program"), new Comparison(">", 0), row("Apollo", 14.75), row("Juniper", 14.07)))
                .isEqualTo("2 programs are over budget: Apollo by 14.8%, Juniper by 14.1%.");
        assertThat(compose(model, "spend_variance", List.of("program"), new Comparison(">", 0), row("Apollo", 171_893.68)))
                .isEqualTo("In dollars, against plan: Apollo by $171,894.");
        assertThat(compose(model, "spend_variance", List.of("program"), new Comparison("<", 0)))
                .isEqualTo("No program is under budget.");
        assertThat(compose(model, "spend_variance", List.of(), null, new MetricResult.Row(List.of(), -171_893.68)))
                .isEqualTo("Spend variance: under budget by $171,894.");
    }

    @Test
    void withoutOverBudgetAVarianceIsANumberLikeAnyOther()
    {
        SemanticModel model = TestingSemanticModels.withoutOverBudget();
        assertThat(compose(model, "budget_variance", List.of(), null, new MetricResult.Row(List.of(), -171_893.68)))
                .isEqualTo("Budget variance is -$171,894.");
        assertThat(compose(model, "budget_variance_pct", List.of("program"), new Comparison(">", 0), row("Apollo", 14.75)))
                .isEqualTo("Budget variance % by program (where it is above 0.0%): Apollo 14.8%.");
    }

    @Test
    void everyAnswerOpensWithWhatWasComputedAndOverWhichPeriod()
    {
        SemanticModel model = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
        LocalDate december7 = LocalDate.of(2026, 12, 7);
        SqlCompiler compiler = new SqlCompiler(model);
        Composer composer = new Composer(model);
        assertThat(composer.restate(compiler.compile(new MetricQuery("budget_variance_pct", List.of("program"), Map.of(), "this quarter", new Comparison(">", 0), "desc", null), december7, 100, AccessScope.ALL)))
                .isEqualTo("Budget variance % by program, this quarter (2026-10-01 to 2026-12-31), to date 2026-12-07, plan to date: the open month's plan prorated by the days elapsed, where it is above 0.0%.");
        assertThat(composer.restate(compiler.compile(new MetricQuery("mttr", List.of(), Map.of("team", List.of("Payments")), null, null, "desc", null), december7, 100, AccessScope.ALL)))
                .isEqualTo("MTTR for team Payments, fiscal year to date (2026-07-01 to 2026-12-07).");
        assertThat(composer.restate(compiler.compile(new MetricQuery("open_risks", List.of(), Map.of(), null, null, "desc", null), december7, 100, AccessScope.ALL)))
                .isEqualTo("Open risks, as of 2026-12-07.");
    }

    @Test
    void aSliceInProgressIsNotReportedAsATrend()
    {
        SemanticModel model = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
        MetricQuery query = new MetricQuery("actual_spend", List.of("month"), Map.of(), "this quarter", null, "time", null);
        CompiledQuery compiled = new SqlCompiler(model).compile(query, LocalDate.of(2026, 12, 7), 100, AccessScope.ALL);
        String answer = new Composer(model).compose(List.of(new MetricResult(compiled, List.of(row("2026-10", 900_000), row("2026-11", 1_000_000), row("2026-12", 200_000)), false)), List.of()).getFirst();
        assertThat(answer).contains("went up from $900,000 in 2026-10 to $1,000,000 in 2026-11")
                .contains("2026-12 is still in progress (to 2026-12-07), so it is not part of the trend")
                .doesNotContain("went down");
    }

    private static String compose(SemanticModel model, String metric, List<String> groups, Comparison having, MetricResult.Row... rows)
    {
        MetricQuery query = new MetricQuery(metric, groups, Map.of(), null, having, "desc", null);
        CompiledQuery compiled = new CompiledQuery(query, model.metric(metric).orElseThrow(), "SELECT 1", List.of(), groups, Optional.empty(), LocalDate.of(2026, 11, 25));
        return new Composer(model).compose(List.of(new MetricResult(compiled, List.of(rows), false)), List.of()).getFirst();
    }

    private static MetricResult.Row row(String group, double value)
    {
        return new MetricResult.Row(List.of(group), value);
    }
}
