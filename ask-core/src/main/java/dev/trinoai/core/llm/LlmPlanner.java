package dev.trinoai.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trinoai.core.interpret.Interpretation;
import dev.trinoai.core.interpret.Vocabulary;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.model.VerifiedQuestion;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.model.PlanValidator;
import dev.trinoai.core.plan.TimeGrain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Asks the model for the plan of a question the offline interpreter declined. The model sees the semantic model in
 * brief (metrics with units, dimensions with sample values, time grains, text sources), the verified examples and
 * the plan's JSON format; its plan is checked by {@link PlanValidator} like any other, and a plan that fails the
 * check gets one more try with the problems named.
 */
public final class LlmPlanner
{
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final int MAX_TOKENS = 1024;
    private static final int SAMPLE_VALUES = 12;
    private static final int ATTEMPTS = 2;

    private final SemanticModel model;
    private final PlanValidator validator;

    public LlmPlanner(SemanticModel model)
    {
        this.model = requireNonNull(model, "model is null");
        this.validator = new PlanValidator(model);
    }

    /**
     * The model's plan when it is valid; else no plan and the problems of the last one.
     *
     * @throws LlmException when the model cannot be called
     */
    record Planning(Optional<Plan> plan, List<String> problems)
    {
        Planning
        {
            requireNonNull(plan, "plan is null");
            problems = List.copyOf(problems);
        }
    }

    Planning plan(LlmClient client, TokenMeter meter, String question, LocalDate asOf, Interpretation offline, Vocabulary vocabulary)
    {
        List<LlmMessage> messages = new ArrayList<>(List.of(LlmMessage.user(ask(question, asOf, offline))));
        while (true) {
            LlmReply reply = client.complete(new LlmRequest(system(vocabulary), messages, MAX_TOKENS));
            meter.add(reply.usage());
            Planning planning = check(reply.text(), asOf);
            if (planning.plan().isPresent() || messages.size() >= 2 * ATTEMPTS - 1) {
                return planning;
            }
            messages.add(LlmMessage.assistant(reply.text()));
            messages.add(LlmMessage.user("That plan is not valid: %s. Reply with the corrected plan as JSON only.".formatted(String.join("; ", planning.problems()))));
        }
    }

    /**
     * The plan in the reply if it is valid. The JSON object is looked for in the reply: models wrap it in prose or a
     * code fence despite being told not to.
     */
    private Planning check(String reply, LocalDate asOf)
    {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) {
            return new Planning(Optional.empty(), List.of("the reply has no JSON object"));
        }
        Plan plan;
        try {
            plan = JSON.readValue(reply.substring(start, end + 1), Plan.class);
        }
        catch (JsonProcessingException e) {
            return new Planning(Optional.empty(), List.of("the JSON is not a plan: " + e.getOriginalMessage()));
        }
        if (plan.isEmpty()) {
            return new Planning(Optional.empty(), List.of("the plan asks for nothing"));
        }
        List<String> problems = validator.problems(plan, asOf);
        return new Planning(problems.isEmpty() ? Optional.of(plan) : Optional.empty(), problems);
    }

    private static String ask(String question, LocalDate asOf, Interpretation offline)
    {
        StringBuilder text = new StringBuilder("Today is %s.\nQuestion: %s\n".formatted(asOf, question));
        if (!offline.understood().isEmpty()) {
            text.append("A rule-based reader understood: ").append(String.join("; ", offline.understood())).append('\n');
        }
        offline.declined().ifPresent(reason -> text.append("It could not answer because: ").append(reason).append('\n'));
        return text.append("Reply with the plan as JSON only.").toString();
    }

    private String system(Vocabulary vocabulary)
    {
        StringBuilder text = new StringBuilder("""
                You turn a question about program delivery data into a query plan. Reply with one JSON object and nothing else.
                The plan's format (leave out what you do not need):
                {"metrics": [{"metric": "<metric name>", "group_by": ["<dimension or time grain>"], "filters": {"<dimension>": ["<value>"]},
                  "time": "<period>", "having": {"op": ">", "value": 0}, "order": "desc", "limit": 5}],
                 "retrievals": [{"text": "<what to search the records for>", "sources": ["<text source>"], "filters": {"<dimension>": ["<value>"]},
                  "time": "<period>", "follow_numbers": true, "k": 5}]}
                Periods: "this quarter", "last quarter", "this year", "year to date", "last month", "last 3 sprints", "2025-Q3", "FY26", "2026-03-01..2026-11-25".
                order is desc, asc or time; having keeps groups whose value compares so; follow_numbers searches the text of the entities the numbers single out.
                Add a retrieval when the question asks why, what happened or what the risks are. Use only the names below; values must be values of their dimension.
                """);
        text.append("Time grains: ").append(String.join(", ", Arrays.stream(TimeGrain.values()).map(TimeGrain::label).toList())).append("\nMetrics:\n");
        for (Metric metric : model.metrics().values()) {
            List<String> slices = model.dimensions().values().stream().filter(dimension -> model.reaches(metric.table(), dimension)).map(Dimension::name).toList();
            text.append("- %s (%s, %s): %s By: %s.\n".formatted(metric.name(), metric.label(), metric.unit(), metric.description().strip(), String.join(", ", slices)));
        }
        text.append("Dimensions:\n");
        for (Dimension dimension : model.dimensions().values()) {
            List<String> values = vocabulary.values(dimension.name());
            text.append("- %s: e.g. %s%s\n".formatted(dimension.name(), String.join(", ", values.subList(0, Math.min(SAMPLE_VALUES, values.size()))),
                    values.size() > SAMPLE_VALUES ? " (%d values)".formatted(values.size()) : ""));
        }
        text.append("Text sources: ").append(String.join(", ", model.textSources().values().stream().map(TextSource::name).toList())).append("\nExamples:\n");
        for (VerifiedQuestion example : model.verifiedQuestions()) {
            text.append("Q: ").append(example.question()).append("\nA: ").append(json(example.plan())).append('\n');
        }
        return text.toString();
    }

    private static String json(Plan plan)
    {
        try {
            return JSON.writeValueAsString(plan);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
