package dev.trinoai.core.sql;

import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.time.Period;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a metric query becomes a statement over the shipped semantic model: its period, the period in progress, and
 * the parameters bound for them.
 */
final class TestSqlCompiler
{
    private static final SemanticModel MODEL = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
    private static final SqlCompiler COMPILER = new SqlCompiler(MODEL);
    private static final LocalDate DECEMBER_7 = LocalDate.of(2026, 12, 7);

    @Test
    void theOpenMonthsPlanIsProratedByTheDaysElapsed()
    {
        CompiledQuery query = compile(new MetricQuery("budget_variance_pct", List.of("program"), Map.of(), "this quarter", null, "desc", null));
        assertThat(query.sql()).contains("f.planned_usd * (CASE WHEN f.month_key >= ? THEN 0.0 WHEN f.month_key >= ? THEN ? ELSE 1.0 END)");
        // the month after the open one, the open one, and 7 of its 31 days
        assertThat(query.parameters()).containsSubsequence(20270101, 20261201, 7.0 / 31);
    }

    @Test
    void aRankingKeepsTheGroupsTiedAtItsCutOff()
    {
        CompiledQuery ranked = compile(new MetricQuery("incident_count", List.of("program"), Map.of(), "this year", null, "desc", 3));
        assertThat(ranked.sql()).contains("ORDER BY value DESC NULLS LAST\nFETCH FIRST ? ROWS WITH TIES\n) AS ranked");
        assertThat(ranked.parameters()).endsWith(3, 1001);
        // a trend over time is cut by time, where no two slices tie
        assertThat(compile(new MetricQuery("incident_count", List.of("month"), Map.of(), "this year", null, "time", 3)).sql()).doesNotContain("WITH TIES");
    }

    @Test
    void aBurnRateCountsClosedMonthsOnly()
    {
        CompiledQuery query = compile(new MetricQuery("burn_rate", List.of(), Map.of(), "this quarter", null, "desc", null));
        assertThat(query.sql()).contains("f.month_key < ?");
        assertThat(query.parameters()).contains(20261201);
    }

    @Test
    void aQueryWithoutAPeriodIsAskedOverTheMetricsDefault()
    {
        assertThat(compile(new MetricQuery("actual_spend", List.of(), Map.of(), null, null, "desc", null)).period())
                .hasValueSatisfying(period -> assertThat(period).extracting(Period::from, Period::to).containsExactly(LocalDate.of(2026, 7, 1), DECEMBER_7));
        assertThat(compile(new MetricQuery("okr_progress", List.of(), Map.of(), null, null, "desc", null)).period())
                .hasValueSatisfying(period -> assertThat(period.from()).isEqualTo(LocalDate.of(2026, 10, 1)));
        // what is open now is counted whenever it was raised
        CompiledQuery open = compile(new MetricQuery("open_risks", List.of(), Map.of(), null, null, "desc", null));
        assertThat(open.period()).isEmpty();
        assertThat(open.sql()).doesNotContain("dim_date");
    }

    @Test
    void allTimeHasNoDateFilter()
    {
        CompiledQuery query = compile(new MetricQuery("actual_spend", List.of(), Map.of(), "all time", null, "desc", null));
        assertThat(query.period()).hasValueSatisfying(period -> assertThat(period.isAllTime()).isTrue());
        assertThat(query.sql()).doesNotContain("d.date BETWEEN");
    }

    @Test
    void anEventMeasureIsPlacedInTimeByItsOwnDate()
    {
        assertThat(compile(new MetricQuery("risks_closed", List.of(), Map.of(), "this year", null, "desc", null)).sql())
                .contains("d.date_key = f.closed_date_key");
        assertThat(compile(new MetricQuery("risk_count", List.of(), Map.of(), "this year", null, "desc", null)).sql())
                .contains("d.date_key = f.raised_date_key");
    }

    private static CompiledQuery compile(MetricQuery query)
    {
        return COMPILER.compile(query, DECEMBER_7, 1000, AccessScope.ALL);
    }
}
