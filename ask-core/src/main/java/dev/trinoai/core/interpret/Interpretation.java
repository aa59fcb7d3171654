package dev.trinoai.core.interpret;

import dev.trinoai.core.plan.Plan;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the interpreter made of a question.
 *
 * @param understood what it recognised, in words, for the user
 * @param declined why it will not answer with numbers (unknown words, ambiguity, a metric it cannot slice so);
 *     the plan then has no metric queries
 * @param verified the verified question whose plan is used, if any
 * @param mended the slips of the keyboard read as other words, "\"quater\" as \"quarter\"", for the answer to say
 * @param carried for a follow-up, what it took over from the earlier question and what it changed, in words, for the
 *     answer's restatement; empty for a question read on its own
 */
public record Interpretation(Plan plan, List<String> understood, Optional<String> declined, Optional<String> verified, List<String> mended, Optional<String> carried)
{
    public Interpretation
    {
        requireNonNull(plan, "plan is null");
        understood = List.copyOf(understood);
        requireNonNull(declined, "declined is null");
        requireNonNull(verified, "verified is null");
        mended = List.copyOf(mended);
        requireNonNull(carried, "carried is null");
    }
}
