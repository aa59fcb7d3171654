package dev.trinoai.jobs;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.AskSettings;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * One engine serving two domains over the seed-42 sample in a real PostgreSQL: the shipped PMO model, and a delivery
 * domain over the same sprints with words of its own ("points" it shares with the PMO model) and a fiscal year that
 * starts on 1 October.
 */
@TestInstance(PER_CLASS)
final class TestDomains
{
    private static final SemanticModel PMO = SemanticModelLoader.load(TestingSemanticModels.SHIPPED);
    private static final SemanticModel DELIVERY = SemanticModelLoader.load(TestingSemanticModels.DOMAINS.resolve("delivery.yaml"));
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    private TestingSample sample;
    private AskEngine engine;

    @BeforeAll
    void loadTheSample(@TempDir Path landing)
            throws Exception
    {
        sample = TestingSample.load(AS_OF, landing);
        engine = new AskEngine(List.of(PMO, DELIVERY), sample.warehouse(), sample.embeddings(), AskSettings.defaults(), Optional.empty());
    }

    @AfterAll
    void close()
    {
        if (sample != null) {
            sample.close();
        }
    }

    @Test
    void aQuestionIsAnsweredInTheDomainWhoseWordsItHolds()
    {
        assertThat(metrics(ask("How many points shipped by crew?"))).isNotEmpty().containsOnly("points_shipped");
        assertThat(metrics(ask("How many story points did each team complete?"))).isNotEmpty().containsOnly("completed_points");
    }

    @Test
    void eachDomainCountsItsOwnFiscalYear()
    {
        // the same sprints: October's fiscal year in the delivery domain, July's in the PMO one
        assertThat(sql(ask("points shipped this fiscal year"))).contains("-- period: this fiscal year (2026-10-01 to 2027-09-30)");
        assertThat(sql(ask("story points completed this fiscal year"))).contains("-- period: this fiscal year (2026-07-01 to 2027-06-30)");
        assertThat(sql(ask("points shipped by fiscal quarter this fiscal year"))).contains("'FY' || extract(year FROM (d.date + interval '3 months'))::integer");
    }

    @Test
    void theFiscalQuartersOfADomainAreNamedByItsFiscalYear()
    {
        // as of 25 November 2026 the delivery domain is in the first quarter of FY2027, which began on 1 October
        assertThat(ask("points shipped by fiscal quarter this fiscal year")).filteredOn(row -> row.kind() == RowKind.NUMBER)
                .extracting(AnswerRow::dimensions)
                .containsExactly("{\"fiscal_quarter\":\"FY2027-Q1\"}");
    }

    @Test
    void aQuestionWithTheWordsOfTwoDomainsIsDeclinedNamingBoth()
    {
        List<AnswerRow> rows = ask("points shipped by crew and the MTTR by team");
        assertThat(rows).noneMatch(row -> row.kind() == RowKind.NUMBER);
        assertThat(rows).filteredOn(row -> row.kind() == RowKind.NOTICE).singleElement()
                .satisfies(notice -> assertThat(notice.text()).contains("several domains (pmo, delivery)"));
        assertThatThrownBy(() -> engine.numbersQuery(new Question("points shipped by crew and the MTTR by team", List.of()), Optional.of(AS_OF), AccessScope.ALL))
                .isInstanceOf(AskException.class)
                .hasMessageContaining("several domains (pmo, delivery)");
    }

    @Test
    void aFollowUpStaysInItsConversationsDomain()
    {
        // both domains read "points": asked first, the model file's domain answers it; after a delivery question, delivery
        assertThat(metrics(ask("How many points last fiscal year?"))).isNotEmpty().containsOnly("completed_points");
        List<AnswerRow> rows = ask(new Question("How many points last fiscal year?", List.of("How many points shipped by crew this fiscal year?")));
        assertThat(metrics(rows)).isNotEmpty().containsOnly("points_shipped");
        assertThat(sql(rows)).contains("-- period: last fiscal year (2025-10-01 to 2026-09-30)");
        assertThat(metrics(ask(new Question("and last fiscal year?", List.of("How many points shipped by crew this fiscal year?"))))).isNotEmpty().containsOnly("points_shipped");
    }

    @Test
    void aDeclineOffersTheExamplesOfTheDomainItWasRoutedTo()
    {
        List<AnswerRow> rows = ask("points shipped by galaxy");
        assertThat(rows).noneMatch(row -> row.kind() == RowKind.NUMBER);
        assertThat(rows).filteredOn(row -> row.kind() == RowKind.SUGGESTION).extracting(AnswerRow::text)
                .containsExactlyElementsOf(DELIVERY.verifiedQuestions().stream().map(verified -> verified.question()).toList());
    }

    private List<AnswerRow> ask(String question)
    {
        return ask(new Question(question, List.of()));
    }

    private List<AnswerRow> ask(Question question)
    {
        List<AnswerRow> rows = new ArrayList<>();
        engine.answer(question, Optional.of(AS_OF), AccessScope.ALL, rows::add);
        return rows;
    }

    private static List<String> metrics(List<AnswerRow> rows)
    {
        return rows.stream().filter(row -> row.kind() == RowKind.NUMBER).map(AnswerRow::metric).toList();
    }

    private static String sql(List<AnswerRow> rows)
    {
        return rows.stream().filter(row -> row.kind() == RowKind.SQL).map(AnswerRow::text).reduce("", String::concat);
    }
}
