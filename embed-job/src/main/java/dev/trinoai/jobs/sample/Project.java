package dev.trinoai.jobs.sample;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A project with its plan (dates, budget spread over its months and categories) and its hidden health.
 *
 * @param shares each category's part of the monthly plan, in category order
 * @param planSeed varies the plan from month to month
 * @param efficiency actual spend relative to plan when nothing goes wrong
 */
record Project(
        int index,
        String id,
        String name,
        Program program,
        String owner,
        LocalDate start,
        LocalDate plannedEnd,
        long budgetUsd,
        Map<Category, Double> shares,
        long planSeed,
        double efficiency,
        Optional<Trouble> trouble,
        Optional<YearMonth> pausedSince)
{
    private static final double PAUSED_SPEND = 0.15;

    Project
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(program, "program is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(start, "start is null");
        requireNonNull(plannedEnd, "plannedEnd is null");
        requireNonNull(shares, "shares is null");
        requireNonNull(trouble, "trouble is null");
        requireNonNull(pausedSince, "pausedSince is null");
    }

    YearMonth startMonth()
    {
        return YearMonth.from(start);
    }

    YearMonth endMonth()
    {
        return YearMonth.from(plannedEnd);
    }

    List<Category> categories()
    {
        return List.copyOf(shares.keySet());
    }

    boolean overBudget()
    {
        return trouble.map(Trouble::overBudget).orElse(false);
    }

    boolean behindSchedule()
    {
        return trouble.map(Trouble::behindSchedule).orElse(false);
    }

    boolean pausedAt(LocalDate date)
    {
        return pausedSince.map(month -> !YearMonth.from(date).isBefore(month)).orElse(false);
    }

    /**
     * Whether a team could be working on it that day.
     */
    boolean activeAt(LocalDate date)
    {
        return !date.isBefore(start) && !date.isAfter(plannedEnd) && !pausedAt(date);
    }

    String status(LocalDate asOf)
    {
        if (plannedEnd.isBefore(asOf)) {
            return "completed";
        }
        if (pausedSince.isPresent()) {
            return "paused";
        }
        return trouble.isPresent() ? "at_risk" : "active";
    }

    /**
     * The planned spend of a month in dollars: the budget spread roughly evenly, with half months at either end and a
     * quieter December.
     */
    double planned(YearMonth month)
    {
        return budgetUsd * weight(month) / totalWeight();
    }

    /**
     * Actual spend relative to plan in a category and month, before noise: what the health profile says.
     */
    double spendFactor(Category category, YearMonth month)
    {
        if (pausedSince.isPresent() && !month.isBefore(pausedSince.get())) {
            return PAUSED_SPEND;
        }
        if (trouble.isEmpty() || !trouble.get().overBudget()) {
            return efficiency;
        }
        Trouble overrun = trouble.get();
        if (month.isBefore(overrun.since())) {
            return efficiency;
        }
        // the first month only partly shows the overrun: it started during the month
        double ramp = month.equals(overrun.since()) ? 0.6 : 1.0;
        return 1 + ramp * overrun.overrunPercent() / 100.0 * overrun.cause().overrunShare(category) / shares.get(category);
    }

    private double weight(YearMonth month)
    {
        // plans are never perfectly flat: phases and invoices move money between months
        double wobble = 0.92 + 0.16 * (Dice.mix(planSeed + month.getYear() * 12L + month.getMonthValue()) >>> 11) * 0x1.0p-53;
        if (month.equals(startMonth()) || month.equals(endMonth())) {
            return 0.5 * wobble;
        }
        return (month.getMonth() == Month.DECEMBER ? 0.85 : 1.0) * wobble;
    }

    private double totalWeight()
    {
        double total = 0;
        for (YearMonth month = startMonth(); !month.isAfter(endMonth()); month = month.plusMonths(1)) {
            total += weight(month);
        }
        return total;
    }
}
