package dev.trinoai.core.llm;

import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.interpret.Vocabulary;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.MetricResult;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.lang.System.Logger.Level.INFO;
import static java.util.Objects.requireNonNull;

/**
 * What the engine asks the catalog's model: a plan for a question the offline interpreter declined, and the narrative
 * of an answer that explains. Whatever the model does, the numbers still come only from SQL, and when it fails the
 * question gets the offline answer and a notice that says why.
 */
public final class LlmAgent
{
    private static final System.Logger LOG = System.getLogger(LlmAgent.class.getName());

    private final LlmClient client;
    private final LlmPlanner planner;

    public LlmAgent(SemanticModel model, LlmClient client)
    {
        this.client = requireNonNull(client, "client is null");
        this.planner = new LlmPlanner(requireNonNull(model, "model is null"));
    }

    /**
     * The model's part in answering one question, which counts the tokens it used.
     */
    public Turn turn(String question)
    {
        return new Turn(requireNonNull(question, "question is null"));
    }

    public final class Turn
    {
        private final String question;
        private final TokenMeter meter = new TokenMeter();

        private Turn(String question)
        {
            this.question = question;
        }

        /**
         * The model's valid plan; empty, with a notice that says why, when the offline answer stands.
         */
        public Optional<Plan> plan(LocalDate asOf, Interpretation offline, Vocabulary vocabulary, Consumer<String> notice)
        {
            try {
                LlmPlanner.Planning planning = planner.plan(client, meter, question, asOf, offline, vocabulary);
                if (planning.plan().isEmpty()) {
                    notice.accept("The model (%s) proposed no valid plan in two tries (%s), so this is the offline answer.".formatted(client.describe(), String.join("; ", planning.problems())));
                }
                else {
                    notice.accept("The offline reader could not map this question; the model (%s) planned it, and the plan was checked against the semantic model.".formatted(client.describe()));
                }
                return planning.plan();
            }
            catch (LlmException e) {
                notice.accept("The model could not plan this question (%s), so this is the offline answer.".formatted(e.getMessage()));
                return Optional.empty();
            }
        }

        /**
         * Streams the model's narrative as answer chunks and flags the numbers in it no statement returned; when the
         * model fails, the offline narrative follows a notice.
         */
        public void narrate(List<MetricResult> results, List<Citation> citations, Consumer<String> answer, Consumer<String> notice, Supplier<List<String>> offline)
        {
            String narrative;
            boolean[] streamed = {false};
            try {
                narrative = LlmNarrator.narrate(client, meter, question, results, citations, chunk -> {
                    streamed[0] = true;
                    answer.accept(chunk);
                });
            }
            catch (LlmException e) {
                notice.accept("The model could not write the narrative (%s); %s the offline narrative.".formatted(e.getMessage(), streamed[0] ? "what it wrote is incomplete, and here is" : "this is"));
                offline.get().forEach(answer);
                return;
            }
            LlmNarrator.check(narrative, question, results, citations).forEach(notice);
        }

        /**
         * A notice of the tokens the question used, also logged, when the model was called.
         */
        public void report(Consumer<String> notice)
        {
            if (meter.calls() == 0) {
                return;
            }
            LlmUsage usage = meter.total();
            notice.accept("The model (%s) used %,d input and %,d output tokens in %d %s.".formatted(client.describe(), usage.inputTokens(), usage.outputTokens(), meter.calls(), meter.calls() == 1 ? "call" : "calls"));
            LOG.log(INFO, "model {0}: {1} input and {2} output tokens in {3} call(s) for question: {4}", client.describe(), usage.inputTokens(), usage.outputTokens(), meter.calls(), question);
        }
    }
}
