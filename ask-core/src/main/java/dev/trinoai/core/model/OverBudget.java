package dev.trinoai.core.model;

import static java.util.Objects.requireNonNull;

/**
 * What "over budget" and "under budget" measure: the metrics of one variance whose positive side is over budget, as an
 * amount and as a percentage; the model's {@code over_budget} key.
 */
public record OverBudget(String amount, String percent)
{
    public OverBudget
    {
        requireNonNull(amount, "amount is null");
        requireNonNull(percent, "percent is null");
    }

    /**
     * Whether the metric is one of the two, so that its sign says over or under budget.
     */
    public boolean measuredBy(Metric metric)
    {
        return metric.name().equals(amount) || metric.name().equals(percent);
    }
}
