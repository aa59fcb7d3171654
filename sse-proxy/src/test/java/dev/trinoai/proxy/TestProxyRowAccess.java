package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.trinoai.core.RestrictedStatements.ACTUAL_SPEND_THIS_YEAR;
import static dev.trinoai.core.RestrictedStatements.APOLLO;
import static dev.trinoai.core.RestrictedStatements.EVERYONE;
import static dev.trinoai.core.RestrictedStatements.OVER_BUDGET_THIS_QUARTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Row access on the chat page's path: the proxy asks Trino as the token's user, so the catalog's row access rules
 * apply to that user, and to no other the request names. Each user's numbers are those of SQL restricted by hand in
 * PostgreSQL, and nothing a restricted user receives names a program outside their scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("security")
final class TestProxyRowAccess
{
    private static final String RULES = """
            rules:
              - user: pm_apollo
                allow: {program: [Apollo]}
              - user: analyst
                allow: all
            """;
    private static final String OVER_BUDGET = "Which programs are over budget this quarter, and why?";
    private static final String SPEND = "What is the total actual spend this year?";
    private TestingAskStack stack;
    private ProxyServer proxy;

    @BeforeAll
    void start()
            throws Exception
    {
        Path rules = Files.createTempFile("access-rules", ".yaml");
        Files.writeString(rules, RULES);
        rules.toFile().deleteOnExit();
        stack = TestingAskStack.start(Map.of("ai.access.rules-file", rules.toString()), List.of("pm_apollo", "stranger"), Set.of("risk", "milestone"));
        proxy = stack.proxy(Map.of());
    }

    @AfterAll
    void stop()
    {
        TestingAskStack.close(stack, proxy);
    }

    @Test
    void aRestrictedUsersNumbersAreTheirRowsOnlyAndAnUnrestrictedUsersAreEveryones()
    {
        Map<String, Double> apollo = postgres(OVER_BUDGET_THIS_QUARTER.formatted(APOLLO));
        Map<String, Double> everyone = postgres(OVER_BUDGET_THIS_QUARTER.formatted(EVERYONE));
        assertThat(apollo).containsOnlyKeys("Apollo");
        assertThat(everyone).hasSizeGreaterThan(1);

        assertNumbers(numbers(ask("pm_apollo", OVER_BUDGET), "program"), apollo);
        assertNumbers(numbers(ask("analyst", OVER_BUDGET), "program"), everyone);
    }

    @Test
    void aTotalAddsUpTheUsersRowsOnly()
    {
        Map<String, Double> apollo = postgres(ACTUAL_SPEND_THIS_YEAR.formatted(APOLLO));
        Map<String, Double> everyone = postgres(ACTUAL_SPEND_THIS_YEAR.formatted(EVERYONE));
        assertThat(apollo.get("none")).isLessThan(everyone.get("none"));

        assertNumbers(numbers(ask("pm_apollo", SPEND), "none"), apollo);
        assertNumbers(numbers(ask("analyst", SPEND), "none"), everyone);
    }

    @Test
    void everyCitationIsOfTheUsersProgramAndNoEventNamesAnother()
    {
        Set<String> apolloSources = postgres("""
                SELECT 'risk:' || r.risk_code, 1 FROM star.fact_risk r
                JOIN star.dim_project pj ON pj.project_key = r.project_key JOIN star.dim_program pg ON pg.program_key = pj.program_key WHERE pg.name = 'Apollo'
                UNION ALL
                SELECT 'milestone:' || m.milestone_code, 1 FROM star.fact_milestone m
                JOIN star.dim_project pj ON pj.project_key = m.project_key JOIN star.dim_program pg ON pg.program_key = pj.program_key WHERE pg.name = 'Apollo'
                """).keySet();
        Set<String> otherPrograms = postgres("SELECT name, 1 FROM star.dim_program WHERE name <> 'Apollo'").keySet();

        List<SseClient.Event> events = ask("pm_apollo", OVER_BUDGET);

        List<SseClient.Event> citations = events.stream().filter(event -> event.name().equals("citation")).toList();
        assertThat(citations).isNotEmpty().allSatisfy(citation -> {
            assertThat(citation.data().get("source").asText()).isIn(apolloSources);
            assertThat(citation.data().get("dimensions").get("program").asText()).isEqualTo("Apollo");
        });
        assertThat(events).extracting(SseClient.Event::name).contains("number", "answer", "sql");
        for (SseClient.Event event : events) {
            String data = event.data().toString();
            assertThat(otherPrograms).as("%s event %s", event.name(), data).noneSatisfy(program -> assertThat(data).contains(program));
        }
    }

    @Test
    void aUserNoRuleMatchesGetsAnErrorNamingThemAndNoData()
    {
        List<SseClient.Event> events = ask("stranger", OVER_BUDGET);

        assertThat(events).extracting(SseClient.Event::name).containsExactly("error");
        JsonNode error = events.getFirst().data();
        assertThat(error.get("name").asText()).isEqualTo("AI_ACCESS_DENIED");
        assertThat(error.get("message").asText()).contains("matches the user stranger");
    }

    @Test
    void theRequestCannotChooseItsUserOnlyTheTokenDoes()
    {
        // Everything a client could try: Trino's own user header, a query parameter and a field in the body.
        URI target = proxy.uri().resolve("/ask?user=analyst");
        String body = "{\"question\": \"%s\", \"user\": \"analyst\"}".formatted(SPEND);
        SseClient.Response response = SseClient.post(target, Optional.of("pm_apollo"), body, Map.of("X-Trino-User", "analyst"));

        assertThat(response.last().name()).isEqualTo("done");
        assertNumbers(numbers(response.events(), "none"), postgres(ACTUAL_SPEND_THIS_YEAR.formatted(APOLLO)));
        String queryId = response.last().data().get("queryId").asText();
        assertThat(stack.trinoQuery("SELECT user FROM system.runtime.queries WHERE query_id = '%s'".formatted(queryId)).getOnlyValue()).isEqualTo("pm_apollo");
    }

    private List<SseClient.Event> ask(String user, String question)
    {
        SseClient.Response response = SseClient.ask(proxy.uri(), Optional.of(user), question);
        assertThat(response.status()).isEqualTo(200);
        return response.events();
    }

    /**
     * The values of the {@code number} events by their value of one dimension ("none" for an ungrouped number).
     */
    private static Map<String, Double> numbers(List<SseClient.Event> events, String dimension)
    {
        Map<String, Double> numbers = new LinkedHashMap<>();
        events.stream()
                .filter(event -> event.name().equals("number"))
                .map(SseClient.Event::data)
                .forEach(number -> numbers.put(number.path("dimensions").path(dimension).asText("none"), number.get("value").asDouble()));
        return numbers;
    }

    private static void assertNumbers(Map<String, Double> actual, Map<String, Double> expected)
    {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        actual.forEach((key, value) -> assertThat(value).as(key).isCloseTo(expected.get(key), within(1e-6 * Math.max(1, Math.abs(expected.get(key))))));
    }

    /**
     * The first column's text to the second column's number, straight from PostgreSQL.
     */
    private Map<String, Double> postgres(String sql)
    {
        Map<String, Double> rows = new LinkedHashMap<>();
        try (Connection connection = stack.postgres().connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(result.getString(1), result.getDouble(2));
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
