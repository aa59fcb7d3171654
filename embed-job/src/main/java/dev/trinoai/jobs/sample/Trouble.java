package dev.trinoai.jobs.sample;

import java.time.YearMonth;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What went wrong on a project, from when, and by how much: the hidden profile that both its numbers and its texts
 * follow.
 *
 * @param since the first month that shows it (spend above plan, slipping milestones)
 * @param slots the story's proper names and figures, shared by every text written about it
 */
record Trouble(Cause cause, boolean overBudget, boolean behindSchedule, YearMonth since, int overrunPercent, int slipWeeks, Map<String, String> slots)
{
    Trouble
    {
        requireNonNull(cause, "cause is null");
        requireNonNull(since, "since is null");
        slots = Map.copyOf(slots);
    }

    /**
     * The specific culprit: the vendor, the added scope, the cloud service...
     */
    String detail()
    {
        return slots.get(cause.detailSlot());
    }

    String text(String template)
    {
        return Text.fill(template, slots);
    }
}
