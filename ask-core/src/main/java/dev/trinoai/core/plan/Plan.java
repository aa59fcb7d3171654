package dev.trinoai.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What answering a question takes: metric queries for the numbers, retrievals for the context. The offline
 * interpreter builds it; an LLM may propose it as JSON in this shape, and it is checked against the semantic
 * model before anything runs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Plan(List<MetricQuery> metrics, List<Retrieval> retrievals)
{
    public Plan
    {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        retrievals = retrievals == null ? List.of() : List.copyOf(retrievals);
    }

    @JsonIgnore
    public boolean isEmpty()
    {
        return metrics.isEmpty() && retrievals.isEmpty();
    }
}
