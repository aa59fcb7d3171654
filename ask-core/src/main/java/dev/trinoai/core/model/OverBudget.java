package dev.trinoai.core.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What "over budget" and "under budget" measure: the metrics of one variance whose positive side is over budget, as an
 * amount and as a percentage; the model's {@code over_budget} key. Optionally, the two sides the variance compares,
 * which "planned vs actual" asks for.
 */
public record OverBudget(String amount, String percent, Optional<Sides> sides)
{
    public OverBudget
    {
        requireNonNull(amount, "amount is null");
        requireNonNull(percent, "percent is null");
        requireNonNull(sides, "sides is null");
    }

    public OverBudget(String amount, String percent)
    {
        this(amount, percent, Optional.empty());
    }

    /**
     * The metric of the plan and the metric of the actuals.
     */
    public record Sides(String plan, String actual)
    {
        public Sides
        {
            requireNonNull(plan, "plan is null");
            requireNonNull(actual, "actual is null");
        }
    }

    /**
     * Whether the metric is one of the two, so that its sign says over or under budget.
     */
    public boolean measuredBy(Metric metric)
    {
        return metric.name().equals(amount) || metric.name().equals(percent);
    }
}
