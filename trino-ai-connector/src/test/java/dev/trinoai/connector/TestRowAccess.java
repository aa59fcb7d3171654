package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.trino.Session;
import io.trino.spi.security.Identity;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import io.trino.testing.TestingGroupProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.trinoai.core.RestrictedStatements.ACTUAL_SPEND_THIS_YEAR;
import static dev.trinoai.core.RestrictedStatements.APOLLO;
import static dev.trinoai.core.RestrictedStatements.EVERYONE;
import static dev.trinoai.core.RestrictedStatements.VARIANCE_BY_PROGRAM_THIS_QUARTER;
import static io.trino.testing.TestingSession.testSessionBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Row access by user and group on every path of the catalog: a restricted user's numbers, totals, rankings,
 * citations, {@code ask_numbers} rows and scalar results are those of SQL restricted by hand, and nothing they get
 * names a program outside their scope.
 */
@Tag("security")
final class TestRowAccess
        extends AbstractTestQueryFramework
{
    private static final String RULES = """
            rules:
              - user: pm_apollo
                allow: {program: [Apollo]}
              - group: finance
                allow: {portfolio: [Core Platforms]}
              - group: cloud
                allow: {category: [cloud]}
              - user: analyst
                allow: all
            """;
    private TestingSampleWarehouse warehouse;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        warehouse = TestingSampleWarehouse.shared();
        Path rules = Files.createTempFile("access-rules", ".yaml");
        Files.writeString(rules, RULES);
        rules.toFile().deleteOnExit();
        Session session = testSessionBuilder().setCatalog("ai").setSchema("system").setIdentity(Identity.ofUser("analyst")).build();
        DistributedQueryRunner runner = DistributedQueryRunner.builder(session).setWorkerCount(1).build();
        TestingGroupProvider groups = new TestingGroupProvider();
        groups.setUserGroups(Map.of("carol", Set.of("finance"), "cleo", Set.of("cloud")));
        runner.getServers().forEach(server -> server.getGroupProvider().setConfiguredGroupProvider(groups));
        runner.installPlugin(new AiPlugin());
        runner.createCatalog("ai", "ai", ImmutableMap.<String, String>builder()
                .putAll(warehouse.catalogProperties())
                .put("ai.access.rules-file", rules.toString())
                .buildOrThrow());
        return runner;
    }

    @Test
    void numbersAreOnlyTheUsersOwn()
    {
        String question = "What is the budget variance % by program this quarter?";
        assertNumbers(as("pm_apollo"), question, "program", warehouse.numbers(VARIANCE_BY_PROGRAM_THIS_QUARTER.formatted(APOLLO)));
        Map<String, Double> corePlatforms = warehouse.numbers(VARIANCE_BY_PROGRAM_THIS_QUARTER.formatted("pg.portfolio = 'Core Platforms'"));
        assertThat(corePlatforms).hasSizeGreaterThan(1);
        assertNumbers(as("carol"), question, "program", corePlatforms);
        assertThat(numbers(as("analyst"), question, "program")).hasSizeGreaterThan(corePlatforms.size() + 1);
    }

    @Test
    void totalsAddUpTheUsersRowsOnly()
    {
        String question = "What is the total actual spend this year?";
        double apollo = warehouse.numbers(ACTUAL_SPEND_THIS_YEAR.formatted(APOLLO)).get("none");
        double all = warehouse.numbers(ACTUAL_SPEND_THIS_YEAR.formatted(EVERYONE)).get("none");
        assertThat(apollo).isLessThan(all);
        assertThat(numbers(as("pm_apollo"), question, "none").values()).singleElement().satisfies(value -> assertThat(value).isCloseTo(apollo, within(0.01)));
        assertThat(numbers(as("analyst"), question, "none").values()).singleElement().satisfies(value -> assertThat(value).isCloseTo(all, within(0.01)));
        // the scalar function's cache is keyed by the caller's scope: the analyst's answer is not served to pm_apollo
        String scalar = "SELECT ai.system.ask_value('%s')".formatted(question);
        assertThat((Double) computeScalar(as("analyst"), scalar)).isCloseTo(all, within(0.01));
        assertThat((Double) computeScalar(as("pm_apollo"), scalar)).isCloseTo(apollo, within(0.01));
    }

    @Test
    void rankingsRankTheUsersRowsOnly()
    {
        Map<String, Double> apolloTeams = warehouse.numbers("""
                SELECT t.name, count(*) FROM star.fact_incident f JOIN star.dim_team t ON t.team_key = f.team_key JOIN star.dim_program pg ON pg.program_key = t.program_key
                WHERE pg.name = 'Apollo' AND f.opened_date_key BETWEEN 20260101 AND 20261231 GROUP BY t.name
                """);
        Map<String, Double> ranked = numbers(as("pm_apollo"), "Which 3 teams had the most incidents this year?", "team");
        assertThat(ranked).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        ranked.forEach((team, count) -> assertThat(count).as(team).isEqualTo(apolloTeams.get(team)));
        assertThat(ranked.values()).containsExactlyElementsOf(apolloTeams.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(ranked.size()).toList());
    }

    @Test
    void citationsAreOfTheUsersRowsOnly()
    {
        Set<String> apolloRisks = warehouse.numbers("""
                SELECT 'risk:' || r.risk_code, 1 FROM star.fact_risk r JOIN star.dim_project pj ON pj.project_key = r.project_key JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE pg.name = 'Apollo'
                """).keySet();
        Set<String> corePlatformRisks = warehouse.numbers("""
                SELECT 'risk:' || r.risk_code, 1 FROM star.fact_risk r JOIN star.dim_project pj ON pj.project_key = r.project_key JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE pg.portfolio = 'Core Platforms'
                """).keySet();
        for (String question : List.of("What are the main risks?", "What are the main risks to Juniper right now?", "What are the biggest risks across all programs?")) {
            assertThat(citations(as("pm_apollo"), question)).as(question).allSatisfy(source -> assertThat(apolloRisks).contains(source));
            // a portfolio reaches the chunks through the programs it holds
            assertThat(citations(as("carol"), question)).as(question).isNotEmpty().allSatisfy(source -> assertThat(corePlatformRisks).contains(source));
        }
        assertThat(citations(as("pm_apollo"), "What are the main risks?")).isNotEmpty();
    }

    @Test
    void aVerifiedQuestionIsAnsweredWithinTheScope()
    {
        List<MaterializedRow> rows = computeActual(as("pm_apollo"), """
                SELECT kind, json_extract_scalar(dimensions, '$.program') FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter, and why?'))
                WHERE kind IN ('number', 'citation')
                """).getMaterializedRows();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getField(1)).isEqualTo("Apollo"));
        assertThat(rows).anySatisfy(row -> assertThat(row.getField(0)).isEqualTo("citation"));
    }

    @Test
    void askNumbersReturnsTheUsersRowsOnly()
    {
        String sql = "SELECT program, budget_variance_pct FROM TABLE(ai.system.ask_numbers(question => 'Budget variance % by program this quarter'))";
        Map<String, Double> apollo = warehouse.numbers(VARIANCE_BY_PROGRAM_THIS_QUARTER.formatted(APOLLO));
        assertThat(table(as("pm_apollo"), sql)).containsExactlyEntriesOf(apollo);
        Map<String, Double> corePlatforms = warehouse.numbers(VARIANCE_BY_PROGRAM_THIS_QUARTER.formatted("pg.portfolio = 'Core Platforms'"));
        Map<String, Double> carol = table(as("carol"), sql);
        assertThat(carol.keySet()).containsExactlyInAnyOrderElementsOf(corePlatforms.keySet());
        carol.forEach((program, value) -> assertThat(value).isCloseTo(corePlatforms.get(program), within(1e-9)));
    }

    @Test
    void metricTablesAreTheUsersRowsOnly()
    {
        String sql = "SELECT program, sum(value) FROM ai.metrics.budget_variance_pct WHERE quarter = DATE '2026-10-01' GROUP BY program";
        Map<String, Double> apollo = table(as("pm_apollo"), sql);
        assertThat(apollo).containsOnlyKeys("Apollo");
        assertThat(apollo.get("Apollo")).isCloseTo(warehouse.numbers(VARIANCE_BY_PROGRAM_THIS_QUARTER.formatted(APOLLO)).get("Apollo"), within(1e-9));
        // a total is over the user's rows, not the table's
        Map<String, Double> corePlatforms = warehouse.numbers(VARIANCE_BY_PROGRAM_THIS_QUARTER.formatted("pg.portfolio = 'Core Platforms'").replace("GROUP BY pg.name", "").replace("SELECT pg.name,", "SELECT 'all',"));
        assertThat((Double) computeScalar(as("carol"), "SELECT sum(value) FROM ai.metrics.budget_variance_pct WHERE quarter = DATE '2026-10-01'")).isCloseTo(corePlatforms.get("all"), within(1e-9));
        assertQueryFails(as("cleo"), "SELECT sum(value) FROM ai.metrics.incident_count",
                "The measure incident count cannot be limited to the category values you may see .*");
        assertQueryFails(as("stranger"), "SELECT * FROM ai.metrics.budget_variance_pct LIMIT 1", "No row access rule matches the user stranger.*");
        assertThat(computeActual(as("pm_apollo"), "SELECT question FROM ai.model.verified_questions").getOnlyColumnAsSet())
                .isNotEmpty()
                .isSubsetOf(computeActual(as("analyst"), "SELECT question FROM ai.model.verified_questions").getOnlyColumnAsSet());
    }

    @Test
    void anotherProgramsNameIsAsUnknownAsANameThatDoesNotExist()
    {
        List<String> others = warehouse.numbers("SELECT name, 1 FROM star.dim_program WHERE name <> 'Apollo'").keySet().stream().toList();
        String juniper = notices(as("pm_apollo"), "What is the median MTTR of the Juniper program?");
        String zeus = notices(as("pm_apollo"), "What is the median MTTR of the Zeus program?");
        assertThat(juniper).contains("I know no program named \"Juniper\"").isEqualTo(zeus.replace("Zeus", "Juniper"));
        // the analyst knows Juniper, so the difference is the scope's doing
        assertThat(notices(as("analyst"), "What is the median MTTR of the Juniper program?")).doesNotContain("I know no program named");
        String text = String.join("\n", computeActual(as("pm_apollo"), "SELECT coalesce(text, '') || coalesce(dimensions, '') FROM TABLE(ai.system.ask(question => 'How many open risks are there by project and severity?')) WHERE kind <> 'citation'")
                .getOnlyColumnAsSet().stream().map(String.class::cast).toList());
        assertThat(others).noneSatisfy(program -> assertThat(text).contains(program));
        String scalar = (String) computeScalar(as("pm_apollo"), "SELECT ai.system.ask_text('Budget variance % by program this quarter')");
        assertThat(scalar).contains("Apollo");
        assertThat(others).noneSatisfy(program -> assertThat(scalar).contains(program));
    }

    @Test
    void aMeasureThatCannotBeLimitedIsRefusedNotLeaked()
    {
        Map<String, Double> cloud = numbers(as("cleo"), "Actual spend by category this year", "category");
        assertThat(cloud).containsOnlyKeys("cloud");
        assertQueryFails(as("cleo"), "SELECT * FROM TABLE(ai.system.ask(question => 'How many incidents this year?'))",
                "The measure incident count cannot be limited to the category values you may see .*Ask about another measure, or ask an administrator to widen your access\\.");
    }

    @Test
    void aUserNoRuleMatchesGetsNothing()
    {
        // what the user can do, and not the path of the server's rules file
        String denied = "No row access rule matches the user stranger, so the ai catalog answers nothing for them\\. " +
                "Ask your administrator to add a rule for user stranger \\(or one of their groups\\) to the ai catalog's access rules\\.";
        assertQueryFails(as("stranger"), "SELECT * FROM TABLE(ai.system.ask(question => 'How is Apollo doing?'))", denied);
        assertQueryFails(as("stranger"), "SELECT * FROM TABLE(ai.system.ask_numbers(question => 'Budget variance by program'))", denied);
        assertQueryFails(as("stranger"), "SELECT ai.system.ask_value('Total actual spend this year')", denied);
        assertQueryFails(as("stranger"), "SELECT ai.system.ask_text('Total actual spend this year')", denied);
    }

    private Session as(String user)
    {
        return Session.builder(getSession()).setIdentity(Identity.ofUser(user)).build();
    }

    private void assertNumbers(Session session, String question, String dimension, Map<String, Double> expected)
    {
        Map<String, Double> actual = numbers(session, question, dimension);
        assertThat(actual.keySet()).as(session.getUser()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        actual.forEach((key, value) -> assertThat(value).as(key).isCloseTo(expected.get(key), within(1e-9)));
    }

    /**
     * The number rows of an answer by the value of one dimension ("none" for an ungrouped number).
     */
    private Map<String, Double> numbers(Session session, String question, String dimension)
    {
        // in the answer's order: a ranking is checked by it, and Trino keeps no order without ORDER BY
        return table(session, "SELECT coalesce(json_extract_scalar(dimensions, '$.%s'), 'none'), value FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'number' ORDER BY seq".formatted(dimension, question));
    }

    private Map<String, Double> table(Session session, String sql)
    {
        Map<String, Double> rows = new java.util.LinkedHashMap<>();
        computeActual(session, sql).getMaterializedRows().forEach(row -> rows.put(String.valueOf(row.getField(0)), (Double) row.getField(1)));
        return rows;
    }

    private List<String> citations(Session session, String question)
    {
        return computeActual(session, "SELECT source FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'citation'".formatted(question)).getMaterializedRows().stream()
                .map(row -> (String) row.getField(0))
                .toList();
    }

    private String notices(Session session, String question)
    {
        return String.join("\n", computeActual(session, "SELECT text FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'notice' ORDER BY seq".formatted(question)).getMaterializedRows().stream()
                .map(row -> (String) row.getField(0))
                .toList());
    }
}
