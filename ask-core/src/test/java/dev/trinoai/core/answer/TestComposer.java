package dev.trinoai.core.answer;

import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TestingSemanticModels;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Over budget" and "under budget" in answers come from the model's over_budget, not from the metrics' names.
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
