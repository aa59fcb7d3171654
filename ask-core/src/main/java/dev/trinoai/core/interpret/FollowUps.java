package dev.trinoai.core.interpret;

import dev.trinoai.core.plan.Plan;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A conversation read again on every question, since the caller keeps it and the engine keeps nothing: each earlier
 * question is read in the light of those before it, as it was when it was asked, and a new question follows the last
 * one that was answered. A declined question leaves nothing to follow, so a follow-up to questions that were all
 * declined is read on its own, and declined as it would be without them.
 */
public final class FollowUps
{
    private FollowUps() {}

    /**
     * @param previous the earlier questions, oldest first
     * @param answer the plan a question was answered with, read after the earlier question it follows; empty when it
     *     was declined
     */
    public static Optional<Earlier> earlier(List<String> previous, BiFunction<String, Optional<Earlier>, Optional<Plan>> answer)
    {
        Optional<Earlier> earlier = Optional.empty();
        for (String question : previous) {
            Optional<Plan> plan = answer.apply(question, earlier);
            if (plan.isPresent()) {
                earlier = Optional.of(new Earlier(question, plan.get()));
            }
        }
        return earlier;
    }
}
