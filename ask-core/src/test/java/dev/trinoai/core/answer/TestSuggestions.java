package dev.trinoai.core.answer;

import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.interpret.Earlier;
import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.interpret.Interpreter;
import dev.trinoai.core.interpret.Vocabulary;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.core.sql.SqlCompiler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follow-ups an answer suggests come from its plan and its numbers, each in the words of a follow-up that the
 * interpreter reads, after the question, as the question meant.
 */
final class TestSuggestions
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final SemanticModel MODEL = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
    private static final Map<String, List<String>> VALUES = Map.of(
            "program", List.of("Apollo", "Falcon", "Horizon"),
            "team", List.of("Identity", "Payments", "Search"),
            "category", List.of("labor", "vendor", "cloud", "licenses"));
    private static final Interpreter INTERPRETER = new Interpreter(MODEL, Vocabulary.of(MODEL, VALUES));
    private static final SqlCompiler COMPILER = new SqlCompiler(MODEL);
    private static final Suggestions SUGGESTIONS = new Suggestions(MODEL);
    private static final String APOLLO_VARIANCE = "What is the budget variance % for Apollo this quarter?";

    @Test
    void oneNumberSuggestsAnotherPeriodWhyAndABreakdownBelowItsFilter()
    {
        assertThat(firsts(APOLLO_VARIANCE, Map.of())).containsExactly("and last quarter?", "why?", "and by project?");
    }

    @Test
    void rankedNumbersSuggestTheWorstItemBrokenDown()
    {
        // over budget is worse the higher it is
        assertThat(firsts("Which programs are over budget this quarter?", Map.of("Apollo", 4.0, "Horizon", 22.0, "Falcon", 15.0)).getFirst())
                .isEqualTo("and for Horizon, by project?");
        // the say/do ratio is better the higher it is: the least reliable program
        assertThat(firsts("What is the say/do ratio by program this quarter?", Map.of("Apollo", 91.0, "Falcon", 72.0, "Horizon", 85.0)).getFirst())
                .isEqualTo("and for Falcon, by project?");
        // nothing below a team that velocity is kept by: no worst item to break down
        assertThat(firsts("What is the velocity by team this quarter?", Map.of("Identity", 31.0, "Payments", 18.0, "Search", 25.0)).getFirst())
                .isEqualTo("and last quarter?");
    }

    @Test
    void theOtherPeriodOfALastPeriodIsTheCurrentOne()
    {
        assertThat(firsts("What is the MTTR by team last quarter?", Map.of())).contains("and this quarter?");
        assertThat(firsts("How is velocity trending by month this year?", Map.of())).contains("and last year?");
    }

    @Test
    void aCountOfWhatIsOpenNowHasNoOtherPeriod()
    {
        assertThat(firsts("How many open risks are there?", Map.of())).noneMatch(question -> question.contains("quarter") || question.contains("year"));
    }

    @Test
    void anAnswerAlreadyExplainedDoesNotSuggestWhy()
    {
        assertThat(firsts("Which programs are over budget this quarter, and why?", Map.of("Apollo", 4.0, "Horizon", 22.0))).doesNotContain("why?");
    }

    @Test
    void noNumbersNoWhy()
    {
        assertThat(firsts(APOLLO_VARIANCE, null)).doesNotContain("why?");
    }

    @Test
    void aBreakdownIsByADimensionEveryMeasureOfThePlanCanBeSlicedBy()
    {
        // the scorecard's measures are all kept by project, not all by team
        List<Suggestions.Candidate> breakdowns = SUGGESTIONS.after(plan("How is Apollo doing this quarter?"), List.of()).getLast();
        assertThat(breakdowns).extracting(Suggestions.Candidate::question).startsWith("and by project?").doesNotContain("and by team?");
    }

    @Test
    void everyCandidateIsReadAsAFollowUpThatAsksWhatItMeans()
    {
        for (String question : List.of(APOLLO_VARIANCE, "Which programs are over budget this quarter?", "What is the MTTR by team this quarter?", "How is velocity trending by month this year?",
                "What is the burn rate this year?", "How is Apollo doing this quarter?")) {
            Plan plan = plan(question);
            for (List<Suggestions.Candidate> group : SUGGESTIONS.after(plan, results(plan, List.of(4.0, 15.0, 9.0)))) {
                Suggestions.Candidate first = group.getFirst();
                Interpretation followUp = INTERPRETER.interpret(first.question(), AS_OF, Optional.of(new Earlier(question, plan)));
                assertThat(followUp.declined()).as("%s after %s", first.question(), question).isEmpty();
                assertThat(followUp.carried()).as("%s after %s", first.question(), question).isPresent();
                assertThat(first.meant().test(followUp.plan())).as("%s after %s: %s", first.question(), question, followUp.plan()).isTrue();
                assertThat(followUp.plan()).isNotEqualTo(plan);
            }
        }
    }

    @Test
    void aDeclineSuggestsTheVerifiedQuestionsEachOnItsOwn()
    {
        assertThat(Suggestions.examples(List.of("What is the MTTR by team this quarter?", "Which milestones are overdue, by program?")))
                .allSatisfy(group -> assertThat(group).hasSize(1))
                .extracting(group -> group.getFirst().question())
                .containsExactly("What is the MTTR by team this quarter?", "Which milestones are overdue, by program?");
    }

    /**
     * The first candidate of each group after the question, its first measure's numbers by its one grouping as given;
     * no numbers at all for null.
     */
    private static List<String> firsts(String question, Map<String, Double> numbers)
    {
        Plan plan = plan(question);
        List<MetricResult> results = numbers == null ? List.of() : results(plan, numbers);
        return SUGGESTIONS.after(plan, results).stream().map(group -> group.getFirst().question()).toList();
    }

    /**
     * The numbers in the order of the values of the plan's one grouping.
     */
    private static List<MetricResult> results(Plan plan, List<Double> numbers)
    {
        return plan.metrics().stream().map(query -> {
            var compiled = COMPILER.compile(query, AS_OF, 100, AccessScope.ALL);
            List<String> values = compiled.groups().size() == 1 ? VALUES.getOrDefault(compiled.groups().getFirst(), List.of()) : List.of();
            List<MetricResult.Row> rows = values.isEmpty()
                    ? List.of(new MetricResult.Row(compiled.groups().stream().map(group -> "x").toList(), 1.0))
                    : numbers.stream().map(number -> new MetricResult.Row(List.of(values.get(numbers.indexOf(number))), number)).toList();
            return new MetricResult(compiled, rows, false);
        }).toList();
    }

    private static List<MetricResult> results(Plan plan, Map<String, Double> numbers)
    {
        return plan.metrics().stream().map(query -> {
            var compiled = COMPILER.compile(query, AS_OF, 100, AccessScope.ALL);
            List<MetricResult.Row> rows = compiled.groups().size() == 1
                    ? numbers.entrySet().stream().map(entry -> new MetricResult.Row(List.of(entry.getKey()), entry.getValue())).toList()
                    : List.of(new MetricResult.Row(List.of(), 1.0));
            return new MetricResult(compiled, rows, false);
        }).toList();
    }

    private static Plan plan(String question)
    {
        Interpretation interpretation = INTERPRETER.interpret(question, AS_OF);
        assertThat(interpretation.declined()).as("declined: %s", interpretation.declined()).isEmpty();
        return interpretation.plan();
    }
}
