package dev.trinoai.core.interpret;

import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.TestingSemanticModels;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What plans plain-English questions become, over the shipped semantic model and a small vocabulary of data values.
 */
final class TestInterpreter
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final SemanticModel MODEL = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
    private static final Map<String, List<String>> VALUES = Map.of(
            "program", List.of("Apollo", "Borealis", "Delta", "Everest", "Gemini", "Horizon", "Juniper"),
            "project", List.of("Checkout Redesign", "Data Lake Migration", "Mobile App 4.0", "Single Sign-On"),
            "team", List.of("Identity", "Mobile", "Payments", "Search"),
            "service", List.of("payments-api", "sso-gateway"),
            "risk_status", List.of("open", "mitigating", "closed"),
            "risk_severity", List.of("low", "medium", "high", "critical"),
            "incident_severity", List.of("SEV1", "SEV2", "SEV3", "SEV4"),
            "program_status", List.of("active", "paused"),
            "project_status", List.of("active", "at_risk", "paused", "completed"));
    private static final Interpreter INTERPRETER = new Interpreter(MODEL, Vocabulary.of(MODEL, VALUES));

    @Test
    void overBudgetAndWhyRanksTheOverrunsThenFollowsThemIntoTheText()
    {
        Plan plan = plan("Which programs are over budget this quarter, and why?");
        assertThat(plan.metrics()).containsExactly(
                new MetricQuery("budget_variance_pct", List.of("program"), Map.of(), "this quarter", new Comparison(">", 0), "desc", null),
                new MetricQuery("budget_variance", List.of("program"), Map.of(), "this quarter", new Comparison(">", 0), "desc", null));
        assertThat(plan.retrievals()).singleElement().satisfies(retrieval -> assertThat(retrieval.followNumbers()).isTrue());
    }

    @Test
    void moneyThresholdsCompareAmountsAndPercentThresholdsPercentages()
    {
        assertThat(plan("Which projects are more than $100k over budget this year?").metrics()).containsExactly(
                new MetricQuery("budget_variance", List.of("project"), Map.of(), "this year", new Comparison(">", 100_000), "desc", null));
        assertThat(plan("Which projects are more than 10% over budget this year?").metrics()).containsExactly(
                new MetricQuery("budget_variance_pct", List.of("project"), Map.of(), "this year", new Comparison(">", 10), "desc", null));
        assertThat(plan("What's Delta's budget variance percentage this quarter?").metrics()).extracting(MetricQuery::metric).containsExactly("budget_variance_pct");
    }

    @Test
    void overOrUnderBudgetKeepsBothSides()
    {
        assertThat(plan("Is Everest under or over budget this year? By how much?").metrics()).containsExactly(
                new MetricQuery("budget_variance", List.of(), Map.of("program", List.of("Everest")), "this year", null, "desc", null),
                new MetricQuery("budget_variance_pct", List.of(), Map.of("program", List.of("Everest")), "this year", null, "desc", null));
    }

    @Test
    void onBudgetAndBudgetStatusAskForTheVarianceEitherWay()
    {
        for (String question : List.of("Is Everest on budget this year?", "Everest budget status this year", "How is Everest tracking against plan this year?")) {
            assertThat(plan(question).metrics()).as(question).containsExactly(
                    new MetricQuery("budget_variance", List.of(), Map.of("program", List.of("Everest")), "this year", null, "desc", null),
                    new MetricQuery("budget_variance_pct", List.of(), Map.of("program", List.of("Everest")), "this year", null, "desc", null));
        }
    }

    @Test
    void plannedVsActualAnswersBothSides()
    {
        for (String question : List.of("What's the planned vs actual for Apollo this year?", "Apollo budget versus actuals this year", "actual vs plan for Apollo this year")) {
            assertThat(plan(question).metrics()).as(question).extracting(MetricQuery::metric).containsExactly("planned_budget", "actual_spend");
        }
        // against the budget, another measure of the budget lines is shown beside the plan, not replaced by the variance
        assertThat(plan("forecast vs budget for Apollo this year").metrics()).extracting(MetricQuery::metric).containsExactly("forecast_spend", "planned_budget");
        // "actual vs plan to date" defines the variance, it does not ask for its sides
        assertThat(plan("Budget variance % (actual vs plan to date) for Apollo this year").metrics()).extracting(MetricQuery::metric).startsWith("budget_variance_pct");
    }

    @Test
    void aTotalAcrossAllOfADimensionIsOneNumber()
    {
        for (String question : List.of("What's our total spend across all programs last quarter?", "total spend across programs last quarter", "spend across every program last quarter")) {
            assertThat(plan(question).metrics()).as(question).containsExactly(new MetricQuery("actual_spend", List.of(), Map.of(), "last quarter", null, "desc", null));
        }
        assertThat(plan("spend across programs last quarter").metrics()).extracting(MetricQuery::groupBy).containsExactly(List.of("program"));
    }

    @Test
    void aStatusWordWithACountOfValuesNamesTheMeasureOfThatStatus()
    {
        assertThat(plan("How many P1s are open right now?").metrics()).extracting(MetricQuery::metric, MetricQuery::filters)
                .containsExactly(tuple("open_incidents", Map.of("incident_severity", List.of("SEV1"))));
    }

    @Test
    void twoConsecutiveSlicesComparedAreOneStatementByThatGrainOldestFirst()
    {
        // oldest first whatever order they are named in: the answer says how the earlier slice became the later one
        for (String question : List.of("How does our spend this quarter compare with last quarter?", "spend this quarter vs last quarter", "Did we spend more this quarter than last quarter?",
                "what did we spend in Q4 vs Q3?", "spend this quarter vs the quarter before")) {
            assertThat(plan(question).metrics()).as(question).containsExactly(new MetricQuery("actual_spend", List.of("quarter"), Map.of(), "2026-07-01..2026-12-31", null, "time", null));
        }
        // slices that are not consecutive stay two statements, one per period
        assertThat(plan("spend in Q1 2026 vs Q3 2026").metrics()).extracting(MetricQuery::time).containsExactly("q1 2026", "q3 2026");
    }

    @Test
    void aQuestionItsMeasuresCannotAnswerIsDeclinedRatherThanAnsweredWithAnotherNumber()
    {
        for (String question : List.of("What share of spend went to cloud last quarter?", "what percentage of incidents were SEV1 this year",
                "How many OKRs do we have this quarter?", "How many milestones were hit on time this year?", "How many risks were open at the end of September?",
                "MTTR in days for the Search team this quarter", "How far is the forecast above plan this year?", "what's the delta in MTTR between SEV1 and SEV2 this year",
                "a cascade of incidents last week", "percent of budget spent so far this fiscal year", "How much did we spend last week?",
                "cloud spend in the past 30 days", "how much did we spend yesterday?", "how many points will we finish next sprint?")) {
            assertThat(INTERPRETER.interpret(question, AS_OF).declined()).as(question).isPresent();
        }
        // a rate asked for as a share is the rate; "how many percent" asks for a percentage
        // a budget booked by month answers whole months, and the months that start in "the last 3 months"
        assertThat(plan("spend this month so far").metrics()).extracting(MetricQuery::metric).containsExactly("actual_spend");
        assertThat(plan("spend over the last 3 months").metrics()).extracting(MetricQuery::metric).containsExactly("actual_spend");
        assertThat(plan("incidents in the past 30 days").metrics()).extracting(MetricQuery::metric).containsExactly("incident_count");
        assertThat(plan("What percentage of milestones were delivered on time this year?").metrics()).extracting(MetricQuery::metric).containsExactly("milestone_on_time_rate");
        assertThat(plan("How many percent over budget is Delta this year?").metrics()).extracting(MetricQuery::metric).containsExactly("budget_variance_pct");
        assertThat(plan("How many open risks does delta have?").metrics()).extracting(MetricQuery::filters).containsExactly(Map.of("program", List.of("Delta")));
    }

    @Test
    void periodsSaidInOtherWords()
    {
        assertThat(plan("budget variance % for Everest since the start of the year").metrics()).extracting(MetricQuery::time).containsExactly("since the start of the year");
        assertThat(plan("velocity by quarter over the last year").metrics()).extracting(MetricQuery::time).containsExactly("over the last year");
        assertThat(plan("Is velocity going up or down for Search this year?").metrics()).extracting(MetricQuery::groupBy).containsExactly(List.of("month"));
    }

    @Test
    void everyPartOfAQuestionIsAnswered()
    {
        assertThat(plan("How many P1 incidents this year, and how long did they take to fix?").metrics()).extracting(MetricQuery::metric)
                .containsExactlyInAnyOrder("incident_count", "mttr");
    }

    @Test
    void wordsOfEveryDayEnglishAroundAMeasureDoNotBlockIt()
    {
        assertThat(plan("which programs are blowing their budget this quarter?").metrics()).extracting(MetricQuery::metric).containsExactly("budget_variance_pct", "budget_variance");
        assertThat(plan("How many incidents are still unresolved right now?").metrics()).extracting(MetricQuery::metric).containsExactly("open_incidents");
        assertThat(plan("Which team got hit with the most incidents last quarter?").metrics()).extracting(MetricQuery::metric, MetricQuery::limit).containsExactly(tuple("incident_count", 1));
        assertThat(plan("Which program is lagging furthest on its OKRs this quarter?").metrics()).extracting(MetricQuery::order, MetricQuery::limit).containsExactly(tuple("asc", 1));
        assertThat(plan("Of all our programs, which one has ever had the worst on-time milestone delivery?").metrics())
                .extracting(MetricQuery::time, MetricQuery::limit).containsExactly(tuple("ever", 1));
        assertThat(plan("Count of all risks on the register by status").metrics()).extracting(MetricQuery::groupBy).containsExactly(List.of("risk_status"));
    }

    @Test
    void overBudgetMeansTheMetricsTheModelNamesForIt()
    {
        SemanticModel renamed = TestingSemanticModels.overBudgetRenamed();
        Interpreter interpreter = new Interpreter(renamed, Vocabulary.of(renamed, VALUES));
        Map<String, String> names = Map.of("budget_variance", "spend_variance", "budget_variance_pct", "overrun_share");
        for (String question : List.of("Which programs are over budget this quarter, and why?", "Which projects are under budget this year?",
                "Which projects are more than $100k over budget this year?", "Which projects are more than 10% over budget this year?",
                "Is Everest under or over budget this year? By how much?")) {
            List<MetricQuery> shipped = plan(question).metrics();
            assertThat(shipped).as(question).extracting(MetricQuery::metric).isNotEmpty().allMatch(names::containsKey);
            // the same plans as over the shipped model, with the model's names for the variance
            assertThat(plan(interpreter, question).metrics()).as(question).containsExactlyElementsOf(shipped.stream()
                    .map(query -> new MetricQuery(names.get(query.metric()), query.groupBy(), query.filters(), query.time(), query.having(), query.order(), query.limit()))
                    .toList());
        }
    }

    @Test
    void withoutOverBudgetInTheModelOverBudgetQuestionsAreDeclined()
    {
        SemanticModel model = TestingSemanticModels.withoutOverBudget();
        Interpreter interpreter = new Interpreter(model, Vocabulary.of(model, VALUES));
        for (String question : List.of("Which programs are over budget this quarter?", "Which projects are more than 10% over budget this year?", "Is Everest under or over budget this year?")) {
            assertThat(interpreter.interpret(question, AS_OF).declined()).as(question).hasValueSatisfying(reason -> assertThat(reason).contains("over_budget"));
        }
        assertThat(plan(interpreter, "Budget variance by program this quarter").metrics()).extracting(MetricQuery::metric).containsExactly("budget_variance");
    }

    @Test
    void aStatusWordAndAMeasureMakeTheQualifiedMeasure()
    {
        assertThat(plan("Which programs are carrying open critical risks, and how many?").metrics()).containsExactly(
                new MetricQuery("open_risks", List.of("program"), Map.of("risk_severity", List.of("critical")), null, new Comparison(">", 0), "desc", null));
        assertThat(plan("How many incidents are still open right now?").metrics()).extracting(MetricQuery::metric).containsExactly("open_incidents");
    }

    @Test
    void aVerbIsNotAValue()
    {
        assertThat(plan("How many incidents did we open each week over the last 4 weeks?").metrics()).singleElement()
                .satisfies(query -> {
                    assertThat(query.metric()).isEqualTo("incident_count");
                    assertThat(query.groupBy()).containsExactly("week");
                    assertThat(query.filters()).isEmpty();
                });
    }

    @Test
    void countsBeforeGroupsLimitTheRanking()
    {
        assertThat(plan("What are the two projects with the most open risks?").metrics()).singleElement()
                .satisfies(query -> assertThat(query).extracting(MetricQuery::metric, MetricQuery::order, MetricQuery::limit).containsExactly("open_risks", "desc", 2));
        assertThat(plan("Which program is furthest behind on its goals this quarter?").metrics()).singleElement()
                .satisfies(query -> assertThat(query).extracting(MetricQuery::metric, MetricQuery::order, MetricQuery::limit).containsExactly("okr_progress", "asc", 1));
    }

    @Test
    void aStatusRightBeforeTheDimensionItDescribesFiltersByThatDimensionsStatus()
    {
        assertThat(plan("what did paused programs spend last fiscal year?").metrics()).extracting(MetricQuery::metric, MetricQuery::filters)
                .containsExactly(tuple("actual_spend", Map.of("program_status", List.of("paused"))));
        assertThat(plan("how many open risks do paused projects have").metrics()).extracting(MetricQuery::metric, MetricQuery::filters)
                .containsExactly(tuple("open_risks", Map.of("project_status", List.of("paused"))));
    }

    @Test
    void aRankingWordFollowedByFirstOrdersEveryGroup()
    {
        assertThat(plan("give me the budget variance for every project in Apollo, worst first").metrics()).singleElement()
                .satisfies(query -> assertThat(query).extracting(MetricQuery::metric, MetricQuery::groupBy, MetricQuery::order, MetricQuery::limit)
                        .containsExactly("budget_variance", List.of("project"), "desc", null));
        assertThat(plan("say/do ratio by team this quarter, best first").metrics()).singleElement()
                .satisfies(query -> assertThat(query).extracting(MetricQuery::order, MetricQuery::limit).containsExactly("desc", null));
    }

    @Test
    void aMeasuresTwoWordNameSaidTheOtherWayRoundNamesIt()
    {
        assertThat(plan("how many milestones slipped this year?").metrics()).extracting(MetricQuery::metric).containsExactly("overdue_milestones");
        assertThat(plan("what's the tally of open incidents by severity?").metrics()).extracting(MetricQuery::metric, MetricQuery::groupBy)
                .containsExactly(tuple("open_incidents", List.of("incident_severity")));
        assertThat(plan("how many milestones did we deliver late this fiscal year?").metrics()).extracting(MetricQuery::metric).containsExactly("milestones_completed_late");
        assertThat(plan("how many P1 incidents this year, and how long did they take to fix?").metrics()).extracting(MetricQuery::metric).containsExactly("incident_count", "mttr");
        assertThat(plan("P1 count by month this year").metrics()).extracting(MetricQuery::metric, MetricQuery::groupBy, MetricQuery::filters)
                .containsExactly(tuple("incident_count", List.of("month"), Map.of("incident_severity", List.of("SEV1"))));
    }

    /**
     * Plans, and the SQL and retrieval built from them, are the same from one JVM to the next: the filters keep the
     * order in which the question names them, and a dimension's value synonyms the order of the model file.
     */
    @Test
    void filtersKeepTheOrderTheQuestionNamesThem()
    {
        assertThat(plan("How many P1s did the Mobile team handle in the last 12 months?").metrics()).singleElement()
                .satisfies(query -> assertThat(query.filters().keySet()).containsExactly("incident_severity", "team"));
        assertThat(MODEL.dimensions().get("incident_severity").valueSynonyms().keySet()).containsExactly("SEV1", "SEV2", "SEV3", "SEV4");
    }

    @Test
    void namedValuesAreCountedWhenNoMeasureIsNamed()
    {
        assertThat(plan("How many P1s did the Mobile team handle in the last 12 months?").metrics()).singleElement()
                .satisfies(query -> {
                    assertThat(query.metric()).isEqualTo("incident_count");
                    assertThat(query.filters()).isEqualTo(Map.of("team", List.of("Mobile"), "incident_severity", List.of("SEV1")));
                    assertThat(query.time()).endsWith("last 12 months");
                });
    }

    @Test
    void aValueBeforeAGroupWordFiltersTheGroups()
    {
        assertThat(plan("Planned budget for each Borealis project this year").metrics()).containsExactly(
                new MetricQuery("planned_budget", List.of("project"), Map.of("program", List.of("Borealis")), "this year", null, "desc", null));
        assertThat(plan("total points delivered by Horizon teams this year?").metrics()).containsExactly(
                new MetricQuery("completed_points", List.of(), Map.of("program", List.of("Horizon")), "this year", null, "desc", null));
    }

    @Test
    void narrativeQuestionsSearchTheTextOfTheNamedEntity()
    {
        Plan plan = plan("What are the main risks to Apollo right now?");
        assertThat(plan.metrics()).isEmpty();
        Retrieval retrieval = plan.retrievals().getFirst();
        assertThat(retrieval.sources()).containsExactly("risk");
        assertThat(retrieval.filters()).isEqualTo(Map.of("program", List.of("Apollo")));
        assertThat(plan("What are Gemini's OKRs this quarter?").metrics()).isEmpty();
    }

    @Test
    void declinesRatherThanGuesses()
    {
        assertThat(INTERPRETER.interpret("How is Zeus doing this quarter?", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("Zeus"));
        assertThat(INTERPRETER.interpret("What is the median MTTR this quarter?", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("median"));
        assertThat(INTERPRETER.interpret("What is the MTTR excluding Apollo?", AS_OF).declined()).isPresent();
        assertThat(INTERPRETER.interpret("Tell me a joke", AS_OF).declined()).isPresent();
        assertThat(INTERPRETER.interpret("velocity by service", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("cannot be broken down"));
        // a count of zero would miss the projects that have no rows at all
        assertThat(INTERPRETER.interpret("Which projects have no open risks?", AS_OF).declined()).isPresent();
        // a change between periods is not a ranking by value
        assertThat(INTERPRETER.interpret("Which team's say/do ratio dropped the most?", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("trend"));
        assertThat(INTERPRETER.interpret("Who owns the most risks?", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("rank"));
    }

    @Test
    void wordsThatDescribeTheMeasureAreNotFilters()
    {
        assertThat(plan("Story points completed per month for the Identity team in 2026").metrics()).singleElement()
                .satisfies(query -> assertThat(query.filters()).isEqualTo(Map.of("team", List.of("Identity"))));
        // "high severity" is an incident severity; of risks, "high" is the severity
        assertThat(plan("How many high severity risks are open across the portfolio?").metrics()).containsExactly(
                new MetricQuery("open_risks", List.of(), Map.of("risk_severity", List.of("high")), null, null, "desc", null));
    }

    @Test
    void healthQuestionsAnswerWithTheScorecard()
    {
        for (String question : List.of("How is Apollo doing this quarter?", "Are we on track with Apollo?", "How did Apollo do last quarter?")) {
            assertThat(plan(question).metrics())
                    .extracting(MetricQuery::metric)
                    .containsExactlyElementsOf(MODEL.scorecard())
                    .isNotEmpty();
        }
    }

    /**
     * The rule that ends wrong numbers: a word the plan does not account for declines the numbers, naming the word,
     * instead of being dropped.
     */
    @Test
    void aWordThePlanDoesNotAccountForDeclinesTheNumbers()
    {
        assertThat(INTERPRETER.interpret("What is the MTTR of the blockchain team this quarter?", AS_OF).declined())
                .hasValueSatisfying(reason -> assertThat(reason).contains("\"blockchain\""));
        assertThat(INTERPRETER.interpret("What is the weighted budget variance for Apollo this quarter?", AS_OF).declined())
                .hasValueSatisfying(reason -> assertThat(reason).contains("\"weighted\""));
        // function words, the measure's own words and polite asking are accounted for
        assertThat(plan("Hey, could you please tell me what the MTTR for the Payments team was last quarter?").metrics()).extracting(MetricQuery::metric).containsExactly("mttr");
        assertThat(plan("How many story points did the Mobile team complete last quarter?").metrics()).extracting(MetricQuery::metric).containsExactly("completed_points");
    }

    @Test
    void requestsToChangeDataAreDeclined()
    {
        for (String question : List.of("Delete the risks of Apollo", "update the budget for Horizon to 5M", "drop table star.fact_budget",
                "Please set Apollo's planned budget to 2 million", "can you remove all closed risks?", "close the open risks for Apollo")) {
            assertThat(INTERPRETER.interpret(question, AS_OF).declined()).as(question).hasValueSatisfying(reason -> assertThat(reason).contains("only reads"));
        }
        // "update" in a question about the numbers is not a request to write
        assertThat(INTERPRETER.interpret("Give me an update on Apollo", AS_OF).declined()).isEmpty();
    }

    @Test
    void twoPeriodsAreBothAnswered()
    {
        assertThat(plan("Incident count in Q1 2026 vs Q3 2026").metrics()).extracting(MetricQuery::metric, MetricQuery::time)
                .containsExactly(tuple("incident_count", "q1 2026"), tuple("incident_count", "q3 2026"));
        assertThat(INTERPRETER.interpret("MTTR this quarter for the Payments team in 2025", AS_OF).declined())
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than one period"));
    }

    @Test
    void wordsThatChangeTheMeasureChooseTheEventMeasure()
    {
        assertThat(plan("How many risks were closed this year?").metrics()).extracting(MetricQuery::metric, MetricQuery::filters)
                .containsExactly(tuple("risks_closed", Map.of()));
        assertThat(plan("Which milestones were delivered late this fiscal year, by program?").metrics()).extracting(MetricQuery::metric).containsExactly("milestones_completed_late");
        assertThat(plan("How many incidents were resolved last month?").metrics()).extracting(MetricQuery::metric).containsExactly("incidents_resolved");
    }

    @Test
    void twoEventsOfTheSameThingsAreTwoMeasuresAskedSideBySide()
    {
        assertThat(plan("How many incidents were opened and how many were resolved last month?").metrics()).extracting(MetricQuery::metric)
                .containsExactly("incident_count", "incidents_resolved");
        assertThat(plan("incidents opened vs resolved last month").metrics()).extracting(MetricQuery::metric)
                .containsExactly("incident_count", "incidents_resolved");
        // "closed" beside "risks raised" is the event of closing, not a filter on the risks' status today
        assertThat(plan("risks raised vs closed by program this year").metrics()).extracting(MetricQuery::metric, MetricQuery::filters)
                .containsExactly(tuple("risk_count", Map.of()), tuple("risks_closed", Map.of()));
        // the verb of the measure's own name adds nothing: one measure
        assertThat(plan("How many incidents were opened last month?").metrics()).extracting(MetricQuery::metric).containsExactly("incident_count");
        // without "and", "or" or "vs" a second event word is not a second question: the risks raised that are closed now
        assertThat(plan("How many risks raised were closed this year?").metrics()).extracting(MetricQuery::metric).containsExactly("risk_count");
    }

    @Test
    void aDimensionWordBesideAValueListsOnlyWhatIsPickedOut()
    {
        // "Apollo projects over budget" picks some of Apollo's projects: one row each
        assertThat(plan("apollo projects overspending this quarter").metrics()).extracting(MetricQuery::groupBy).allSatisfy(groupBy -> assertThat(groupBy).containsExactly("project"));
        // "the Horizon teams" are summed: Horizon's number
        assertThat(plan("How many story points did the Horizon teams finish last month?").metrics()).extracting(MetricQuery::groupBy).containsExactly(List.of());
        // a ranking word ranks the dimension named beside it, before or after the measure
        assertThat(plan("worst project by budget variance % fytd").metrics()).extracting(MetricQuery::groupBy, MetricQuery::limit).containsExactly(tuple(List.of("project"), 1));
        assertThat(plan("lowest okr progress program this quarter").metrics()).extracting(MetricQuery::groupBy, MetricQuery::limit).containsExactly(tuple(List.of("program"), 1));
    }

    @Test
    void todayIsTheDayOfACountOfWhatIsOpenNotAFilterOnWhenItOpened()
    {
        assertThat(plan("How many incidents are still unresolved today?").metrics()).extracting(MetricQuery::metric, MetricQuery::time)
                .containsExactly(tuple("open_incidents", null));
        assertThat(plan("How many incidents were opened today?").metrics()).extracting(MetricQuery::metric, MetricQuery::time)
                .containsExactly(tuple("incident_count", "today"));
    }

    @Test
    void notNegatesAValueOfANegatableDimension()
    {
        // the model names the measure: "risks not closed" are the open risks, "(open or mitigating)" says it again
        assertThat(plan("Could you give me the number of risks that are not yet closed, split by portfolio?").metrics()).extracting(MetricQuery::metric, MetricQuery::filters)
                .containsExactly(tuple("open_risks", Map.of()));
        assertThat(plan("Count of risks not closed (open or mitigating) for program Horizon").metrics()).extracting(MetricQuery::filters)
                .containsExactly(Map.of("program", List.of("Horizon")));
        // else every other value, pooled
        assertThat(plan("risks not open by program").metrics()).extracting(MetricQuery::groupBy, MetricQuery::filters)
                .containsExactly(tuple(List.of("program"), Map.of("risk_status", List.of("mitigating", "closed"))));
        // a milestone "late" is also done: "not done" could be either, so it is declined
        assertThat(INTERPRETER.interpret("milestones not done by program", AS_OF).declined()).hasValueSatisfying(reason -> assertThat(reason).contains("\"not\""));
    }

    @Test
    void howLongAndHowFastAskForTheMeasureOfTime()
    {
        assertThat(plan("How long does it take us on average to resolve incidents, broken down by severity, this fiscal year?").metrics())
                .extracting(MetricQuery::metric, MetricQuery::groupBy).containsExactly(tuple("mttr", List.of("incident_severity")));
        assertThat(plan("How fast did we resolve P1s last quarter, on average?").metrics()).extracting(MetricQuery::metric).containsExactly("mttr");
        assertThat(plan("how many incidents and how long did they take to fix this quarter").metrics()).extracting(MetricQuery::metric).containsExactly("incident_count", "mttr");
        // no measure of time for risks: declined, not answered with a count
        assertThat(INTERPRETER.interpret("how long have risks been open", AS_OF).declined()).isPresent();
    }

    @Test
    void aQuestionWithoutAPeriodLeavesItToTheMetricsDefault()
    {
        // the plan names no period; the compiler applies the metric's default and the answer states it
        assertThat(plan("How much has Apollo spent?").metrics()).singleElement().satisfies(query -> assertThat(query.time()).isNull());
    }

    private static Plan plan(String question)
    {
        return plan(INTERPRETER, question);
    }

    private static Plan plan(Interpreter interpreter, String question)
    {
        Interpretation interpretation = interpreter.interpret(question, AS_OF);
        assertThat(interpretation.declined()).as("declined: %s", interpretation.declined()).isEmpty();
        return interpretation.plan();
    }
}
