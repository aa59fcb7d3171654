package dev.trinoai.core.interpret;

import dev.trinoai.core.plan.Plan;

import static java.util.Objects.requireNonNull;

/**
 * The question of the conversation that a follow-up follows, and the plan it was answered with.
 */
public record Earlier(String question, Plan plan)
{
    public Earlier
    {
        requireNonNull(question, "question is null");
        requireNonNull(plan, "plan is null");
    }
}
