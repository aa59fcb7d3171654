package dev.trinoai.core.model;

import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.time.TimeExpressions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Checks a plan against the semantic model before anything runs, whoever wrote it (a person, the interpreter or an
 * LLM): only metrics, dimensions, grains and text sources of the model, and periods the engine can resolve.
 */
public final class PlanValidator
{
    private static final Set<String> ORDERS = Set.of("desc", "asc", "time");
    private static final int MAX_LIMIT = 1000;

    private final SemanticModel model;

    public PlanValidator(SemanticModel model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    /**
     * @param asOf the day the plan's periods are resolved against
     */
    public List<String> problems(Plan plan, LocalDate asOf)
    {
        List<String> problems = new ArrayList<>();
        for (MetricQuery query : plan.metrics()) {
            Metric metric = model.metric(query.metric()).orElse(null);
            if (metric == null) {
                problems.add("unknown metric '%s' (known: %s)".formatted(query.metric(), String.join(", ", model.metrics().keySet())));
                continue;
            }
            for (String group : query.groupBy()) {
                TimeGrain grain = TimeGrain.of(group).orElse(null);
                if (grain == TimeGrain.SPRINT && !model.tables().get(metric.table()).sprints()) {
                    problems.add("metric %s is not measured per sprint".formatted(metric.name()));
                }
                else if (grain == null) {
                    checkDimension(problems, metric, group);
                }
                else if (grain != TimeGrain.SPRINT && metric.dateSql(model.tables().get(metric.table())).isEmpty()) {
                    problems.add("metric %s has no date to group by %s".formatted(metric.name(), group));
                }
            }
            query.filters().forEach((dimension, values) -> {
                checkDimension(problems, metric, dimension);
                if (values.isEmpty()) {
                    problems.add("the filter on %s has no values".formatted(dimension));
                }
            });
            if (query.time() != null && TimeExpressions.parse(query.time(), asOf, model.fiscalYear()).isEmpty()) {
                problems.add("the period '%s' is not understood".formatted(query.time()));
            }
            if (query.order() != null && !ORDERS.contains(query.order())) {
                problems.add("order must be one of %s, not '%s'".formatted(ORDERS, query.order()));
            }
            if (query.limit() != null && (query.limit() < 1 || query.limit() > MAX_LIMIT)) {
                problems.add("limit must be between 1 and %d".formatted(MAX_LIMIT));
            }
        }
        for (Retrieval retrieval : plan.retrievals()) {
            retrieval.sources().stream()
                    .filter(source -> !model.textSources().containsKey(source))
                    .forEach(source -> problems.add("unknown text source '%s' (known: %s)".formatted(source, String.join(", ", model.textSources().keySet()))));
            retrieval.filters().keySet().stream()
                    .filter(dimension -> model.dimension(dimension).isEmpty())
                    .forEach(dimension -> problems.add("unknown dimension '%s'".formatted(dimension)));
            if (retrieval.time() != null && TimeExpressions.parse(retrieval.time(), asOf, model.fiscalYear()).isEmpty()) {
                problems.add("the period '%s' of a retrieval is not understood".formatted(retrieval.time()));
            }
            if (retrieval.k() != null && (retrieval.k() < 1 || retrieval.k() > 50)) {
                problems.add("k must be between 1 and 50");
            }
        }
        return problems;
    }

    private void checkDimension(List<String> problems, Metric metric, String name)
    {
        Dimension dimension = model.dimension(name).orElse(null);
        if (dimension == null) {
            problems.add("unknown dimension '%s' (known: %s, and the time grains %s)".formatted(name, String.join(", ", model.dimensions().keySet()),
                    String.join(", ", Arrays.stream(TimeGrain.values()).map(TimeGrain::label).toList())));
        }
        else if (!model.reaches(metric.table(), dimension)) {
            problems.add("metric %s cannot be sliced by %s".formatted(metric.name(), name));
        }
    }
}
