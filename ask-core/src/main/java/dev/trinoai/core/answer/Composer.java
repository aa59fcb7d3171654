package dev.trinoai.core.answer;

import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricResult;
import dev.trinoai.core.time.Period;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Writes the answer from templates: it states the numbers the statements returned, formatted with their units, and
 * names the retrieved snippets by title with [n] citations. It quotes no number of its own or from a snippet.
 */
public final class Composer
{
    private static final int LISTED = 8;

    private final SemanticModel model;

    public Composer(SemanticModel model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    /**
     * @param citations in citation order: the first is [1]
     */
    public List<String> compose(List<MetricResult> results, List<Citation> citations)
    {
        List<String> sentences = new ArrayList<>();
        results.forEach(result -> sentences.add(describe(result)));
        if (!citations.isEmpty()) {
            sentences.add(context(results, citations));
        }
        return sentences;
    }

    /**
     * What a statement computes, in one line that opens the answer: "budget variance % by program, this quarter
     * (2026-10-01 to 2026-12-31, to date 2026-12-07), plan to date: ...".
     */
    public String restate(CompiledQuery query)
    {
        Metric metric = query.metric();
        StringBuilder text = new StringBuilder(capitalize(metric.label()));
        query.query().filters().forEach((dimension, values) -> text.append(" for %s %s".formatted(label(dimension), String.join(", ", values))));
        if (!query.groups().isEmpty()) {
            text.append(" by ").append(String.join(" and ", query.groups().stream().map(this::label).toList()));
        }
        Optional<Period> period = query.period();
        if (period.isEmpty()) {
            text.append(", as of ").append(query.asOf());
        }
        else {
            text.append(", ").append(period.get().describe());
            if (query.countsToDate()) {
                text.append(", to date ").append(query.asOf());
                metric.openPeriod().ifPresent(open -> text.append(", ").append(open));
            }
            else if (period.get().isOpen(query.asOf())) {
                text.append(", the whole period, its months still to come included");
            }
        }
        if (query.query().having() != null) {
            text.append(", where it is ").append(threshold(query.query().having(), metric));
        }
        if (query.query().limit() != null) {
            text.append(", %s %d".formatted("asc".equals(query.query().order()) ? "bottom" : "top", query.query().limit()));
        }
        return text.append('.').toString();
    }

    private String describe(MetricResult result)
    {
        CompiledQuery query = result.query();
        Metric metric = query.metric();
        String scope = scope(query);
        List<MetricResult.Row> rows = result.rows();
        Optional<String> budgetSide = budgetSide(query);
        if (rows.isEmpty()) {
            if (budgetSide.isPresent() && !query.groups().isEmpty()) {
                return "No %s is %s%s.".formatted(label(query.groups().getFirst()), budgetSide.get(), scope);
            }
            if (query.query().having() != null) {
                return "No %s has %s %s%s.".formatted(query.groups().isEmpty() ? "result" : label(query.groups().getFirst()), metric.label(), threshold(query.query().having(), metric), scope);
            }
            return "There is no data for %s%s.".formatted(metric.label(), scope);
        }
        if (query.groups().isEmpty()) {
            double value = rows.getFirst().value();
            if (isOverBudget(metric) && value != 0) {
                return "%s%s: %s budget by %s.".formatted(capitalize(metric.label()), scope, value > 0 ? "over" : "under", Numbers.format(Math.abs(value), metric.unit()));
            }
            return "%s%s is %s.".formatted(capitalize(metric.label()), scope, Numbers.format(value, metric.unit()));
        }
        if (query.groups().size() == 1 && TimeGrain.of(query.groups().getFirst()).isPresent()) {
            return trend(query, rows, scope);
        }
        String listed = list(rows, metric, budgetSide.isPresent());
        if (budgetSide.isPresent()) {
            String what = plural(query.groups().getFirst(), rows.size());
            return metric.unit().equals("%")
                    ? "%d %s %s %s%s: %s.".formatted(rows.size(), what, rows.size() == 1 ? "is" : "are", budgetSide.get(), scope, listed)
                    : "In dollars, against plan: %s.".formatted(listed);
        }
        if (query.query().limit() != null && rows.size() > query.query().limit()) {
            String listedTies = list(rows, metric, false);
            return "%s by %s%s, %s %d with ties: %s; %d share the last place.".formatted(capitalize(metric.label()), String.join(" and ", query.groups().stream().map(this::label).toList()), scope,
                    "asc".equals(query.query().order()) ? "bottom" : "top", query.query().limit(), listedTies,
                    rows.stream().filter(row -> row.value() == rows.getLast().value()).count());
        }
        if (query.query().limit() != null && query.query().limit() == 1) {
            MetricResult.Row top = rows.getFirst();
            return "%s has the %s %s%s: %s.".formatted(String.join(", ", top.groupValues()), "asc".equals(query.query().order()) ? "lowest" : "highest",
                    metric.label(), scope, Numbers.format(top.value(), metric.unit()));
        }
        String by = String.join(" and ", query.groups().stream().map(this::label).toList());
        String having = query.query().having() == null ? "" : " (where it is %s)".formatted(threshold(query.query().having(), metric));
        return "%s by %s%s%s: %s%s.".formatted(capitalize(metric.label()), by, scope, having, listed,
                result.truncated() ? " (the first %d rows)".formatted(rows.size()) : "");
    }

    private String trend(CompiledQuery query, List<MetricResult.Row> rows, String scope)
    {
        Metric metric = query.metric();
        MetricResult.Row first = rows.getFirst();
        MetricResult.Row last = rows.getLast();
        MetricResult.Row high = rows.stream().max((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
        MetricResult.Row low = rows.stream().min((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
        String grain = label(query.groups().getFirst());
        if (rows.size() == 1) {
            return "%s by %s%s: %s in %s.".formatted(capitalize(metric.label()), grain, scope, Numbers.format(first.value(), metric.unit()), first.groupValues().getFirst());
        }
        // a slice still in progress holds part of its numbers: reporting its drop as a trend would mislead
        boolean partial = TimeGrain.of(query.groups().getFirst())
                .filter(slice -> slice.inProgressOn(query.asOf(), model.fiscalYear()) && slice.sliceOf(query.asOf(), model.fiscalYear()).orElseThrow().equals(last.groupValues().getFirst()))
                .isPresent();
        if (partial) {
            List<MetricResult.Row> complete = rows.subList(0, rows.size() - 1);
            String note = " %s is still in progress (to %s), so it is not part of the trend.".formatted(last.groupValues().getFirst(), query.asOf());
            if (complete.size() < 2) {
                return "%s by %s%s: %s in %s so far.".formatted(capitalize(metric.label()), grain, scope, Numbers.format(last.value(), metric.unit()), last.groupValues().getFirst())
                        + (complete.isEmpty() ? "" : " %s in %s.".formatted(Numbers.format(first.value(), metric.unit()), first.groupValues().getFirst()));
            }
            return trend(query, complete, scope) + note;
        }
        String direction = last.value() > first.value() ? "up" : last.value() < first.value() ? "down" : "flat";
        return "%s by %s%s went %s from %s in %s to %s in %s over %d %ss; the highest was %s in %s and the lowest %s in %s.".formatted(
                capitalize(metric.label()), grain, scope, direction,
                Numbers.format(first.value(), metric.unit()), first.groupValues().getFirst(),
                Numbers.format(last.value(), metric.unit()), last.groupValues().getFirst(),
                rows.size(), grain,
                Numbers.format(high.value(), metric.unit()), high.groupValues().getFirst(),
                Numbers.format(low.value(), metric.unit()), low.groupValues().getFirst());
    }

    private String context(List<MetricResult> results, List<Citation> citations)
    {
        Optional<String> entity = results.stream()
                .flatMap(result -> result.query().groups().stream())
                .filter(group -> TimeGrain.of(group).isEmpty())
                .findFirst();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < citations.size(); i++) {
            Citation citation = citations.get(i);
            String about = entity.map(name -> citation.metadata().get(name)).orElse(null);
            if (about == null) {
                about = citation.metadata().getOrDefault("program", citation.metadata().get("team"));
            }
            // two projects' risks often share a title; the project tells them apart
            String project = citation.metadata().get("project");
            if (project != null && !project.equals(about)) {
                about = about == null ? project : about + ", " + project;
            }
            String title = citation.title().isBlank() ? citation.id() : citation.title();
            parts.add("%s%s [%d]".formatted(about == null ? "" : about + ": ", title, i + 1));
        }
        return "What the records say: " + String.join("; ", parts) + ".";
    }

    private String list(List<MetricResult.Row> rows, Metric metric, boolean signed)
    {
        List<String> items = new ArrayList<>();
        for (MetricResult.Row row : rows.subList(0, Math.min(LISTED, rows.size()))) {
            String value = Numbers.format(signed ? Math.abs(row.value()) : row.value(), metric.unit());
            items.add("%s %s%s".formatted(String.join(", ", row.groupValues()), signed ? "by " : "", value));
        }
        String text = String.join(", ", items);
        return rows.size() > LISTED ? text + " and %d more".formatted(rows.size() - LISTED) : text;
    }

    private String scope(CompiledQuery query)
    {
        StringBuilder scope = new StringBuilder();
        List<String> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> filter : query.query().filters().entrySet()) {
            filters.add("%s %s".formatted(label(filter.getKey()), String.join(" and ", filter.getValue())));
        }
        if (!filters.isEmpty()) {
            scope.append(" for ").append(String.join(", ", filters));
        }
        query.period().ifPresent(period -> scope.append(' ').append(period.describe()));
        return scope.toString();
    }

    /**
     * "over budget" or "under budget" for one of the model's over_budget metrics kept above or below zero.
     */
    private Optional<String> budgetSide(CompiledQuery query)
    {
        Comparison having = query.query().having();
        if (having == null || having.value() != 0 || !isOverBudget(query.metric())) {
            return Optional.empty();
        }
        return Optional.of(having.op().startsWith(">") ? "over budget" : "under budget");
    }

    /**
     * Whether the metric is the amount or the percentage of the model's over_budget, so that its sign says over or under budget.
     */
    private boolean isOverBudget(Metric metric)
    {
        return model.overBudget().map(overBudget -> overBudget.measuredBy(metric)).orElse(false);
    }

    private static String threshold(Comparison having, Metric metric)
    {
        String op = switch (having.op()) {
            case ">" -> "above";
            case ">=" -> "at least";
            case "<" -> "below";
            default -> "at most";
        };
        return op + " " + Numbers.format(having.value(), metric.unit());
    }

    private String plural(String group, int count)
    {
        String label = label(group);
        if (count == 1) {
            return label;
        }
        return label.endsWith("y") ? label.substring(0, label.length() - 1) + "ies" : label + "s";
    }

    private String label(String group)
    {
        return model.dimension(group).map(dimension -> dimension.name().replace('_', ' ')).orElse(group.replace('_', ' '));
    }

    private static String capitalize(String text)
    {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
