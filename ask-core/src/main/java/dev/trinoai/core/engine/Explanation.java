package dev.trinoai.core.engine;

import dev.trinoai.core.plan.Plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A dry run of a question: the day it is read as of, the plan, the verified question it matches, and either why it is
 * declined, why its plan is not valid, or the restatement its answer opens with and the SQL it would run.
 */
public record Explanation(LocalDate asOf, Plan plan, Optional<String> verified, Optional<String> declined, List<String> problems, List<String> restatements, List<String> sql)
{
    public Explanation
    {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(verified, "verified is null");
        requireNonNull(declined, "declined is null");
        problems = List.copyOf(problems);
        restatements = List.copyOf(restatements);
        sql = List.copyOf(sql);
    }
}
