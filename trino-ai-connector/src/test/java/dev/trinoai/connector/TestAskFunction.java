package dev.trinoai.connector;

import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ai.system.ask} in a real Trino query runner over the seed-42 sample, every number checked against SQL run
 * directly in PostgreSQL.
 */
@Tag("security")
final class TestAskFunction
        extends AbstractTestQueryFramework
{
    private static final String OVER_BUDGET = "Which programs are over budget this quarter?";

    private TestingSampleWarehouse warehouse;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        warehouse = TestingSampleWarehouse.shared();
        QueryRunner runner = warehouse.queryRunner(Map.of("ai.ask.max-question-length", "200"));
        TestingSampleWarehouse.createUnreachableCatalog(runner, "ai_down");
        return runner;
    }

    @Test
    void returnsTheRowContract()
    {
        MaterializedResult result = computeActual("SELECT * FROM TABLE(ai.system.ask(question => '%s'))".formatted(OVER_BUDGET));
        assertThat(result.getColumnNames()).containsExactly("kind", "seq", "text", "metric", "value", "unit", "dimensions", "source", "score", "higher_is_better");
        assertThat(result.getTypes()).containsExactly(VARCHAR, INTEGER, VARCHAR, VARCHAR, DOUBLE, VARCHAR, VARCHAR, VARCHAR, DOUBLE, BOOLEAN);
    }

    @Test
    void theNumbersAreTheNumbersOfTheSql()
    {
        Map<String, Double> expected = warehouse.numbers(TestingSampleWarehouse.OVER_BUDGET_THIS_QUARTER);
        assertThat(expected).isNotEmpty();

        MaterializedResult numbers = computeActual("""
                SELECT json_extract_scalar(dimensions, '$.program'), value, unit, text, higher_is_better
                FROM TABLE(ai.system.ask(question => '%s'))
                WHERE kind = 'number' AND metric = 'budget_variance_pct'
                """.formatted(OVER_BUDGET));
        assertThat(numbers.getRowCount()).isEqualTo(expected.size());
        for (MaterializedRow row : numbers.getMaterializedRows()) {
            String program = (String) row.getField(0);
            assertThat(expected).containsKey(program);
            assertThat((Double) row.getField(1)).as(program).isCloseTo(expected.get(program), within(1e-6));
            assertThat(row.getField(2)).isEqualTo("%");
            // the metric as the semantic model labels it, and its direction: a variance over budget is worse
            assertThat(row.getField(3)).isEqualTo("budget variance %");
            assertThat(row.getField(4)).isEqualTo(false);
        }
    }

    @Test
    void rowsComeInTheContractsOrderAndEndWithTheSqlAndItsDatesThenTheSuggestions()
    {
        List<MaterializedRow> rows = computeActual("SELECT kind, seq, text FROM TABLE(ai.system.ask(question => '%s'))".formatted(OVER_BUDGET)).getMaterializedRows();
        List<String> kinds = rows.stream().map(row -> (String) row.getField(0)).toList();
        // the restatement of what was computed first, then the numbers, the answer in words, the SQL, and the follow-ups
        // it suggests last
        assertThat(kinds.subList(kinds.indexOf("suggestion"), kinds.size())).containsOnly("suggestion");
        kinds = kinds.subList(0, kinds.indexOf("suggestion"));
        assertThat(kinds).startsWith("answer").endsWith("sql").contains("number");
        assertThat(kinds.subList(0, kinds.indexOf("number"))).containsOnly("answer");
        assertThat(kinds.lastIndexOf("answer")).isGreaterThan(kinds.lastIndexOf("number"));
        assertThat(kinds.indexOf("sql")).isGreaterThan(kinds.lastIndexOf("answer"));
        String sql = (String) rows.stream().filter(row -> row.getField(0).equals("sql")).findFirst().orElseThrow().getField(2);
        assertThat(sql).contains("FROM star.fact_budget").contains("2026-10-01").contains("2026-12-31");
    }

    @Test
    void narrativeQuestionsCiteTheRowsTheyAreAbout()
    {
        Map<String, Double> openApolloRisks = warehouse.numbers("""
                SELECT 'risk:' || r.risk_code, 1
                FROM star.fact_risk r
                JOIN star.dim_project pj ON pj.project_key = r.project_key
                JOIN star.dim_program pg ON pg.program_key = pj.program_key
                WHERE pg.name = 'Apollo' AND r.status <> 'closed'
                """);
        MaterializedResult rows = computeActual("SELECT kind, seq, text, source, score FROM TABLE(ai.system.ask(question => 'What are the main risks to Apollo right now?'))");
        List<MaterializedRow> citations = rows.getMaterializedRows().stream().filter(row -> row.getField(0).equals("citation")).toList();
        assertThat(citations).isNotEmpty().allSatisfy(row -> {
            assertThat(openApolloRisks).containsKey((String) row.getField(3));
            assertThat((String) row.getField(2)).isNotBlank();
            assertThat((Double) row.getField(4)).isPositive();
        });
        assertThat(rows.getMaterializedRows()).noneMatch(row -> row.getField(0).equals("number"));
        String answer = rows.getMaterializedRows().stream().filter(row -> row.getField(0).equals("answer"))
                .map(row -> (String) row.getField(2)).reduce("", String::concat);
        assertThat(answer).contains("[1]");
    }

    @Test
    void andWhyFollowsTheNumbersIntoTheText()
    {
        List<MaterializedRow> rows = computeActual("SELECT kind, json_extract_scalar(dimensions, '$.program') FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter, and why?'))")
                .getMaterializedRows();
        List<Object> over = rows.stream().filter(row -> row.getField(0).equals("number")).map(row -> row.getField(1)).distinct().toList();
        List<MaterializedRow> citations = rows.stream().filter(row -> row.getField(0).equals("citation")).toList();
        assertThat(citations).isNotEmpty().allSatisfy(row -> assertThat(over).contains(row.getField(1)));
    }

    @Test
    void theSessionFixesTodayForRelativePeriods()
    {
        Session juneSession = Session.builder(getSession()).setCatalogSessionProperty("ai", "reference_date", "2026-06-30").build();
        String sql = (String) computeScalar(juneSession, "SELECT text FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'sql' AND seq = 1".formatted(OVER_BUDGET));
        assertThat(sql).contains("2026-04-01").contains("2026-06-30");
        assertQueryFails(Session.builder(getSession()).setCatalogSessionProperty("ai", "reference_date", "June").build(),
                "SELECT * FROM TABLE(ai.system.ask(question => '%s'))".formatted(OVER_BUDGET),
                ".*reference_date.*YYYY-MM-DD.*");
    }

    @Test
    void aQuestionItCannotMapGetsANoticeAndNoNumber()
    {
        MaterializedResult result = computeActual("SELECT kind, text FROM TABLE(ai.system.ask(question => 'What is the median MTTR of the Zeus program?')) WHERE kind <> 'suggestion'");
        assertThat(result.getMaterializedRows()).singleElement().satisfies(row -> {
            assertThat(row.getField(0)).isEqualTo("notice");
            assertThat((String) row.getField(1)).contains("did not answer with numbers").contains("Zeus");
        });
    }

    @Test
    void aVerifiedQuestionSaysSo()
    {
        assertThat((String) computeScalar("SELECT text FROM TABLE(ai.system.ask(question => 'What is the MTTR by team this quarter?')) WHERE kind = 'notice' AND seq = 1"))
                .contains("verified answer");
    }

    @Test
    void aQuestionThatSmugglesSqlChangesNothing()
    {
        String counts = "SELECT (SELECT count(*) || ':' || sum(actual_usd) FROM star.fact_budget) || '/' || (SELECT count(*) FROM star.dim_program) || '/' || (SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'star')";
        String before = postgresScalar(counts);
        for (String question : List.of(
                "What is the budget of Apollo''; DROP TABLE star.fact_budget; --",
                "How is Apollo doing?); DELETE FROM star.dim_program; --",
                "Which programs are over budget\" OR 1=1; UPDATE star.fact_budget SET actual_usd = 0; --",
                "spend for program Robert''); TRUNCATE star.dim_program CASCADE;--")) {
            computeActual("SELECT count(*) FROM TABLE(ai.system.ask(question => '%s'))".formatted(question));
        }
        assertThat(postgresScalar(counts)).isEqualTo(before);
    }

    @Test
    void takesTheQuestionByPositionOrFromTheSessionCatalog()
    {
        assertQuery("SELECT count(*) > 0 FROM TABLE(ai.system.ask('How is Apollo doing this quarter?')) WHERE kind = 'number'", "VALUES true");
        assertQuery("SELECT count(*) > 0 FROM TABLE(system.ask(question => 'How is Apollo doing this quarter?')) WHERE kind = 'number'", "VALUES true");
    }

    @Test
    void refusesEmptyBlankMissingAndOverlongQuestions()
    {
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => ''))", "The question is empty.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => '   '))", "The question is empty.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => CAST(NULL AS varchar)))", "The question is empty.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask())", ".*Missing argument: QUESTION.*");
        assertQueryFails("SELECT * FROM TABLE(ai.system.ask(question => '" + "x".repeat(201) + "'))",
                "The question has 201 characters; the limit is 200 \\(ai.ask.max-question-length\\).*");
    }

    @Test
    void analysisDoesNotTouchTheDatabase()
    {
        // EXPLAIN runs analyze() only; it must succeed even when the database is down.
        assertThat(computeActual("EXPLAIN SELECT * FROM TABLE(ai_down.system.ask(question => 'How is Apollo doing?'))").getRowCount()).isPositive();
    }

    @Test
    void saysWhichDatabaseItCannotReachAndWhatToFix()
    {
        assertQueryFails("SELECT * FROM TABLE(ai_down.system.ask(question => 'How is Apollo doing?'))",
                "Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere.*Start the server, or fix ai.postgres.url in the catalog file.");
    }

    @Test
    void runsInsideLargerQueries()
    {
        assertQuery("""
                SELECT count(*) > 0, min(a.kind)
                FROM TABLE(ai.system.ask(question => '%s')) a
                CROSS JOIN (VALUES 1, 2, 3) t(x)
                WHERE a.kind = 'number'
                """.formatted(OVER_BUDGET), "VALUES (true, 'number')");
    }

    @Test
    void isListedAsATableFunction()
    {
        MaterializedResult functions = computeActual("SHOW FUNCTIONS FROM ai.system");
        assertThat(functions.getMaterializedRows()).anySatisfy(row -> {
            assertThat(row.getField(0)).isEqualTo("ask");
            assertThat(row.getField(3)).isEqualTo("table");
        });
    }

    private String postgresScalar(String sql)
    {
        try (Connection connection = warehouse.postgres().connect(); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
