package dev.trinoai.connector;

import dev.trinoai.core.RestrictedStatements;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Suggested follow-ups as rows of kind {@code suggestion} in a real Trino query runner over the seed-42 sample as of
 * 2026-11-25: every one that a set of answers and declines suggests is answered when asked as the conversation's next
 * question, some with their numbers checked against SQL written by hand and run directly in PostgreSQL.
 */
final class TestAskSuggestions
        extends AbstractSampleQueryTest
{
    private static final String APOLLO_VARIANCE = "What is the budget variance % for Apollo this quarter?";
    private static final String OVER_BUDGET = "Which programs are over budget this quarter?";
    private static final String MTTR_BY_TEAM = "What is the MTTR by team this quarter?";
    private static final String ZEUS = "What is the median MTTR of the Zeus program?";
    private static final List<List<String>> CONVERSATIONS = List.of(
            List.of(APOLLO_VARIANCE),
            List.of(OVER_BUDGET),
            List.of(MTTR_BY_TEAM),
            List.of("How is velocity trending by month this year?"),
            List.of("How is Apollo doing this quarter?"),
            List.of("How many open risks are there?"),
            List.of(APOLLO_VARIANCE, "and for Falcon?"),
            List.of(ZEUS),
            List.of(APOLLO_VARIANCE, "Tell me a joke"));

    @Test
    void everySuggestionIsAnsweredWhenAskedNextInTheConversation()
    {
        for (List<String> conversation : CONVERSATIONS) {
            List<String> suggestions = suggestions(conversation);
            assertThat(suggestions).as("after %s", conversation).isNotEmpty().hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
            for (String suggestion : suggestions) {
                List<String> next = new ArrayList<>(conversation);
                next.add(suggestion);
                List<MaterializedRow> rows = rows(next);
                assertThat(rows).as("%s after %s", suggestion, conversation)
                        .noneSatisfy(row -> assertThat((String) row.getField(1)).startsWith("I did not answer"))
                        .anySatisfy(row -> assertThat(row.getField(0)).isEqualTo("number"));
            }
        }
    }

    @Test
    void suggestionsComeLastAndHoldOnlyTheirQuestion()
    {
        List<MaterializedRow> rows = computeActual("SELECT kind, seq, text, metric, value, unit, dimensions, source, score FROM TABLE(ai.system.ask(question => '%s'))".formatted(quoted(APOLLO_VARIANCE)))
                .getMaterializedRows();
        int first = IntStream.range(0, rows.size()).filter(i -> rows.get(i).getField(0).equals("suggestion")).findFirst().orElseThrow();
        List<MaterializedRow> suggestions = rows.subList(first, rows.size());
        assertThat(suggestions).extracting(row -> row.getField(0)).containsOnly("suggestion");
        assertThat(suggestions).extracting(row -> row.getField(1)).containsExactlyElementsOf(IntStream.rangeClosed(1, suggestions.size()).boxed().toList());
        assertThat(suggestions).allSatisfy(row -> {
            assertThat((String) row.getField(2)).isNotBlank();
            assertThat(row.getFields().subList(3, 9)).containsOnlyNulls();
        });
        assertThat(suggestions).extracting(row -> row.getField(2)).containsExactly("and last quarter?", "why?", "and by project?");
    }

    @Test
    void anotherPeriodIsTheSameQuestionOverIt()
    {
        assertThat(suggestions(List.of(APOLLO_VARIANCE))).contains("and last quarter?");
        assertNumbers(numbers(List.of(APOLLO_VARIANCE, "and last quarter?"), "budget_variance_pct", "program"), variancePct("pg.name", "pg.name = 'Apollo'", 20260701, 20260930, ""));
        assertThat(suggestions(List.of(MTTR_BY_TEAM))).contains("and last quarter?");
        assertNumbers(numbers(List.of(MTTR_BY_TEAM, "and last quarter?"), "mttr", "team"), """
                SELECT t.name, avg(f.resolution_hours)
                FROM star.fact_incident f
                JOIN star.dim_team t ON t.team_key = f.team_key
                WHERE f.resolution_hours IS NOT NULL AND f.opened_date_key BETWEEN 20260701 AND 20260930
                GROUP BY t.name
                """);
    }

    @Test
    void aBreakdownSlicesTheSameNumberBelowItsFilter()
    {
        assertThat(suggestions(List.of(APOLLO_VARIANCE))).contains("and by project?");
        assertNumbers(numbers(List.of(APOLLO_VARIANCE, "and by project?"), "budget_variance_pct", "project"), variancePct("pj.name", "pg.name = 'Apollo'", 20261001, 20261231, ""));
    }

    @Test
    void theWorstProgramOverBudgetIsBrokenDownByProject()
    {
        String worst = warehouse.numbers(TestingSampleWarehouse.OVER_BUDGET_THIS_QUARTER).keySet().iterator().next();
        String suggestion = "and for %s, by project?".formatted(worst);
        assertThat(suggestions(List.of(OVER_BUDGET))).first().isEqualTo(suggestion);
        assertNumbers(numbers(List.of(OVER_BUDGET, suggestion), "budget_variance_pct", "project"),
                variancePct("pj.name", "pg.name = '%s'".formatted(worst), 20261001, 20261231, "HAVING sum(f.actual_usd) - sum(%s) FILTER (WHERE f.actual_usd IS NOT NULL) > 0".formatted(RestrictedStatements.PLAN_TO_DATE)));
    }

    @Test
    void aDeclineOffersTheVerifiedQuestionsAsSuggestionsNotInItsNotice()
    {
        List<MaterializedRow> rows = rows(List.of(ZEUS));
        assertThat(rows).filteredOn(row -> row.getField(0).equals("notice")).singleElement()
                .satisfies(row -> assertThat((String) row.getField(1)).startsWith("I did not answer with numbers").doesNotContain("You could ask").doesNotEndWith(":"));
        assertThat(suggestions(List.of(ZEUS))).containsExactly(
                "Which programs are over budget this quarter, and why?", MTTR_BY_TEAM, "How is velocity trending by month this year?");
    }

    @Test
    void theScalarFunctionsAndAskNumbersLeaveThemOut()
    {
        double apollo = warehouse.numbers(variancePct("pg.name", "pg.name = 'Apollo'", 20261001, 20261231, "")).get("Apollo");
        assertThat((Double) computeScalar("SELECT ai.system.ask_value('%s')".formatted(quoted(APOLLO_VARIANCE)))).isCloseTo(apollo, within(1e-9));
        assertThat((String) computeScalar("SELECT ai.system.ask_text('%s')".formatted(quoted(APOLLO_VARIANCE)))).doesNotContain("and last quarter?");
        assertThat((String) computeScalar("SELECT ai.system.ask_text('%s')".formatted(quoted(ZEUS)))).contains("You could ask: Which programs are over budget this quarter, and why? / ");
        assertThat(computeActual("SELECT * FROM TABLE(ai.system.ask_numbers(question => '%s'))".formatted(quoted(APOLLO_VARIANCE))).getColumnNames())
                .containsExactly("budget_variance_pct", "unit", "period_start", "period_end");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask_numbers(question => '%s'))".formatted(quoted(ZEUS)), "I did not answer with numbers: .* You could ask: .*");
    }

    /**
     * The suggestions after the last question of the conversation, in order.
     */
    private List<String> suggestions(List<String> conversation)
    {
        // in their own order: Trino keeps no order of a table function's rows across the query
        return rows(conversation).stream().filter(row -> row.getField(0).equals("suggestion"))
                .sorted(Comparator.comparingInt(row -> ((Number) row.getField(2)).intValue()))
                .map(row -> (String) row.getField(1)).toList();
    }

    /**
     * The kind, text and seq of every row of the answer to the conversation's last question.
     */
    private List<MaterializedRow> rows(List<String> conversation)
    {
        return computeActual("SELECT kind, coalesce(text, ''), seq FROM TABLE(ai.system.ask(question => '%s', previous => %s))".formatted(quoted(conversation.getLast()), previous(conversation)))
                .getMaterializedRows();
    }

    private Map<String, Double> numbers(List<String> conversation, String metric, String dimension)
    {
        return TestingSampleWarehouse.askedNumbers(getQueryRunner(), metric, dimension, conversation);
    }

    private void assertNumbers(Map<String, Double> actual, String expectedSql)
    {
        warehouse.assertNumbers(actual, expectedSql);
    }

    /**
     * Budget variance % by a name over the months of a period, with the plan to date of the open month.
     */
    private static String variancePct(String by, String where, int from, int to, String having)
    {
        return """
                SELECT %s, 100.0 * (sum(f.actual_usd) / NULLIF(sum(%s) FILTER (WHERE f.actual_usd IS NOT NULL), 0) - 1)
                FROM star.fact_budget f
                JOIN star.dim_project pj ON pj.project_key = f.project_key
                JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE f.month_key BETWEEN %d AND %d AND %s
                GROUP BY %s
                %s
                """.formatted(by, RestrictedStatements.PLAN_TO_DATE, from, to, where, by, having);
    }

    private static String previous(List<String> conversation)
    {
        List<String> earlier = conversation.subList(0, conversation.size() - 1);
        return earlier.isEmpty() ? "ARRAY[]" : "ARRAY[%s]".formatted(String.join(", ", earlier.stream().map(question -> "'" + quoted(question) + "'").toList()));
    }

    private static String quoted(String text)
    {
        return text.replace("'", "''");
    }
}
