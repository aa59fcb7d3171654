package dev.trinoai.jobs.sample;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * A program of the sample company, with its hidden standing: how its projects are doing this quarter.
 */
record Program(int index, String id, Catalog.ProgramSpec spec, String owner, LocalDate startDate, Standing standing)
{
    enum Standing
    {
        ON_TRACK,
        OVER_BUDGET,
        // over budget, with every overrun down to the same cause and culprit, so "why" has one crisp answer
        OVER_BUDGET_ONE_CAUSE,
        // on budget, but its largest running project is slipping
        BEHIND_SCHEDULE,
        PAUSED,
    }

    Program
    {
        requireNonNull(id, "id is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(startDate, "startDate is null");
        requireNonNull(standing, "standing is null");
    }

    String name()
    {
        return spec.name();
    }

    boolean overBudget()
    {
        return standing == Standing.OVER_BUDGET || standing == Standing.OVER_BUDGET_ONE_CAUSE;
    }

    String status()
    {
        return standing == Standing.PAUSED ? "paused" : "active";
    }
}
