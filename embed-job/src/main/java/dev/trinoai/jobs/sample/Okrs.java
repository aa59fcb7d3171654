package dev.trinoai.jobs.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code okrs.ndjson}: each program's key results for the last five quarters, the as-of quarter included. Programs
 * in trouble make less progress, and each program's budget key result quotes its spend against plan from the budget
 * lines.
 */
final class Okrs
{
    static final String FILE = "okrs.ndjson";
    static final List<String> COLUMNS = List.of("okr_id", "program_id", "quarter", "objective", "key_result", "target", "current", "unit");
    private static final int QUARTERS = 5;

    private final Dataset dataset;
    private final SpendLedger ledger;

    Okrs(Dataset dataset, SpendLedger ledger)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    void write(TableFile file)
    {
        YearMonth now = dataset.asOfMonth();
        YearMonth currentQuarter = now.minusMonths((now.getMonthValue() - 1) % 3);
        double quarterElapsed = (double) (ChronoUnit.DAYS.between(currentQuarter.atDay(1), dataset.asOf()) + 1)
                / ChronoUnit.DAYS.between(currentQuarter.atDay(1), currentQuarter.plusMonths(3).atDay(1));
        for (Program program : dataset.programs()) {
            Dice dice = dataset.dice("okrs", program.index());
            boolean struggling = program.standing() != Program.Standing.ON_TRACK;
            for (int step = 0; step < QUARTERS; step++) {
                YearMonth quarterStart = currentQuarter.minusMonths(3L * (QUARTERS - 1 - step));
                if (quarterStart.plusMonths(2).atEndOfMonth().isBefore(program.startDate())) {
                    continue;
                }
                String quarter = SpendLedger.quarter(quarterStart);
                for (Catalog.OkrTheme theme : program.spec().themes()) {
                    double target = theme.baseline() + (theme.target() - theme.baseline()) * (step + 1) / QUARTERS;
                    double progress = struggling ? dice.uniform(0.35, 0.75) : dice.uniform(0.8, 1.05);
                    if (step == QUARTERS - 1) {
                        // a quarter under way has made only part of its progress
                        progress *= 0.5 + 0.5 * quarterElapsed;
                    }
                    double current = theme.baseline() + (target - theme.baseline()) * progress;
                    file.write(id(file), program.id(), quarter, theme.objective(), theme.keyResult(), rounded(target, theme.unit()), rounded(current, theme.unit()),
                            theme.unit());
                }
                ledger.percentOfPlan(program, quarter).ifPresent(percent -> file.write(id(file), program.id(), quarter,
                        "Deliver %s within its budget".formatted(program.name()), "Quarterly spend as a share of plan", BigDecimal.valueOf(100),
                        rounded(percent, "%"), "%"));
            }
        }
    }

    private static BigDecimal rounded(double value, String unit)
    {
        int scale = switch (unit) {
            case "%" -> 1;
            case "USD" -> 2;
            default -> 0;
        };
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private static String id(TableFile file)
    {
        return "OKR-%04d".formatted(file.rows() + 1);
    }
}
