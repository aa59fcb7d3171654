package dev.trinoai.core.model;

import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the validator lets through to the SQL compiler and the retriever, over the shipped semantic model: only the
 * model's names, slices a metric's table can reach, and periods that resolve on the plan's own reference date.
 */
final class TestPlanValidator
{
    private static final SemanticModel MODEL = SemanticModelLoader.load(TestingSemanticModels.SHIPPED);
    private static final PlanValidator VALIDATOR = new PlanValidator(MODEL);
    private static final LocalDate NOVEMBER_25 = LocalDate.of(2026, 11, 25);
    private static final LocalDate NOVEMBER_30 = LocalDate.of(2026, 11, 30);

    @Test
    void everyVerifiedQuestionsPlanIsValid()
    {
        assertThat(MODEL.verifiedQuestions()).isNotEmpty().allSatisfy(verified -> assertThat(VALIDATOR.problems(verified.plan(), NOVEMBER_25)).as(verified.question()).isEmpty());
    }

    @Test
    void anUnknownMetricIsRefusedNamingTheKnownOnes()
    {
        assertThat(problems(metric(new MetricQuery("median_mttr", List.of("team"), Map.of(), null, null, null, null))))
                .containsExactly("unknown metric 'median_mttr' (known: %s)".formatted(String.join(", ", MODEL.metrics().keySet())));
    }

    @Test
    void aSliceTheMetricsTableCannotReachIsRefused()
    {
        // OKRs belong to programs, not to teams
        assertThat(problems(metric(new MetricQuery("okr_progress", List.of("team"), Map.of(), null, null, null, null))))
                .containsExactly("metric okr_progress cannot be sliced by team");
        assertThat(problems(metric(new MetricQuery("okr_progress", List.of("program"), Map.of("team", List.of("Payments")), null, null, null, null))))
                .containsExactly("metric okr_progress cannot be sliced by team");
        assertThat(problems(metric(new MetricQuery("incident_count", List.of("sprint"), Map.of(), null, null, null, null))))
                .containsExactly("metric incident_count is not measured per sprint");
        assertThat(problems(metric(new MetricQuery("okr_progress", List.of("program"), Map.of(), null, null, null, null)))).isEmpty();
    }

    @Test
    void anUnknownDimensionIsRefusedNamingTheDimensionsAndTimeGrains()
    {
        assertThat(problems(metric(new MetricQuery("mttr", List.of("galaxy"), Map.of(), null, null, null, null))))
                .singleElement().asString()
                .startsWith("unknown dimension 'galaxy' (known: program, portfolio, ")
                .endsWith(", and the time grains day, week, sprint, month, quarter, fiscal_quarter, year, fiscal_year)");
    }

    @Test
    void aFilterWithoutValuesIsRefused()
    {
        assertThat(problems(metric(new MetricQuery("mttr", List.of(), Map.of("program", List.of()), null, null, null, null))))
                .containsExactly("the filter on program has no values");
    }

    @Test
    void aPeriodIsResolvedOnThePlansReferenceDateNotOnTheClock()
    {
        // nothing is left of November on its last day
        Plan restOfMonth = metric(new MetricQuery("incident_count", List.of(), Map.of(), "the rest of this month", null, null, null));
        assertThat(VALIDATOR.problems(restOfMonth, NOVEMBER_25)).isEmpty();
        assertThat(VALIDATOR.problems(restOfMonth, NOVEMBER_30)).containsExactly("the period 'the rest of this month' is not understood");

        Plan retrieval = new Plan(List.of(), List.of(new Retrieval("vendor delays", List.of("risk"), Map.of(), "the rest of this month", false, null)));
        assertThat(VALIDATOR.problems(retrieval, NOVEMBER_25)).isEmpty();
        assertThat(VALIDATOR.problems(retrieval, NOVEMBER_30)).containsExactly("the period 'the rest of this month' of a retrieval is not understood");
    }

    @Test
    void aPeriodInNoWordsTheEngineKnowsIsRefused()
    {
        assertThat(problems(metric(new MetricQuery("incident_count", List.of(), Map.of(), "since the merger", null, null, null))))
                .containsExactly("the period 'since the merger' is not understood");
    }

    @Test
    void orderLimitAndCitationCountsAreBounded()
    {
        assertThat(problems(metric(new MetricQuery("mttr", List.of("team"), Map.of(), null, null, "random", 0))))
                .satisfiesExactly(
                        order -> assertThat(order).startsWith("order must be one of [").contains("desc", "asc", "time").endsWith("], not 'random'"),
                        limit -> assertThat(limit).isEqualTo("limit must be between 1 and 1000"));
        assertThat(problems(metric(new MetricQuery("mttr", List.of("team"), Map.of(), null, null, "asc", 1001)))).containsExactly("limit must be between 1 and 1000");
        assertThat(problems(metric(new MetricQuery("mttr", List.of("team"), Map.of(), null, null, "time", 1000)))).isEmpty();
        assertThat(problems(new Plan(List.of(), List.of(new Retrieval("vendor delays", List.of(), Map.of(), null, false, 51))))).containsExactly("k must be between 1 and 50");
    }

    @Test
    void aRetrievalMayNameOnlyTheModelsTextSourcesAndDimensions()
    {
        assertThat(problems(new Plan(List.of(), List.of(new Retrieval("vendor delays", List.of("risk", "email"), Map.of("galaxy", List.of("Andromeda")), null, false, null)))))
                .containsExactly(
                        "unknown text source 'email' (known: %s)".formatted(String.join(", ", MODEL.textSources().keySet())),
                        "unknown dimension 'galaxy'");
    }

    private static Plan metric(MetricQuery query)
    {
        return new Plan(List.of(query), List.of());
    }

    private static List<String> problems(Plan plan)
    {
        return VALIDATOR.problems(plan, NOVEMBER_25);
    }
}
