package dev.trinoai.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import io.airlift.log.Logger;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One JSON line per question, through the logger {@value #LOGGER}: who asked, how it ended, what the engine made of
 * it, which statements ran for how long, which texts it cited and which models it called. What answers a "the answer
 * was wrong yesterday" without the question's words, which are kept only with {@code ai.log.question-text}.
 */
public final class AnswerLog
{
    public static final String LOGGER = "dev.trinoai.answers";

    private static final Logger log = Logger.get(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean questionText;

    @Inject
    public AnswerLog(AnswerLogConfig config)
    {
        this.questionText = requireNonNull(config, "config is null").isQuestionText();
    }

    void write(Line line)
    {
        try {
            log.info(JSON.writeValueAsString(questionText ? line : line.withoutQuestionText()));
        }
        catch (JsonProcessingException e) {
            // a line that cannot be written must not fail the answer it describes
            log.error(e, "Cannot write the answer log line of query %s", line.queryId());
        }
    }

    /**
     * @param llmModel the catalog's language model, as {@link LlmStats#getModel()} names it, whether it was called or not
     * @param embeddingModel the catalog's embedding model, whose vectors the answer searched
     * @param outcome answered, declined, failed or abandoned
     * @param errorCode the code of a failure
     * @param declined why a declined question was: {@code coverage} for a word left over, else {@code other}
     * @param statements the statements run, in the order of the answer's {@code sql} rows
     * @param citations the source ids of the answer's citations, in order
     * @param question the question's text; with {@code ai.log.question-text} only
     * @param message the decline or error message, which may quote the question; with {@code ai.log.question-text} only
     * @param notUnderstood the words a coverage decline left over, which are the question's; with
     *     {@code ai.log.question-text} only (what {@code jobs declines} groups by)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(
            @JsonProperty("query_id") String queryId,
            String catalog,
            String user,
            String function,
            @JsonProperty("llm_model") String llmModel,
            @JsonProperty("embedding_model") String embeddingModel,
            String outcome,
            @JsonProperty("error_code") String errorCode,
            String declined,
            boolean verified,
            List<PlannedMetric> metrics,
            List<PlannedRetrieval> retrievals,
            List<Statement> statements,
            List<String> citations,
            List<ModelUse> models,
            long millis,
            String question,
            String message,
            @JsonProperty("not_understood") List<String> notUnderstood)
    {
        Line withoutQuestionText()
        {
            return new Line(queryId, catalog, user, function, llmModel, embeddingModel, outcome, errorCode, declined, verified,
                    metrics.stream().map(PlannedMetric::withoutValues).toList(), retrievals, statements, citations, models, millis, null, null, null);
        }
    }

    /**
     * A metric query of the plan: its measure, its slices, the dimensions it is filtered by and its period in the
     * plan's words ({@code this quarter}, {@code 2026-03-01..2026-11-25}).
     *
     * @param filterValues the filters' values, which are words of the question; with {@code ai.log.question-text} only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlannedMetric(
            String metric,
            @JsonProperty("group_by") List<String> groupBy,
            List<String> filters,
            @JsonProperty("filter_values") Map<String, List<String>> filterValues,
            String time)
    {
        PlannedMetric withoutValues()
        {
            return new PlannedMetric(metric, groupBy, filters, null, time);
        }
    }

    record PlannedRetrieval(List<String> sources, @JsonProperty("follow_numbers") boolean followNumbers) {}

    /**
     * @param seq the {@code seq} of the statement's {@code sql} row in the answer
     * @param periodStart the first day the statement covers; null for a count of what is open now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Statement(
            int seq,
            String metric,
            @JsonProperty("period_start") String periodStart,
            @JsonProperty("period_end") String periodEnd,
            Integer rows,
            long millis) {}

    /**
     * The calls of one model for the question; tokens for a language model only, and their estimated cost only when
     * the catalog has the model's prices.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelUse(
            String model,
            int calls,
            @JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("output_tokens") Long outputTokens,
            @JsonProperty("estimated_cost") Double estimatedCost) {}
}
