package dev.trinoai.core.interpret;

import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A follow-up is read against the conversation's earlier questions: it inherits what it does not restate (the measure,
 * filters, period, grouping, ranking) and replaces what it names. Most cases say it as "this follow-up, after that
 * question, asks what this whole question asks".
 */
final class TestFollowUps
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final SemanticModel MODEL = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
    private static final Interpreter INTERPRETER = new Interpreter(MODEL, Vocabulary.of(MODEL, Map.of(
            "program", List.of("Apollo", "Falcon", "Horizon"),
            "team", List.of("Identity", "Payments", "Search"),
            "category", List.of("labor", "vendor", "cloud", "licenses"),
            "risk_status", List.of("open", "mitigating", "closed"))));
    private static final String APOLLO_VARIANCE = "What is the budget variance % for Apollo this quarter?";

    @Test
    void andForFalconReplacesTheProgram()
    {
        assertThat(followUp("and for Falcon?", APOLLO_VARIANCE)).isEqualTo(plan("What is the budget variance % for Falcon this quarter?"));
    }

    @Test
    void andLastQuarterReplacesThePeriod()
    {
        assertThat(followUp("and last quarter?", APOLLO_VARIANCE)).isEqualTo(plan("What is the budget variance % for Apollo last quarter?"));
    }

    @Test
    void byTeamInsteadReplacesTheGrouping()
    {
        assertThat(followUp("by team instead", "What is the MTTR by program this quarter?")).isEqualTo(plan("What is the MTTR by team this quarter?"));
    }

    @Test
    void whatAboutVelocityReplacesTheMeasureAndKeepsWhatAppliesToIt()
    {
        assertThat(followUp("what about velocity?", APOLLO_VARIANCE)).isEqualTo(plan("What is the velocity for Apollo this quarter?"));
        // velocity has no cost category: the program and the period carry over, the category does not
        Interpretation velocity = read("what about velocity?", "What is Apollo's labour spend this quarter?");
        assertThat(velocity.plan()).isEqualTo(plan("What is the velocity for Apollo this quarter?"));
        assertThat(velocity.carried()).hasValueSatisfying(carried -> assertThat(carried).contains("category labor left out, as velocity cannot be filtered by it"));
    }

    @Test
    void whyExplainsTheEarlierNumbersFromTheRecordsAboutThem()
    {
        Plan why = followUp("why?", APOLLO_VARIANCE);
        assertThat(why.metrics()).isEqualTo(plan(APOLLO_VARIANCE).metrics());
        assertThat(why.retrievals()).singleElement().satisfies(retrieval -> {
            assertThat(retrieval.followNumbers()).isTrue();
            assertThat(retrieval.filters()).isEqualTo(Map.of("program", List.of("Apollo")));
            assertThat(retrieval.time()).isEqualTo("this quarter");
            // "why?" alone says nothing of what to search for; the earlier question does
            assertThat(retrieval.text()).contains("budget variance").contains("apollo");
        });
    }

    @Test
    void showTheTopFiveRanksTheEarlierGroupsByTheEarlierMeasure()
    {
        assertThat(followUp("show the top 5", "What is the MTTR by team this quarter?").metrics())
                .containsExactly(new MetricQuery("mttr", List.of("team"), Map.of(), "this quarter", null, "desc", 5));
    }

    @Test
    void theRestatementSaysWhatWasCarriedOverAndWhatReplacedWhat()
    {
        assertThat(read("and for Falcon?", APOLLO_VARIANCE).carried()).contains(
                "Follow-up to \"What is the budget variance % for Apollo this quarter?\": carried over budget variance % and this quarter; Falcon instead of Apollo.");
        assertThat(read("by team instead", "What is the MTTR by program this quarter?").carried()).contains(
                "Follow-up to \"What is the MTTR by program this quarter?\": carried over MTTR and this quarter; by team instead of by program.");
        assertThat(read("why?", APOLLO_VARIANCE).carried()).contains(
                "Follow-up to \"What is the budget variance % for Apollo this quarter?\": carried over budget variance %, program Apollo and this quarter; now explained from the records.");
    }

    @Test
    void aQuestionThatStandsOnItsOwnIgnoresTheHistory()
    {
        Interpretation alone = read("What is the MTTR by team this quarter?", APOLLO_VARIANCE);
        assertThat(alone.plan()).isEqualTo(plan("What is the MTTR by team this quarter?"));
        assertThat(alone.carried()).isEmpty();
        // a measure and a period of its own, even after "and"
        assertThat(read("and velocity last quarter?", APOLLO_VARIANCE).carried()).isEmpty();
    }

    @Test
    void aFollowUpToQuestionsThatWereAllDeclinedIsDeclinedAsItWouldBeAlone()
    {
        Interpretation followUp = read("and for Falcon?", "What is the median MTTR of the Zeus program?", "Tell me a joke");
        assertThat(followUp.declined()).isPresent().isEqualTo(INTERPRETER.interpret("and for Falcon?", AS_OF).declined());
        assertThat(followUp.plan().isEmpty()).isTrue();
    }

    @Test
    void aDeclinedQuestionInTheMiddleIsSkippedForTheLastOneAnswered()
    {
        assertThat(followUp("and for Falcon?", APOLLO_VARIANCE, "What is the median MTTR of the Zeus program?"))
                .isEqualTo(plan("What is the budget variance % for Falcon this quarter?"));
    }

    @Test
    void aFollowUpFollowsTheWholeConversation()
    {
        assertThat(followUp("and last quarter?", APOLLO_VARIANCE, "and for Falcon?")).isEqualTo(plan("What is the budget variance % for Falcon last quarter?"));
        assertThat(followUp("show the top 2", "What is the MTTR by program this quarter?", "by team instead").metrics())
                .containsExactly(new MetricQuery("mttr", List.of("team"), Map.of(), "this quarter", null, "desc", 2));
    }

    @Test
    void aTeamReplacesAProgramButACategoryKeepsIt()
    {
        assertThat(followUp("and for the Payments team?", "What is the velocity for Apollo this quarter?")).isEqualTo(plan("What is the velocity for the Payments team this quarter?"));
        assertThat(followUp("and for cloud?", "What is Apollo's labour spend this quarter?")).isEqualTo(plan("What is Apollo's cloud spend this quarter?"));
    }

    @Test
    void aThresholdStaysWithItsMeasure()
    {
        String overBudget = "Which programs are over budget this quarter?";
        assertThat(followUp("and last quarter?", overBudget)).isEqualTo(plan("Which programs are over budget last quarter?"));
        assertThat(followUp("and under budget?", overBudget)).isEqualTo(plan("Which programs are under budget this quarter?"));
        // above 0% says over budget for the variance, nothing for velocity
        assertThat(followUp("what about velocity?", overBudget).metrics()).containsExactly(
                new MetricQuery("velocity", List.of("program"), Map.of(), "this quarter", null, "desc", null));
        assertThat(followUp("what about velocity?", overBudget).metrics()).extracting(MetricQuery::having).containsOnly((Comparison) null);
    }

    @Test
    void wordsLeftOverStillDeclineAFollowUp()
    {
        assertThat(read("and for Falcon, weighted by headcount?", APOLLO_VARIANCE).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("weighted"));
        assertThat(read("and for Zeus?", APOLLO_VARIANCE).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("Zeus"));
        // "instead" is a word of a follow-up; with nothing to follow it is not understood
        assertThat(INTERPRETER.interpret("MTTR by team instead", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("instead"));
    }

    @Test
    void aHistoryLongerThanTenQuestionsIsAClearError()
    {
        assertThat(Question.parse("and for Falcon?", Collections.nCopies(10, APOLLO_VARIANCE), 200).previous()).hasSize(10);
        assertThatThrownBy(() -> Question.parse("and for Falcon?", Collections.nCopies(11, APOLLO_VARIANCE), 200))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(INVALID_QUESTION))
                .hasMessage("previous has 11 earlier questions; the limit is 10. Pass the last 10 questions of the conversation, oldest first.");
    }

    @Test
    void eachEarlierQuestionIsHeldToTheQuestionsLimit()
    {
        assertThatThrownBy(() -> Question.parse("and for Falcon?", List.of(APOLLO_VARIANCE, "x".repeat(201)), 200))
                .isInstanceOfSatisfying(AskException.class, e -> assertThat(e.failure()).isEqualTo(INVALID_QUESTION))
                .hasMessage("Earlier question 2 of 2 in previous has 201 characters; the limit is 200 (ai.ask.max-question-length), as for the question.");
        List<String> withNull = new ArrayList<>(List.of(APOLLO_VARIANCE));
        withNull.add(null);
        for (List<String> empty : List.of(List.of(" "), withNull)) {
            assertThatThrownBy(() -> Question.parse("and for Falcon?", empty, 200))
                    .isInstanceOf(AskException.class)
                    .hasMessageMatching("Earlier question \\d of \\d in previous is empty: pass the questions that were asked, oldest first.");
        }
    }

    private static Plan followUp(String question, String... previous)
    {
        Interpretation interpretation = read(question, previous);
        assertThat(interpretation.declined()).as("declined: %s", interpretation.declined()).isEmpty();
        assertThat(interpretation.carried()).as("read as a follow-up").isPresent();
        return interpretation.plan();
    }

    /**
     * The question after the earlier ones, each read as the engine reads them: a declined one leaves nothing to follow.
     */
    private static Interpretation read(String question, String... previous)
    {
        Optional<Earlier> earlier = FollowUps.earlier(List.of(previous), (text, before) -> {
            Interpretation reading = INTERPRETER.interpret(text, AS_OF, before);
            return reading.declined().isPresent() ? Optional.empty() : Optional.of(reading.plan());
        });
        return INTERPRETER.interpret(question, AS_OF, earlier);
    }

    private static Plan plan(String question)
    {
        Interpretation interpretation = INTERPRETER.interpret(question, AS_OF);
        assertThat(interpretation.declined()).as("declined: %s", interpretation.declined()).isEmpty();
        return interpretation.plan();
    }
}
