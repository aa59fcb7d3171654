package dev.trinoai.connector;

import dev.trinoai.core.model.TestingSemanticModels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.trinoai.connector.TestingSampleWarehouse.askedNumbers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ai catalog serving two domains in a real Trino query runner over the seed-42 sample as of 2026-11-25: the PMO
 * model and the test domain delivery (ask-core/src/test/domains), whose fiscal year starts on 1 October. Numbers are
 * checked against SQL written by hand and run directly in PostgreSQL.
 */
final class TestAskDomains
        extends AbstractSampleQueryTest
{
    private static final String SHIPPED_BY_CREW = "How many points shipped by crew this fiscal year?";

    @Override
    protected Map<String, String> catalogProperties()
    {
        return Map.of("ai.semantic-model.domains", TestingSemanticModels.DOMAINS.toString());
    }

    @Test
    void aQuestionInTheWordsOfADomainIsAnsweredThereOverItsFiscalYear()
    {
        warehouse.assertNumbers(askedNumbers(getQueryRunner(), "points_shipped", "crew", List.of(SHIPPED_BY_CREW)), """
                SELECT t.name, sum(f.completed_points)
                FROM star.fact_sprint f JOIN star.dim_team t ON t.team_key = f.team_key
                WHERE f.end_date_key BETWEEN 20261001 AND 20270930
                GROUP BY t.name
                """);
    }

    @Test
    void aFollowUpIsAnsweredInItsConversationsDomain()
    {
        warehouse.assertNumbers(askedNumbers(getQueryRunner(), "points_shipped", "crew", List.of(SHIPPED_BY_CREW, "and last fiscal year?")), """
                SELECT t.name, sum(f.completed_points)
                FROM star.fact_sprint f JOIN star.dim_team t ON t.team_key = f.team_key
                WHERE f.end_date_key BETWEEN 20251001 AND 20260930
                GROUP BY t.name
                """);
    }

    @Test
    void aQuestionOfTwoDomainsIsDeclinedNamingBoth()
    {
        List<String> kinds = getQueryRunner().execute("SELECT kind, text FROM TABLE(ai.system.ask(question => 'points shipped by crew and the MTTR by team'))")
                .getMaterializedRows().stream()
                .map(row -> row.getField(0) + ": " + row.getField(1))
                .toList();
        assertThat(kinds).singleElement().asString().startsWith("notice: ").contains("several domains (pmo, delivery)");
    }
}
