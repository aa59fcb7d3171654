package dev.trinoai.core.engine;

import dev.trinoai.core.plan.Plan;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the engine would answer a question, without running it: the plan, the SQL its answer shows (one statement per
 * metric query, as the {@code sql} rows give it), and the verified question it matches, if any.
 */
public record PlannedAnswer(Plan plan, List<String> sql, Optional<String> verified)
{
    public PlannedAnswer
    {
        requireNonNull(plan, "plan is null");
        sql = List.copyOf(sql);
        requireNonNull(verified, "verified is null");
    }
}
