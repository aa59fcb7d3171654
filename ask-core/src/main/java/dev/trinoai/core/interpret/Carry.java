package dev.trinoai.core.interpret;

import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TableSpec;
import dev.trinoai.core.plan.Comparison;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.Retrieval;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.time.Period;
import dev.trinoai.core.time.TimeExpressions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a follow-up takes over from the earlier question's plan: every part it does not say itself, where that part
 * applies to the measure now asked for. A part it names replaces the earlier part of its kind: a measure the measure,
 * a period the period, a grouping the grouping, a ranking the ranking, and a value the earlier filter on its
 * dimension; a value of the organisation (a program, portfolio, project or team) replaces the earlier filters on any
 * of them, since "and for the Payments team?" after Apollo asks about Payments, not about Apollo's part of it.
 *
 * <p>A ranking and a threshold go only to the same measure: "the worst" is another order, and "above 10" another
 * number, for another measure.
 */
final class Carry
{
    private final SemanticModel model;
    private final Earlier earlier;
    private final LocalDate asOf;

    Carry(SemanticModel model, Earlier earlier, LocalDate asOf)
    {
        this.model = requireNonNull(model, "model is null");
        this.earlier = requireNonNull(earlier, "earlier is null");
        this.asOf = requireNonNull(asOf, "asOf is null");
    }

    String question()
    {
        return earlier.question();
    }

    /**
     * The earlier measures, once each, for a follow-up that names none.
     */
    List<String> metrics()
    {
        return metrics(earlier.plan());
    }

    /**
     * The earlier periods of the measure (two for a comparison), where the measure can be limited to them; none when it
     * cannot, so that the measure's own default applies.
     */
    List<Period> periods(Metric metric)
    {
        TableSpec table = model.tables().get(metric.table());
        if (metric.dateSql(table).isEmpty()) {
            return List.of();
        }
        return source(metric).stream()
                .flatMap(source -> earlier.plan().metrics().stream().filter(query -> query.metric().equals(source.metric())))
                .map(MetricQuery::time)
                .filter(Objects::nonNull)
                .distinct()
                .flatMap(time -> TimeExpressions.parse(time, asOf, model.fiscalYear()).stream())
                .filter(period -> !period.isSprints() || table.sprints())
                .toList();
    }

    /**
     * The earlier grouping, each part the measure can be sliced by.
     */
    List<String> groupBy(Metric metric)
    {
        TableSpec table = model.tables().get(metric.table());
        return source(metric).map(MetricQuery::groupBy).orElse(List.of()).stream()
                .filter(group -> TimeGrain.of(group)
                        .map(grain -> grain == TimeGrain.SPRINT ? table.sprints() : metric.dateSql(table).isPresent())
                        .orElseGet(() -> model.reaches(metric.table(), model.dimensions().get(group))))
                .toList();
    }

    /**
     * The earlier filters the measure can take and the follow-up's own do not replace.
     *
     * @param named the dimensions of the values the follow-up names
     * @param grouped the dimensions the follow-up groups by: a filter on one would leave a single group
     */
    Map<String, List<String>> filters(Metric metric, Set<String> named, Set<String> grouped)
    {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        source(metric).map(MetricQuery::filters).orElse(Map.of()).forEach((dimension, values) -> {
            if (model.reaches(metric.table(), model.dimensions().get(dimension)) && !replaced(dimension, named) && !grouped.contains(dimension)) {
                kept.put(dimension, values);
            }
        });
        return kept;
    }

    /**
     * The earlier order and limit of the same measure, when it was ranked.
     */
    Optional<MetricQuery> ranking(Metric metric)
    {
        return same(metric).filter(query -> query.limit() != null);
    }

    Optional<Comparison> having(Metric metric)
    {
        return same(metric).map(MetricQuery::having);
    }

    /**
     * The earlier answer explained its numbers from the records: the follow-up's answer does too.
     */
    boolean explained()
    {
        return !earlier.plan().retrievals().isEmpty();
    }

    Optional<Retrieval> retrieval()
    {
        return earlier.plan().retrievals().stream().findFirst();
    }

    /**
     * The text searched for a follow-up: "why?" alone says nothing of what to find; the earlier question does.
     */
    String searchText(String followUp)
    {
        return retrieval().map(Retrieval::text).orElseGet(() -> Words.normalize(earlier.question())) + " " + followUp;
    }

    /**
     * The earlier filters of a follow-up that asks for the text alone, without those its own values replace.
     */
    Map<String, List<String>> retrievalFilters(Set<String> named)
    {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        retrieval().map(Retrieval::filters).orElse(Map.of()).forEach((dimension, values) -> {
            if (!replaced(dimension, named)) {
                kept.put(dimension, values);
            }
        });
        return kept;
    }

    /**
     * What the follow-up's plan took over from the earlier one and what it changed, in words, for the restatement:
     * {@code Follow-up to "What is the budget variance % for Apollo this quarter?": carried over budget variance % and
     * this quarter; Falcon instead of Apollo.} The parts compared are those of the first measure of each.
     */
    String describe(Plan now)
    {
        Plan before = earlier.plan();
        List<String> kept = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        if (!before.metrics().isEmpty() && !now.metrics().isEmpty()) {
            MetricQuery was = before.metrics().getFirst();
            MetricQuery is = now.metrics().getFirst();
            Metric metric = model.metrics().get(is.metric());
            compareMeasures(metrics(before), metrics(now), kept, changed);
            compareFilters(was.filters(), is.filters(), Optional.of(metric), kept, changed);
            String cannotTake = "%s cannot take it".formatted(metric.label());
            compare(periods(before, was.metric()), periods(now, is.metric()), cannotTake, kept, changed);
            compare(grouping(was), grouping(is), cannotTake, kept, changed);
            String belongs = "it was for " + label(was.metric());
            compare(ranking(was), ranking(is), belongs, kept, changed);
            compare(threshold(was), threshold(is), belongs, kept, changed);
        }
        else if (!before.retrievals().isEmpty() && !now.retrievals().isEmpty()) {
            compareFilters(before.retrievals().getFirst().filters(), now.retrievals().getFirst().filters(), Optional.empty(), kept, changed);
        }
        if (!now.retrievals().isEmpty()) {
            if (before.retrievals().isEmpty()) {
                changed.add("now explained from the records");
            }
            else {
                kept.add("the explanation from the records");
            }
        }
        List<String> parts = new ArrayList<>();
        if (!kept.isEmpty()) {
            parts.add("carried over " + and(kept));
        }
        parts.addAll(changed);
        return "Follow-up to \"%s\": %s.".formatted(earlier.question(), parts.isEmpty() ? "nothing carried over" : String.join("; ", parts));
    }

    /**
     * Several measures (a scorecard, a variance as an amount and a percentage) kept are named as one part.
     */
    private void compareMeasures(List<String> was, List<String> is, List<String> kept, List<String> changed)
    {
        if (was.equals(is)) {
            kept.add(is.size() == 1 ? label(is.getFirst()) : "its measures (%s)".formatted(labels(is)));
        }
        else {
            changed.add("%s instead of %s".formatted(labels(is), labels(was)));
        }
    }

    /**
     * One kind of part, before and after: kept, replaced, left out (and why), or new.
     *
     * @param leftOut why a part is left out with nothing in its place
     */
    private static void compare(List<String> was, List<String> is, String leftOut, List<String> kept, List<String> changed)
    {
        List<String> same = was.stream().filter(is::contains).toList();
        List<String> gone = was.stream().filter(part -> !is.contains(part)).toList();
        List<String> added = is.stream().filter(part -> !was.contains(part)).toList();
        if (!same.isEmpty()) {
            kept.add(and(same));
        }
        if (!gone.isEmpty()) {
            changed.add(added.isEmpty() ? "%s left out, as %s".formatted(and(gone), leftOut) : "%s instead of %s".formatted(and(added), and(gone)));
        }
        else if (!added.isEmpty()) {
            // a second period beside the earlier one is a comparison
            changed.add((was.isEmpty() ? "now " : "compared with ") + and(added));
        }
    }

    private void compareFilters(Map<String, List<String>> was, Map<String, List<String>> is, Optional<Metric> metric, List<String> kept, List<String> changed)
    {
        Map<String, List<String>> replaced = new LinkedHashMap<>();
        was.forEach((dimension, values) -> {
            if (values.equals(is.get(dimension))) {
                kept.add(filter(dimension, values));
            }
            else if (metric.isPresent() && !model.reaches(metric.get().table(), model.dimensions().get(dimension))) {
                changed.add("%s left out, as %s cannot be filtered by it".formatted(filter(dimension, values), metric.get().label()));
            }
            else {
                replaced.put(dimension, values);
            }
        });
        Map<String, List<String>> replacing = new LinkedHashMap<>(is);
        replacing.entrySet().removeIf(entry -> entry.getValue().equals(was.get(entry.getKey())));
        // "Falcon instead of Apollo" when one program replaces another; with the dimensions when they differ
        boolean oneDimension = replaced.size() == 1 && replacing.size() == 1 && replaced.keySet().equals(replacing.keySet());
        List<String> from = replaced.entrySet().stream().map(entry -> oneDimension ? and(entry.getValue()) : filter(entry.getKey(), entry.getValue())).toList();
        List<String> to = replacing.entrySet().stream().map(entry -> oneDimension ? and(entry.getValue()) : filter(entry.getKey(), entry.getValue())).toList();
        if (!from.isEmpty()) {
            changed.add(to.isEmpty() ? "no longer for %s".formatted(and(from)) : "%s instead of %s".formatted(and(to), and(from)));
        }
        else if (!to.isEmpty()) {
            changed.add("now for " + and(to));
        }
    }

    /**
     * The earlier query whose parts the measure takes: its own, or the first when the follow-up changed the measure.
     */
    private Optional<MetricQuery> source(Metric metric)
    {
        return same(metric).or(() -> earlier.plan().metrics().stream().findFirst());
    }

    private Optional<MetricQuery> same(Metric metric)
    {
        return earlier.plan().metrics().stream().filter(query -> query.metric().equals(metric.name())).findFirst();
    }

    private boolean replaced(String dimension, Set<String> named)
    {
        return named.contains(dimension) || (organisation(dimension) && named.stream().anyMatch(this::organisation));
    }

    /**
     * A dimension of who does the work (program, portfolio, project, team): a column of a table no metric measures.
     */
    private boolean organisation(String dimension)
    {
        Dimension found = model.dimensions().get(dimension);
        return model.metrics().values().stream().noneMatch(metric -> metric.table().equals(found.table()));
    }

    private String filter(String dimension, List<String> values)
    {
        return "%s %s".formatted(model.dimensions().get(dimension).label(), String.join(", ", values));
    }

    private static List<String> metrics(Plan plan)
    {
        return plan.metrics().stream().map(MetricQuery::metric).distinct().toList();
    }

    private String label(String metric)
    {
        return model.metrics().get(metric).label();
    }

    private String labels(List<String> metrics)
    {
        return String.join(", ", metrics.stream().map(this::label).toList());
    }

    /**
     * The periods of a measure's queries: two when they compare periods.
     */
    private static List<String> periods(Plan plan, String metric)
    {
        return plan.metrics().stream().filter(query -> query.metric().equals(metric)).map(MetricQuery::time).filter(Objects::nonNull).distinct().toList();
    }

    private static List<String> grouping(MetricQuery query)
    {
        return query.groupBy().isEmpty() ? List.of() : List.of("by " + String.join(" and ", query.groupBy().stream().map(group -> group.replace('_', ' ')).toList()));
    }

    private static List<String> ranking(MetricQuery query)
    {
        return query.limit() == null ? List.of() : List.of("%s %d".formatted("asc".equals(query.order()) ? "bottom" : "top", query.limit()));
    }

    private List<String> threshold(MetricQuery query)
    {
        Comparison having = query.having();
        if (having == null) {
            return List.of();
        }
        Metric metric = model.metrics().get(query.metric());
        if (having.value() == 0 && model.overBudget().filter(overBudget -> overBudget.measuredBy(metric)).isPresent()) {
            return List.of(having.op().startsWith(">") ? "over budget" : "under budget");
        }
        String op = switch (having.op()) {
            case ">" -> "above";
            case ">=" -> "at least";
            case "<" -> "below";
            default -> "at most";
        };
        String value = BigDecimal.valueOf(having.value()).stripTrailingZeros().toPlainString();
        return List.of("where it is %s %s%s".formatted(op, value, metric.unit().equals("%") ? "%" : " " + metric.unit()));
    }

    private static String and(List<String> items)
    {
        return items.size() <= 1 ? String.join("", items) : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
