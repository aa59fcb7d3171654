package dev.trinoai.core.model;

import dev.trinoai.core.plan.Plan;

import static java.util.Objects.requireNonNull;

/**
 * A question whose plan a person has checked; a question that means the same gets this plan.
 */
public record VerifiedQuestion(String question, Plan plan, int line)
{
    public VerifiedQuestion
    {
        requireNonNull(question, "question is null");
        requireNonNull(plan, "plan is null");
    }
}
