package dev.trinoai.jobs.sample;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Planned and actual spend per program and quarter up to the as-of date, collected while the budget lines are written
 * so that the budget key results quote the same numbers.
 */
final class SpendLedger
{
    private record Key(int program, String quarter) {}

    private final Map<Key, double[]> totals = new HashMap<>();

    static String quarter(YearMonth month)
    {
        return month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
    }

    /**
     * @param planned the plan for the part of the month that has actuals
     */
    void add(Program program, YearMonth month, double planned, double actual)
    {
        double[] total = totals.computeIfAbsent(new Key(program.index(), quarter(month)), _ -> new double[2]);
        total[0] += planned;
        total[1] += actual;
    }

    /**
     * Actual spend as a percentage of plan, if the program planned any spend that quarter.
     */
    Optional<Double> percentOfPlan(Program program, String quarter)
    {
        double[] total = totals.get(new Key(program.index(), quarter));
        if (total == null || total[0] <= 0) {
            return Optional.empty();
        }
        return Optional.of(100 * total[1] / total[0]);
    }
}
