package dev.trinoai.connector;

import dev.trinoai.core.RestrictedStatements;
import io.trino.Session;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ai.system.ask_text} and {@code ai.system.ask_value} inline in SQL over the seed-42 sample, numbers checked
 * against SQL run directly in PostgreSQL.
 */
final class TestAskScalarFunctions
        extends AbstractSampleQueryTest
{
    private static final String PROGRAM_VARIANCE = """
            SELECT pg.name, 100.0 * (sum(f.actual_usd) / NULLIF(sum(PLAN_TO_DATE) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1)
            FROM star.fact_budget f
            JOIN star.dim_project pj ON pj.project_key = f.project_key
            JOIN star.dim_program pg ON pg.program_key = pj.program_key
            WHERE f.month_key BETWEEN %d AND %d
            GROUP BY pg.name
            """.replace("PLAN_TO_DATE", RestrictedStatements.PLAN_TO_DATE);

    @Test
    void askValueIsTheOneNumberPerRow()
    {
        Map<String, Double> expected = warehouse.numbers(PROGRAM_VARIANCE.formatted(20261001, 20261231));
        List<MaterializedRow> rows = computeActual("""
                SELECT name, ai.system.ask_value('budget variance % for ' || name || ' this quarter')
                FROM (VALUES 'Apollo', 'Juniper', 'Horizon', 'Apollo') AS programs(name)
                """).getMaterializedRows();
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat((Double) row.getField(1)).as((String) row.getField(0)).isCloseTo(expected.get((String) row.getField(0)), within(1e-9)));
    }

    @Test
    void theSessionFixesToday()
    {
        Map<String, Double> june = warehouse.numbers(PROGRAM_VARIANCE.formatted(20260401, 20260630));
        Session session = Session.builder(getSession()).setCatalogSessionProperty("ai", "reference_date", "2026-06-30").build();
        assertThat((Double) computeScalar(session, "SELECT ai.system.ask_value('budget variance % for Apollo this quarter')")).isCloseTo(june.get("Apollo"), within(1e-9));
        assertQueryFails(Session.builder(getSession()).setCatalogSessionProperty("ai", "reference_date", "June").build(),
                "SELECT ai.system.ask_value('budget variance % for Apollo this quarter')", ".*reference_date.*YYYY-MM-DD.*");
    }

    @Test
    void askValueSaysWhyItIsNotOneNumber()
    {
        assertQueryFails("SELECT ai.system.ask_value('Which programs are over budget this quarter, and why?')",
                "ask_value needs one number, and \".*\" gave 4 \\(.*Apollo.*\\)\\. Add a filter that leaves one.*");
        assertQueryFails("SELECT ai.system.ask_value('What is the median MTTR of the Zeus program?')",
                "ask_value needs one number, and \".*\" gave none\\. I did not answer with numbers: .*Zeus.*");
    }

    @Test
    void askTextIsTheAnswerOfAsk()
    {
        String question = "Which programs are over budget this quarter?";
        String answer = (String) computeScalar("SELECT array_join(array_agg(text ORDER BY seq), chr(10) || chr(10)) FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'answer'".formatted(question));
        assertThat(answer).contains("Apollo");
        assertThat(computeScalar("SELECT ai.system.ask_text('%s')".formatted(question))).isEqualTo(answer);
    }

    @Test
    void nullInNullOut()
    {
        assertThat(computeScalar("SELECT ai.system.ask_value(CAST(NULL AS varchar))")).isNull();
        assertQueryFails("SELECT ai.system.ask_text('   ')", "The question is empty.*");
    }

    @Test
    void showFunctionsDescribesThem()
    {
        Map<String, String> descriptions = new java.util.HashMap<>();
        for (MaterializedRow row : computeActual("SHOW FUNCTIONS FROM ai.system").getMaterializedRows()) {
            descriptions.put(row.getField(0) + " " + row.getField(3), (String) row.getField(5));
        }
        assertThat(descriptions).containsKeys("ask table", "ask_numbers table", "ask_text scalar", "ask_value scalar");
        assertThat(descriptions.get("ask_text scalar")).contains("citations");
        assertThat(descriptions.get("ask_value scalar")).contains("one number");
    }
}
