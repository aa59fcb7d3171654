package dev.trinoai.core.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows one caller may see: for each restricted dimension, the values allowed (a user of the Apollo program:
 * {@code program: [Apollo]}). Several dimensions must all hold. No dimension: everything.
 *
 * <p>Kept sorted, so two callers with the same rights have equal scopes and share cached answers and vocabularies.
 */
public record AccessScope(@JsonProperty("allowed") Map<String, List<String>> allowed)
{
    public static final AccessScope ALL = new AccessScope(Map.of());

    @JsonCreator
    public AccessScope
    {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        allowed.forEach((dimension, values) -> sorted.put(dimension, values.stream().distinct().sorted().toList()));
        allowed = Collections.unmodifiableSortedMap(sorted);
    }

    @JsonIgnore
    public boolean unrestricted()
    {
        return allowed.isEmpty();
    }

    /**
     * Whether every value a plan names of a restricted dimension is one the caller may see: a verified question
     * about another program is neither matched nor offered as an example.
     */
    public boolean admits(Plan plan)
    {
        return plan.metrics().stream().map(MetricQuery::filters).allMatch(this::admits)
                && plan.retrievals().stream().allMatch(retrieval -> admits(retrieval.filters()));
    }

    private boolean admits(Map<String, List<String>> filters)
    {
        return filters.entrySet().stream()
                .filter(filter -> allowed.containsKey(filter.getKey()))
                .allMatch(filter -> allowed.get(filter.getKey()).containsAll(filter.getValue()));
    }
}
