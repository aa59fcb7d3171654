package dev.trinoai.connector;

import dev.trinoai.core.RestrictedStatements;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Follow-ups through {@code previous => ARRAY[...]} in a real Trino query runner over the seed-42 sample as of
 * 2026-11-25: each form's numbers checked against SQL written by hand and run directly in PostgreSQL.
 */
final class TestAskFunctionFollowUps
        extends AbstractSampleQueryTest
{
    private static final String APOLLO_VARIANCE = "What is the budget variance % for Apollo this quarter?";
    private static final int THIS_QUARTER = 20261001;
    private static final int THIS_QUARTER_END = 20261231;
    private static final int LAST_QUARTER = 20260701;
    private static final int LAST_QUARTER_END = 20260930;
    private static final String MTTR_BY_TEAM_THIS_QUARTER = """
            SELECT t.name, avg(f.resolution_hours)
            FROM star.fact_incident f
            JOIN star.dim_team t ON t.team_key = f.team_key
            WHERE f.resolution_hours IS NOT NULL AND f.opened_date_key BETWEEN 20261001 AND 20261231
            GROUP BY t.name
            """;

    @Override
    protected Map<String, String> catalogProperties()
    {
        return Map.of("ai.ask.max-question-length", "200");
    }

    @Test
    void andForFalconReplacesTheProgram()
    {
        assertNumbers(ask("budget_variance_pct", "program", "and for Falcon?", APOLLO_VARIANCE), variancePct("pg.name = 'Falcon'", THIS_QUARTER, THIS_QUARTER_END));
    }

    @Test
    void andLastQuarterReplacesThePeriod()
    {
        assertNumbers(ask("budget_variance_pct", "program", "and last quarter?", APOLLO_VARIANCE), variancePct("pg.name = 'Apollo'", LAST_QUARTER, LAST_QUARTER_END));
    }

    @Test
    void whatAboutVelocityKeepsTheProgramAndThePeriod()
    {
        assertNumbers(ask("velocity", "program", "what about velocity?", APOLLO_VARIANCE), """
                SELECT pg.name, avg(f.completed_points)
                FROM star.fact_sprint f
                JOIN star.dim_team t ON t.team_key = f.team_key
                JOIN star.dim_program pg ON pg.program_key = t.program_key
                WHERE pg.name = 'Apollo' AND f.end_date_key BETWEEN 20261001 AND 20261231
                GROUP BY pg.name
                """);
    }

    @Test
    void whyGivesTheSameNumbersAndCitesTheRecordsAboutThem()
    {
        assertNumbers(ask("budget_variance_pct", "program", "why?", APOLLO_VARIANCE), variancePct("pg.name = 'Apollo'", THIS_QUARTER, THIS_QUARTER_END));
        List<MaterializedRow> citations = computeActual("SELECT json_extract_scalar(dimensions, '$.program') FROM TABLE(ai.system.ask(question => 'why?', previous => %s)) WHERE kind = 'citation'"
                .formatted(array(APOLLO_VARIANCE))).getMaterializedRows();
        assertThat(citations).isNotEmpty().allSatisfy(row -> assertThat(row.getField(0)).isEqualTo("Apollo"));
    }

    @Test
    void byTeamInsteadReplacesTheGrouping()
    {
        assertNumbers(ask("mttr", "team", "by team instead", "What is the MTTR by program this quarter?"), MTTR_BY_TEAM_THIS_QUARTER);
    }

    @Test
    void showTheTopThreeRanksTheEarlierGroups()
    {
        Map<String, Double> top = ask("mttr", "team", "show the top 3", "What is the MTTR by team this quarter?");
        Map<String, Double> expected = warehouse.numbers(MTTR_BY_TEAM_THIS_QUARTER + "ORDER BY 2 DESC LIMIT 3");
        TestingSampleWarehouse.assertNumbers(top, expected);
        assertThat(top.keySet()).containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void andForTheMobileTeamReplacesTheProgramWithTheTeam()
    {
        assertNumbers(ask("velocity", "team", "and for the Mobile team?", "What is the velocity for Apollo this quarter?"), """
                SELECT t.name, avg(f.completed_points)
                FROM star.fact_sprint f
                JOIN star.dim_team t ON t.team_key = f.team_key
                WHERE t.name = 'Mobile' AND f.end_date_key BETWEEN 20261001 AND 20261231
                GROUP BY t.name
                """);
    }

    @Test
    void aFollowUpFollowsTheWholeConversation()
    {
        assertNumbers(ask("budget_variance_pct", "program", "and last quarter?", APOLLO_VARIANCE, "and for Falcon?"), variancePct("pg.name = 'Falcon'", LAST_QUARTER, LAST_QUARTER_END));
    }

    @Test
    void andUnderBudgetKeepsTheGroupingAndThePeriod()
    {
        assertNumbers(ask("budget_variance_pct", "program", "and under budget?", "Which programs are over budget this quarter?"),
                variancePct("TRUE", THIS_QUARTER, THIS_QUARTER_END) + "HAVING sum(f.actual_usd) - sum(%s) FILTER (WHERE f.actual_usd IS NOT NULL) < 0".formatted(RestrictedStatements.PLAN_TO_DATE));
    }

    @Test
    void compareWithLastQuarterAnswersBothPeriods()
    {
        List<Double> values = computeActual("SELECT value FROM TABLE(ai.system.ask(question => 'compare with last quarter', previous => %s)) WHERE kind = 'number' ORDER BY seq".formatted(array(APOLLO_VARIANCE)))
                .getOnlyColumn().map(Double.class::cast).toList();
        double thisQuarter = warehouse.numbers(variancePct("pg.name = 'Apollo'", THIS_QUARTER, THIS_QUARTER_END)).get("Apollo");
        double lastQuarter = warehouse.numbers(variancePct("pg.name = 'Apollo'", LAST_QUARTER, LAST_QUARTER_END)).get("Apollo");
        assertThat(values).hasSize(2);
        assertThat(values.get(0)).isCloseTo(thisQuarter, within(1e-6));
        assertThat(values.get(1)).isCloseTo(lastQuarter, within(1e-6));
    }

    @Test
    void andInDollarsAsksForTheAmount()
    {
        assertNumbers(ask("budget_variance", "program", "and in dollars?", APOLLO_VARIANCE), """
                SELECT pg.name, sum(f.actual_usd) - sum(%s) FILTER (WHERE f.actual_usd IS NOT NULL)
                FROM star.fact_budget f
                JOIN star.dim_project pj ON pj.project_key = f.project_key
                JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE f.month_key BETWEEN 20261001 AND 20261231 AND pg.name = 'Apollo'
                GROUP BY pg.name
                """.formatted(RestrictedStatements.PLAN_TO_DATE));
    }

    @Test
    void askNumbersTakesTheHistoryToo()
    {
        double falcon = warehouse.numbers(variancePct("pg.name = 'Falcon'", THIS_QUARTER, THIS_QUARTER_END)).get("Falcon");
        assertThat((Double) computeScalar("SELECT budget_variance_pct FROM TABLE(ai.system.ask_numbers(question => 'and for Falcon?', previous => %s))".formatted(array(APOLLO_VARIANCE))))
                .isCloseTo(falcon, within(1e-9));
    }

    @Test
    void theRestatementSaysWhatWasCarriedOver()
    {
        assertThat((String) computeScalar("SELECT text FROM TABLE(ai.system.ask(question => 'and for Falcon?', previous => %s)) WHERE kind = 'answer' AND seq = 1".formatted(array(APOLLO_VARIANCE))))
                .startsWith("Budget variance % for program Falcon, this quarter (2026-10-01 to 2026-12-31)")
                .endsWith("Follow-up to \"What is the budget variance % for Apollo this quarter?\": carried over budget variance % and this quarter; Falcon instead of Apollo.");
    }

    @Test
    void aQuestionThatStandsOnItsOwnIsNotChangedByTheHistory()
    {
        assertNumbers(ask("budget_variance_pct", "program", "Which programs are over budget this quarter?", APOLLO_VARIANCE, "and for Falcon?"),
                TestingSampleWarehouse.OVER_BUDGET_THIS_QUARTER);
        assertThat((String) computeScalar("SELECT text FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter?', previous => %s)) WHERE kind = 'answer' AND seq = 1"
                .formatted(array(APOLLO_VARIANCE)))).doesNotContain("Follow-up");
    }

    @Test
    void noHistoryIsTheDefault()
    {
        for (String previous : List.of("", ", previous => ARRAY[]", ", previous => CAST(NULL AS array(varchar))")) {
            assertThat(computeActual("SELECT kind, text FROM TABLE(ai.system.ask(question => 'and for Falcon?'%s)) WHERE kind <> 'suggestion'".formatted(previous)).getMaterializedRows()).as(previous)
                    .singleElement().satisfies(row -> assertThat((String) row.getField(1)).startsWith("I did not answer with numbers"));
        }
    }

    @Test
    void aFollowUpToDeclinedQuestionsIsDeclinedAsToday()
    {
        assertThat(computeActual("SELECT kind, text FROM TABLE(ai.system.ask(question => 'and for Falcon?', previous => %s)) WHERE kind <> 'suggestion'".formatted(array("What is the median MTTR of the Zeus program?")))
                .getMaterializedRows()).singleElement().satisfies(row -> {
                    assertThat(row.getField(0)).isEqualTo("notice");
                    assertThat((String) row.getField(1)).startsWith("I did not answer with numbers");
                });
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask_numbers(question => 'and for Falcon?', previous => %s))".formatted(array("Tell me a joke")),
                "I did not answer with numbers: .*");
    }

    @Test
    void refusesTooLongAHistory()
    {
        String eleven = array(Collections.nCopies(11, APOLLO_VARIANCE).toArray(String[]::new));
        for (String function : List.of("ask", "ask_numbers")) {
            assertQueryFails("SELECT * FROM TABLE(ai.system.%s(question => 'and for Falcon?', previous => %s))".formatted(function, eleven),
                    "previous has 11 earlier questions; the limit is 10\\. Pass the last 10 questions of the conversation, oldest first\\.");
        }
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => 'and for Falcon?', previous => %s))".formatted(array(APOLLO_VARIANCE, "x".repeat(201))),
                "Earlier question 2 of 2 in previous has 201 characters; the limit is 200 \\(ai.ask.max-question-length\\), as for the question\\.");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => 'and for Falcon?', previous => ARRAY['%s', NULL]))".formatted(APOLLO_VARIANCE),
                "Earlier question 2 of 2 in previous is empty.*");
    }

    /**
     * The numbers of a measure in the answer to a question after the earlier ones, by the value of one dimension.
     */
    private Map<String, Double> ask(String metric, String dimension, String question, String... previous)
    {
        List<String> conversation = new ArrayList<>(List.of(previous));
        conversation.add(question);
        return TestingSampleWarehouse.askedNumbers(getQueryRunner(), metric, dimension, conversation);
    }

    private void assertNumbers(Map<String, Double> actual, String expectedSql)
    {
        warehouse.assertNumbers(actual, expectedSql);
    }

    /**
     * Budget variance % by program over the months of a period, with the plan to date of the open month.
     */
    private static String variancePct(String where, int from, int to)
    {
        return """
                SELECT pg.name, 100.0 * (sum(f.actual_usd) / NULLIF(sum(%s) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1)
                FROM star.fact_budget f
                JOIN star.dim_project pj ON pj.project_key = f.project_key
                JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE f.month_key BETWEEN %d AND %d AND %s
                GROUP BY pg.name
                """.formatted(RestrictedStatements.PLAN_TO_DATE, from, to, where);
    }

    private static String array(String... questions)
    {
        return "ARRAY[%s]".formatted(String.join(", ", Arrays.stream(questions).map(question -> "'" + question.replace("'", "''") + "'").toList()));
    }
}
