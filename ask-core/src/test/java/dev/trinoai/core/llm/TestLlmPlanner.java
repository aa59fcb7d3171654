package dev.trinoai.core.llm;

import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.interpret.Vocabulary;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.core.llm.ModelScript.reply;
import static dev.trinoai.core.llm.TestGroundingCheck.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the planner accepts from a model, through a real client against the local OpenAI-compatible server: a plan the
 * validator passes on the question's reference date, found in whatever the model wraps it in; anything else gets one
 * more try naming its problems, then no plan; a model that cannot be called is an {@link LlmException} for the agent
 * to turn into the offline answer. (The retry prompt and the agent's notices are {@link TestLlmAgent}'s.)
 */
final class TestLlmPlanner
{
    private static final String QUESTION = "How many incidents will we still see this month?";
    private static final Interpretation DECLINED = new Interpretation(new Plan(null, null), List.of("incidents"), Optional.of("I cannot forecast."), Optional.empty(), List.of(), Optional.empty());
    private static final Vocabulary VOCABULARY = Vocabulary.of(MODEL, Map.of("program", List.of("Apollo", "Falcon"), "team", List.of("Payments", "Search")));
    private static final LocalDate NOVEMBER_25 = LocalDate.of(2026, 11, 25);
    private static final LocalDate NOVEMBER_30 = LocalDate.of(2026, 11, 30);
    private static final String REST_OF_MONTH = "{\"metrics\": [{\"metric\": \"incident_count\", \"time\": \"the rest of this month\"}]}";

    @RegisterExtension
    static final TestingOpenAiModel MODEL_SERVER = new TestingOpenAiModel();
    private static final LlmPlanner PLANNER = new LlmPlanner(MODEL);

    private TokenMeter meter;

    @BeforeEach
    void newMeter()
    {
        meter = new TokenMeter();
    }

    @Test
    void aValidPlanIsTakenAtTheFirstTryFromWhateverItIsWrappedIn()
    {
        MODEL_SERVER.script().then(reply("Here is the plan:\n```json\n{\"metrics\": [{\"metric\": \"incident_count\", \"group_by\": [\"team\"], \"time\": \"this month\"}]}\n```\nHope this helps."));
        LlmPlanner.Planning planning = plan(NOVEMBER_25);
        assertThat(planning.plan()).contains(new Plan(List.of(new MetricQuery("incident_count", List.of("team"), Map.of(), "this month", null, null, null)), List.of()));
        assertThat(planning.problems()).isEmpty();
        assertThat(MODEL_SERVER.script().calls()).hasSize(1);
        assertThat(meter.calls()).isEqualTo(1);
    }

    @Test
    void thePlansPeriodIsCheckedOnTheQuestionsReferenceDate()
    {
        MODEL_SERVER.script().then(reply(REST_OF_MONTH));
        assertThat(plan(NOVEMBER_25).plan()).isPresent();
        assertThat(MODEL_SERVER.script().calls().getFirst().body().path("messages").get(1).path("content").asText()).startsWith("Today is 2026-11-25.\nQuestion: " + QUESTION);

        // on the last day of November nothing is left of it
        MODEL_SERVER.script().reset();
        MODEL_SERVER.script().then(reply(REST_OF_MONTH)).then(reply(REST_OF_MONTH));
        LlmPlanner.Planning planning = plan(NOVEMBER_30);
        assertThat(planning.plan()).isEmpty();
        assertThat(planning.problems()).containsExactly("the period 'the rest of this month' is not understood");
        assertThat(MODEL_SERVER.script().calls().getFirst().body().path("messages").get(1).path("content").asText()).startsWith("Today is 2026-11-30.");
    }

    @Test
    void junkGetsOneMoreTryThenNoPlanWithTheLastProblem()
    {
        assertThat(planAfter(reply("I would count the incidents."), reply("Still thinking.")).problems()).containsExactly("the reply has no JSON object");
        assertThat(planAfter(reply("no plan"), reply("{\"metrics\": [], \"retrievals\": []}")).problems()).containsExactly("the plan asks for nothing");
        assertThat(planAfter(reply("no plan"), reply("{\"metrics\": [{\"metric\": \"incident_count\", \"sql\": \"DELETE FROM star.fact_incident\"}]}")).problems())
                .singleElement().asString().startsWith("the JSON is not a plan: Unrecognized field \"sql\"");
        assertThat(planAfter(reply("no plan"), reply("{\"metrics\": [{\"metric\": \"incident_count\", \"time\": \"this month\"")).problems())
                .singleElement().asString().isEqualTo("the reply has no JSON object");
    }

    @Test
    void aValidSecondTryIsTakenAndBothCallsAreMetered()
    {
        LlmPlanner.Planning planning = planAfter(reply("{\"metrics\": [{\"metric\": \"incidents\"}]}"), reply("{\"metrics\": [{\"metric\": \"incident_count\"}]}"));
        assertThat(planning.plan()).contains(new Plan(List.of(new MetricQuery("incident_count", List.of(), Map.of(), null, null, null, null)), List.of()));
        assertThat(meter.calls()).isEqualTo(2);
        assertThat(meter.total()).isEqualTo(new LlmUsage(200, 2));
    }

    @Test
    void aModelThatFailsIsAnErrorForTheAgentToFallBackOn()
    {
        MODEL_SERVER.script().then(new ModelScript.Failure(500, "server_error", "The model is overloaded."));
        assertThatThrownBy(() -> plan(NOVEMBER_25))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("HTTP 500");

        // and the agent answers offline, saying why
        MODEL_SERVER.script().reset();
        MODEL_SERVER.script().then(new ModelScript.Failure(500, "server_error", "The model is overloaded."));
        List<String> notices = new java.util.ArrayList<>();
        assertThat(new LlmAgent(MODEL, MODEL_SERVER.client()).turn(QUESTION).plan(NOVEMBER_25, DECLINED, VOCABULARY, notices::add)).isEmpty();
        assertThat(notices).singleElement().asString().startsWith("The model could not plan this question (").endsWith("), so this is the offline answer.");
    }

    @Test
    void aModelThatCannotBeReachedIsAnErrorForTheAgentToFallBackOn()
    {
        TestingOpenAiServer gone = new TestingOpenAiServer();
        gone.close();
        try (LlmClient unreachable = OpenAiLlmClient.create(LlmSettings.openAi(gone.baseUrl(), "llama3.1", Optional.empty()).withLimits(Duration.ofMinutes(1), 1, 1, Duration.ofMillis(10)))) {
            assertThatThrownBy(() -> PLANNER.plan(unreachable, meter, QUESTION, NOVEMBER_25, DECLINED, VOCABULARY))
                    .isInstanceOf(LlmException.class)
                    .hasMessageContaining(gone.baseUrl().toString().replace("/v1", ""));
        }
    }

    private LlmPlanner.Planning planAfter(ModelScript.Reply first, ModelScript.Reply second)
    {
        MODEL_SERVER.script().reset();
        MODEL_SERVER.script().then(first).then(second);
        meter = new TokenMeter();
        LlmPlanner.Planning planning = plan(NOVEMBER_25);
        assertThat(MODEL_SERVER.script().calls()).hasSize(2);
        return planning;
    }

    private LlmPlanner.Planning plan(LocalDate asOf)
    {
        return PLANNER.plan(MODEL_SERVER.client(), meter, QUESTION, asOf, DECLINED, VOCABULARY);
    }
}
