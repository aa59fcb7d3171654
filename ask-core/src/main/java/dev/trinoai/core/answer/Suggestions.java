package dev.trinoai.core.answer;

import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.sql.MetricResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * The follow-up questions an answer makes natural, in the words of a follow-up so that they are read with the
 * conversation: the worst item's breakdown ("and for Apollo, by project?") when the numbers rank several, another
 * period ("and last quarter?"), "why?" when the numbers could be explained from the records, and a breakdown by a
 * dimension every measure of the plan can be sliced by ("and by team?").
 *
 * <p>These are candidates only. Each says what its reading must ask for; the engine offers one once it has read it as
 * the conversation's next question and found it answered as meant, so a suggestion is never a question it would
 * decline.
 */
public final class Suggestions
{
    /** At most this many are offered after an answer. */
    public static final int MAX = 3;

    /**
     * A question to offer, and what a reading of it must ask for to be the question meant.
     */
    public record Candidate(String question, Predicate<Plan> meant)
    {
        public Candidate
        {
            requireNonNull(question, "question is null");
            requireNonNull(meant, "meant is null");
        }
    }

    private final SemanticModel model;

    public Suggestions(SemanticModel model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    /**
     * The candidates after an answer, one group per kind of suggestion, most useful first; within a group,
     * alternatives, of which the first that is answered as meant is offered.
     *
     * @param results the numbers the answer showed, in the plan's order
     */
    public List<List<Candidate>> after(Plan plan, List<MetricResult> results)
    {
        if (plan.metrics().isEmpty()) {
            return List.of();
        }
        MetricQuery first = plan.metrics().getFirst();
        List<List<Candidate>> groups = new ArrayList<>();
        worst(plan, results).ifPresent(groups::add);
        otherPeriod(first).ifPresent(groups::add);
        boolean anyNumbers = results.stream().anyMatch(result -> !result.rows().isEmpty());
        if (plan.retrievals().isEmpty() && !model.textSources().isEmpty() && anyNumbers) {
            groups.add(List.of(new Candidate("why?", read -> !read.retrievals().isEmpty() && read.metrics().equals(plan.metrics()))));
        }
        groups.add(breakdowns(plan));
        return groups.stream().filter(group -> !group.isEmpty()).toList();
    }

    /**
     * The item the first numbers rank worst, by its measure's {@code higher_is_better}, broken down by a dimension
     * below the one it was ranked by.
     */
    private Optional<List<Candidate>> worst(Plan plan, List<MetricResult> results)
    {
        if (results.isEmpty() || results.getFirst().rows().size() < 2) {
            return Optional.empty();
        }
        MetricResult result = results.getFirst();
        Optional<Boolean> higherIsBetter = result.query().metric().higherIsBetter();
        List<String> groups = result.query().groups();
        if (higherIsBetter.isEmpty() || groups.size() != 1 || TimeGrain.of(groups.getFirst()).isPresent()) {
            return Optional.empty();
        }
        Dimension ranked = model.dimensions().get(groups.getFirst());
        Comparator<MetricResult.Row> byValue = Comparator.comparingDouble(MetricResult.Row::value);
        MetricResult.Row worst = higherIsBetter.get()
                ? result.rows().stream().min(byValue).orElseThrow()
                : result.rows().stream().max(byValue).orElseThrow();
        String value = worst.groupValues().getFirst();
        if (value == null) {
            return Optional.empty();
        }
        List<Candidate> candidates = sliceable(plan).stream()
                .filter(below -> !below.table().equals(ranked.table()) && model.reaches(below.table(), ranked))
                .map(below -> new Candidate("and for %s, by %s?".formatted(value, word(below)), read -> !read.metrics().isEmpty() && read.metrics().stream().allMatch(query ->
                        query.filters().getOrDefault(ranked.name(), List.of()).equals(List.of(value)) && query.groupBy().contains(below.name()))))
                .toList();
        return Optional.of(candidates);
    }

    /**
     * The period before a "this" period, the current one after a "last" one; this quarter for numbers over the
     * measure's default period.
     */
    private Optional<List<Candidate>> otherPeriod(MetricQuery query)
    {
        Metric metric = model.metrics().get(query.metric());
        if (metric == null || metric.dateSql(model.tables().get(metric.table())).isEmpty()) {
            return Optional.empty();
        }
        String time = query.time();
        Optional<String> other;
        if (time == null) {
            // a count of what is open now has no period to change; a measure over its default period has
            other = metric.defaultPeriod().map(period -> "this quarter");
        }
        else if (time.startsWith("this ")) {
            other = Optional.of("last " + time.substring("this ".length()));
        }
        else if (time.startsWith("last ") && time.chars().noneMatch(Character::isDigit)) {
            other = Optional.of("this " + time.substring("last ".length()));
        }
        else {
            other = Optional.empty();
        }
        return other.map(period -> List.of(new Candidate("and %s?".formatted(period), read -> !read.metrics().isEmpty() && period.equals(read.metrics().getFirst().time()))));
    }

    /**
     * A dimension the numbers are neither sliced nor filtered by: first one below a filter ("Apollo by project"), else
     * any, in the model's order; then by month for a period of a year.
     */
    private List<Candidate> breakdowns(Plan plan)
    {
        List<Dimension> dimensions = sliceable(plan);
        List<Dimension> filtered = plan.metrics().stream()
                .flatMap(query -> query.filters().keySet().stream())
                .distinct()
                .map(model.dimensions()::get)
                .filter(Objects::nonNull)
                .toList();
        List<Dimension> ordered = new ArrayList<>(dimensions.stream()
                .filter(dimension -> filtered.stream().anyMatch(filter -> !dimension.table().equals(filter.table()) && model.reaches(dimension.table(), filter)))
                .toList());
        dimensions.stream().filter(dimension -> !ordered.contains(dimension)).forEach(ordered::add);
        List<Candidate> candidates = new ArrayList<>(ordered.stream()
                .map(dimension -> new Candidate("and by %s?".formatted(word(dimension)), read -> groupedBy(read, dimension.name())))
                .toList());
        MetricQuery first = plan.metrics().getFirst();
        if (first.time() != null && first.time().contains("year") && first.groupBy().stream().noneMatch(group -> TimeGrain.of(group).isPresent())) {
            candidates.add(new Candidate("and by month?", read -> groupedBy(read, TimeGrain.MONTH.label())));
        }
        return candidates;
    }

    /**
     * The dimensions every measure of the plan can be sliced by that it neither slices nor filters by.
     */
    private List<Dimension> sliceable(Plan plan)
    {
        return model.dimensions().values().stream()
                .filter(dimension -> plan.metrics().stream().allMatch(query -> {
                    Metric metric = model.metrics().get(query.metric());
                    return metric != null
                            && model.reaches(metric.table(), dimension)
                            && !query.groupBy().contains(dimension.name())
                            && !query.filters().containsKey(dimension.name());
                }))
                .toList();
    }

    private static boolean groupedBy(Plan read, String group)
    {
        return !read.metrics().isEmpty() && read.metrics().stream().allMatch(query -> query.groupBy().contains(group));
    }

    /**
     * The word a question uses for the dimension: its first synonym, the one the model lists as its name in words.
     */
    private static String word(Dimension dimension)
    {
        return dimension.synonyms().isEmpty() ? dimension.label() : dimension.synonyms().getFirst();
    }

    /**
     * The questions offered when a question is declined, each a group of its own: the verified questions the caller may
     * ask, as given.
     */
    public static List<List<Candidate>> examples(List<String> questions)
    {
        return questions.stream().map(question -> List.of(new Candidate(question, read -> !read.isEmpty()))).toList();
    }
}
