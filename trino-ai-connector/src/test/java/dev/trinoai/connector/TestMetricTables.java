package dev.trinoai.connector;

import dev.trinoai.core.model.SemanticModelLoader;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ai.metrics} and {@code ai.model} over the seed-42 sample: every metric a table, its numbers at the query's
 * grain computed by the metric's own SQL (checked against SQL written by hand), the aggregation pushed down, and what
 * would be a wrong number refused.
 */
final class TestMetricTables
        extends AbstractSampleQueryTest
{
    /** Budget variance % by program over 2026-Q3, a quarter closed on the reference date, written by hand. */
    static final String VARIANCE_BY_PROGRAM_2026_Q3 = """
            SELECT pg.name, 100.0 * (sum(f.actual_usd) / NULLIF(sum(f.planned_usd) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1)
            FROM star.fact_budget f
            JOIN star.dim_project pj ON pj.project_key = f.project_key
            JOIN star.dim_program pg ON pg.program_key = pj.program_key
            WHERE f.month_key BETWEEN 20260701 AND 20260930
            GROUP BY 1
            HAVING sum(f.planned_usd) FILTER (WHERE f.actual_usd IS NOT NULL) > 0
            ORDER BY 1
            """;

    @Test
    void everyMetricIsATableWithItsDimensionsTimeColumnsUnitAndValue()
    {
        List<Object> tables = computeActual("SHOW TABLES FROM ai.metrics").getOnlyColumn().toList();
        assertThat(tables).containsExactlyInAnyOrderElementsOf(SemanticModelLoader.load(TestingSampleWarehouse.SEMANTIC_MODEL).metrics().keySet());

        MaterializedResult columns = computeActual("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'metrics' AND table_name = 'budget_variance_pct' ORDER BY ordinal_position");
        Map<Object, Object> types = new LinkedHashMap<>();
        columns.getMaterializedRows().forEach(row -> types.put(row.getField(0), row.getField(1)));
        // the dimensions fact_budget reaches, not team or service
        assertThat(types).containsExactly(
                Map.entry("program", "varchar"), Map.entry("portfolio", "varchar"), Map.entry("program_status", "varchar"),
                Map.entry("project", "varchar"), Map.entry("project_status", "varchar"), Map.entry("category", "varchar"),
                Map.entry("day", "date"), Map.entry("week", "date"), Map.entry("month", "date"), Map.entry("quarter", "date"),
                Map.entry("fiscal_quarter", "varchar"), Map.entry("year", "integer"), Map.entry("fiscal_year", "integer"),
                Map.entry("unit", "varchar"), Map.entry("value", "double"));
        // sprints are a time column of the tables of sprints only
        assertThat(computeActual("SELECT column_name FROM information_schema.columns WHERE table_schema = 'metrics' AND table_name = 'velocity'").getOnlyColumn().toList()).contains("team", "sprint");

        assertThat((String) computeScalar("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'ai' AND schema_name = 'metrics' AND table_name = 'budget_variance_pct'"))
                .startsWith("Budget variance as a percentage of the plan to date").contains("In %.").contains("Lower is better.");
        assertThat((String) computeScalar("SELECT comment FROM information_schema.columns WHERE table_schema = 'metrics' AND table_name = 'budget_variance_pct' AND column_name = 'program'"))
                .isEqualTo("The program (dim_program.name). Also called: program, programs, programme, programmes, initiative, initiatives.");
    }

    @Test
    void aRatioIsComputedFromItsPartsWhereANaiveSumWouldBeWrong()
    {
        Map<String, Double> expected = warehouse.numbers(VARIANCE_BY_PROGRAM_2026_Q3);
        assertThat(expected).hasSizeGreaterThan(3);
        Map<String, Double> pushed = byFirstColumn(computeActual(
                "SELECT program, sum(value) FROM ai.metrics.budget_variance_pct WHERE quarter = DATE '2026-07-01' GROUP BY program ORDER BY program"));
        assertThat(pushed.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((program, value) -> assertThat(pushed.get(program)).as(program).isCloseTo(value, within(1e-9)));

        // the naive number: the finest rows (a project's budget line in a month) fetched, then added up per program
        Map<String, Double> naive = new HashMap<>();
        for (MaterializedRow row : computeActual("SELECT program, value FROM ai.metrics.budget_variance_pct WHERE quarter = DATE '2026-07-01'").getMaterializedRows()) {
            naive.merge((String) row.getField(0), (Double) row.getField(1), Double::sum);
        }
        // Apollo's variance is a few percent; the sum of its lines' percentages is another number altogether
        assertThat(naive.get("Apollo")).isNotCloseTo(expected.get("Apollo"), within(1.0));
        assertThat(naive.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void everyAggregateOfValueIsTheMetricAtTheGrain()
    {
        Map<String, Double> expected = warehouse.numbers(VARIANCE_BY_PROGRAM_2026_Q3);
        MaterializedResult result = computeActual("""
                SELECT program, sum(value), avg(value), min(value), max(value), any_value(value)
                FROM ai.metrics.budget_variance_pct WHERE fiscal_quarter = 'FY2027-Q1' GROUP BY program ORDER BY program
                """);
        assertThat(result.getRowCount()).isEqualTo(expected.size());
        for (MaterializedRow row : result.getMaterializedRows()) {
            for (int i = 1; i <= 5; i++) {
                assertThat((Double) row.getField(i)).as("%s, aggregate %d", row.getField(0), i).isCloseTo(expected.get((String) row.getField(0)), within(1e-9));
            }
        }
    }

    @Test
    void anAverageIsOverTheRowsNotOverFinerAverages()
    {
        Map<String, Double> expected = warehouse.numbers("""
                SELECT t.name, avg(f.completed_points)
                FROM star.fact_sprint f JOIN star.dim_team t ON t.team_key = f.team_key
                JOIN star.dim_date d ON d.date_key = f.end_date_key
                WHERE d.year = 2026
                GROUP BY 1 ORDER BY 1
                """);
        assertThat(expected).isNotEmpty();
        Map<String, Double> actual = byFirstColumn(computeActual("SELECT team, avg(value) FROM ai.metrics.velocity WHERE year = 2026 GROUP BY team ORDER BY team"));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((team, value) -> assertThat(actual.get(team)).as(team).isCloseTo(value, within(1e-9)));
    }

    @Test
    void theAggregationIsPushedDown()
    {
        String plan = (String) computeScalar("""
                EXPLAIN SELECT date_trunc('month', month) AS month, program, sum(value)
                FROM ai.metrics.budget_variance_pct
                WHERE program IN ('Apollo', 'Falcon') AND month BETWEEN DATE '2026-01-01' AND DATE '2026-06-01'
                GROUP BY 1, 2
                """);
        // one scan of the metric at the query's grain: no aggregation and no filter left in Trino
        assertThat(plan).containsPattern("metrics\\.budget_variance_pct grouped by \\[(month, program|program, month)] filtered by \\[program] from 2026-01-01 to 2026-06-30");
        assertThat(plan).doesNotContain("Aggregate").doesNotContain("ScanFilter").doesNotContain("Filter[");
    }

    @Test
    void aPlainSelectIsTheFinestGrainCappedByTheRowLimit()
    {
        MaterializedResult rows = computeActual("SELECT * FROM ai.metrics.budget_variance_pct LIMIT 5");
        assertThat(rows.getRowCount()).isEqualTo(5);
        assertThat(rows.getTypes()).containsExactly(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DATE, DATE, DATE, DATE, VARCHAR, INTEGER, INTEGER, VARCHAR, DOUBLE);
        assertThat(rows.getMaterializedRows()).allSatisfy(row -> {
            assertThat(row.getField(13)).isEqualTo("%");
            // a month is its first day, a quarter too
            assertThat(((LocalDate) row.getField(8)).getDayOfMonth()).isEqualTo(1);
            assertThat(((LocalDate) row.getField(9)).getMonthValue() % 3).isEqualTo(1);
        });
        assertQueryFails("SELECT * FROM ai.metrics.budget_variance_pct",
                "ai.metrics.budget_variance_pct has more than 1,000 rows at this grain \\(ai.ask.max-rows\\)\\. Group by fewer columns, filter, add a LIMIT, or raise the limit in the catalog file\\.");
        assertQuery("SELECT count(*) FROM ai.metrics.budget_variance_pct WHERE 1 = 0", "VALUES 0");
    }

    @Test
    void whatWouldBeAWrongNumberIsRefused()
    {
        assertQueryFails("SELECT count(value) FROM ai.metrics.budget_variance_pct",
                "count\\(value\\) cannot be computed over ai.metrics.budget_variance_pct: value is the budget variance % at the grain of the GROUP BY.*");
        assertQueryFails("SELECT program, sum(value), count(*) FROM ai.metrics.budget_variance_pct GROUP BY program",
                "count\\(\\*\\) cannot be computed over ai.metrics.budget_variance_pct.*count rows in a separate query\\.");
        assertQueryFails("SELECT sum(v) FROM (SELECT program, sum(value) AS v FROM ai.metrics.budget_variance_pct GROUP BY program)",
                "value of ai.metrics.budget_variance_pct is already the metric at the grain of an inner GROUP BY.*");
        assertQueryFails("SELECT program, sum(value) FROM ai.metrics.budget_variance_pct WHERE value > 0 GROUP BY program",
                "A filter on value of ai.metrics.budget_variance_pct below the aggregation .* HAVING sum\\(value\\) > \\.\\.\\.");
        assertQueryFails("SELECT sum(value) FROM ai.metrics.budget_variance_pct WHERE program LIKE 'A%'",
                "The filter .* on ai.metrics.budget_variance_pct cannot be pushed down.*");
        assertQueryFails("SELECT sum(value) FROM ai.metrics.budget_variance_pct WHERE month IN (DATE '2026-01-01', DATE '2026-03-01')",
                "The filter on month of ai.metrics.budget_variance_pct cannot be pushed down.*one unbroken run of days.*");
        assertQueryFails("SELECT program, sum(value * 2) FROM ai.metrics.budget_variance_pct GROUP BY program",
                "The expression .* over value of ai.metrics.budget_variance_pct cannot be pushed down.*");
        // after the aggregation, a filter on the metric keeps whole groups
        assertThat(computeActual("SELECT program FROM ai.metrics.budget_variance_pct WHERE quarter = DATE '2026-07-01' GROUP BY program HAVING sum(value) > 0").getOnlyColumnAsSet())
                .isEqualTo(Map.copyOf(warehouse.numbers(VARIANCE_BY_PROGRAM_2026_Q3)).entrySet().stream().filter(entry -> entry.getValue() > 0).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theModelSaysWhatCanBeAsked()
    {
        assertQuery("SELECT unit, higher_is_better, dimensions FROM ai.model.metrics WHERE metric = 'budget_variance_pct'",
                "VALUES ('%', false, 'program, portfolio, program_status, project, project_status, category')");
        assertQuery("SELECT source, metrics LIKE '%velocity%', metrics LIKE '%budget%' FROM ai.model.dimensions WHERE dimension = 'team'",
                "VALUES ('dim_team.name', true, false)");
        assertQuery("SELECT metrics, json_extract_scalar(plan, '$.metrics[0].time') FROM ai.model.verified_questions WHERE question = 'Which programs are over budget this quarter, and why?'",
                "VALUES ('budget_variance_pct', 'this quarter')");
    }

    private static Map<String, Double> byFirstColumn(MaterializedResult result)
    {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (MaterializedRow row : result.getMaterializedRows()) {
            rows.put((String) row.getField(0), (Double) row.getField(1));
        }
        return rows;
    }
}
