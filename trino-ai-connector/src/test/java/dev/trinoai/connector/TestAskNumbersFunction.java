package dev.trinoai.connector;

import io.trino.Session;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ai.system.ask_numbers} over the seed-42 sample: the metric query's own table, typed columns decided at
 * analysis, every number checked against SQL run directly in PostgreSQL.
 */
final class TestAskNumbersFunction
        extends AbstractSampleQueryTest
{
    @Test
    void columnsAreTheGroupByAndTheMetricWithTheirTypes()
    {
        MaterializedResult result = numbers("Which programs are over budget this quarter?");
        // the value is never without its unit and the days it covers
        assertThat(result.getColumnNames()).containsExactly("program", "budget_variance_pct", "unit", "period_start", "period_end");
        assertThat(result.getTypes()).containsExactly(VARCHAR, DOUBLE, VARCHAR, DATE, DATE);
        assertThat(result.getMaterializedRows()).allSatisfy(row -> assertThat(row.getFields().subList(2, 5))
                .containsExactly("%", LocalDate.of(2026, 10, 1), TestingSampleWarehouse.AS_OF));
        assertThat(computeActual("SELECT * FROM TABLE(ai.system.ask_numbers(question => 'Actual spend by year')) LIMIT 0").getTypes())
                .containsExactly(INTEGER, DOUBLE, VARCHAR, DATE, DATE);
    }

    @Test
    void rowsAreTheRowsOfTheSql()
    {
        Map<String, Double> expected = warehouse.numbers(TestingSampleWarehouse.OVER_BUDGET_THIS_QUARTER);
        assertThat(expected).isNotEmpty();
        Map<String, Double> actual = rows(numbers("Which programs are over budget this quarter?"));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((program, value) -> assertThat(actual.get(program)).as(program).isCloseTo(value, within(1e-9)));
    }

    @Test
    void weeksAreDatesThatTrinoCanFilterAndJoinOn()
    {
        Map<String, Double> expected = warehouse.numbers("""
                SELECT d.week_start::text, sum(f.actual_usd)
                FROM star.fact_budget f JOIN star.dim_date d ON d.date_key = f.month_key
                WHERE d.date BETWEEN DATE '2026-10-01' AND DATE '2026-12-31' AND d.week_start >= DATE '2026-10-01'
                GROUP BY 1 HAVING sum(f.actual_usd) IS NOT NULL ORDER BY 1
                """);
        MaterializedResult result = computeActual("""
                SELECT week, actual_spend FROM TABLE(ai.system.ask_numbers(question => 'Actual spend by week this quarter'))
                WHERE week >= DATE '2026-10-01' ORDER BY week
                """);
        assertThat(result.getTypes()).containsExactly(DATE, DOUBLE);
        Map<String, Double> got = new LinkedHashMap<>();
        for (MaterializedRow row : result.getMaterializedRows()) {
            got.put(((LocalDate) row.getField(0)).toString(), (Double) row.getField(1));
        }
        assertThat(got).isNotEmpty().containsExactlyEntriesOf(expected);
    }

    @Test
    void monthsAndQuartersAreTheDatesOfTheirFirstDays()
    {
        Map<String, Double> expected = warehouse.numbers("""
                SELECT d.month_label || '-01', sum(f.actual_usd)
                FROM star.fact_budget f JOIN star.dim_date d ON d.date_key = f.month_key
                WHERE d.date BETWEEN DATE '2026-01-01' AND DATE '2026-12-31'
                GROUP BY 1 HAVING sum(f.actual_usd) IS NOT NULL ORDER BY 1
                """);
        MaterializedResult months = computeActual("SELECT month, actual_spend FROM TABLE(ai.system.ask_numbers(question => 'Actual spend by month this year')) ORDER BY month");
        assertThat(months.getTypes()).containsExactly(DATE, DOUBLE);
        Map<String, Double> got = new LinkedHashMap<>();
        for (MaterializedRow row : months.getMaterializedRows()) {
            got.put(((LocalDate) row.getField(0)).toString(), (Double) row.getField(1));
        }
        assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((month, value) -> assertThat(got.get(month)).as(month).isCloseTo(value, within(1e-6)));
        assertThat(computeActual("SELECT DISTINCT quarter FROM TABLE(ai.system.ask_numbers(question => 'Actual spend by quarter this year')) ORDER BY 1").getOnlyColumn().toList())
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1), LocalDate.of(2026, 10, 1));
    }

    @Test
    void theScorecardIsARowPerMetric()
    {
        String question = "How is Apollo doing this quarter?";
        MaterializedResult result = numbers(question);
        assertThat(result.getColumnNames()).containsExactly("metric", "value", "unit", "period_start", "period_end");
        Map<String, Double> table = rows(result);
        Map<String, Double> asked = new LinkedHashMap<>();
        computeActual("SELECT metric, value FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'number'".formatted(question))
                .getMaterializedRows().forEach(row -> asked.put((String) row.getField(0), (Double) row.getField(1)));
        // every number ask() answers with, one row each; the unit goes with it
        assertThat(asked).hasSizeGreaterThan(2);
        asked.forEach((metric, value) -> assertThat(table.get(metric)).as(metric).isCloseTo(value, within(1e-9)));
        assertThat(computeActual("SELECT unit FROM TABLE(ai.system.ask_numbers(question => '%s')) WHERE metric = 'budget_variance_pct'".formatted(question)).getOnlyValue()).isEqualTo("%");
    }

    @Test
    void theSessionFixesToday()
    {
        Session june = Session.builder(getSession()).setCatalogSessionProperty("ai", "reference_date", "2026-06-30").build();
        double expected = warehouse.numbers("""
                SELECT 'Apollo', 100.0 * (sum(f.actual_usd) / NULLIF(sum(f.planned_usd) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1) -- June is closed on 2026-06-30
                FROM star.fact_budget f
                JOIN star.dim_project pj ON pj.project_key = f.project_key
                JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE f.month_key BETWEEN 20260401 AND 20260630 AND pg.name = 'Apollo'
                """).get("Apollo");
        assertThat((Double) computeScalar(june, "SELECT budget_variance_pct FROM TABLE(ai.system.ask_numbers(question => 'budget variance % for Apollo this quarter'))"))
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void aDeclinedQuestionFailsWithTheReason()
    {
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask_numbers(question => 'What is the median MTTR of the Zeus program?'))",
                "I did not answer with numbers: .*Zeus.*");
    }

    @Test
    void aQuestionWithoutNumbersFailsAndPointsToAsk()
    {
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask_numbers(question => 'What are the main risks for Apollo?'))",
                "This question asks for no numbers.*use ask\\(\\) for an answer in words\\.");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask_numbers(question => ' '))", "The question is empty.*");
    }

    private MaterializedResult numbers(String question)
    {
        return computeActual("SELECT * FROM TABLE(ai.system.ask_numbers(question => '%s'))".formatted(question));
    }

    private static Map<String, Double> rows(MaterializedResult result)
    {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (MaterializedRow row : result.getMaterializedRows()) {
            rows.put((String) row.getField(0), (Double) row.getField(1));
        }
        return rows;
    }
}
