package dev.trinoai.jobs.sample;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code budget_lines.csv}: one row per project, month and cost category while the project runs, up to six months past
 * the as-of month. Months after the as-of month have a plan and a forecast but no actuals yet; the as-of month has the
 * actuals booked so far.
 */
final class BudgetLines
{
    static final String FILE = "budget_lines.csv";
    static final List<String> COLUMNS = List.of("project_id", "month", "category", "planned_usd", "actual_usd", "forecast_usd");
    // the deliberately repeated row, by its number
    static final int DUPLICATED_ROW = 10;
    private static final int FORECAST_MONTHS = 6;

    private final Dataset dataset;
    private final SpendLedger ledger;

    BudgetLines(Dataset dataset, SpendLedger ledger)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    void write(TableFile file)
    {
        YearMonth now = dataset.asOfMonth();
        double elapsed = (double) dataset.asOf().getDayOfMonth() / now.lengthOfMonth();
        int middle = dataset.projects().size() / 2;
        for (Project project : dataset.projects()) {
            if (project.index() == middle) {
                file.blankLine();
            }
            Dice dice = dataset.dice("budget", project.index());
            YearMonth last = project.endMonth().isBefore(now.plusMonths(FORECAST_MONTHS)) ? project.endMonth() : now.plusMonths(FORECAST_MONTHS);
            for (YearMonth month = project.startMonth(); !month.isAfter(last); month = month.plusMonths(1)) {
                double plannedTotal = project.planned(month);
                for (Category category : project.categories()) {
                    double planned = plannedTotal * project.shares().get(category);
                    double expected = planned * project.spendFactor(category, month);
                    // a past month's last forecast was made before its invoices came in, so it is further off
                    double forecast = expected * (month.isBefore(now) ? dice.uniform(0.97, 1.03) : dice.uniform(0.99, 1.01));
                    BigDecimal actual = null;
                    if (!month.isAfter(now)) {
                        double booked = month.equals(now) ? elapsed : 1;
                        double spent = expected * dice.uniform(0.95, 1.05) * booked;
                        actual = dollars(spent);
                        ledger.add(project.program(), month, planned * booked, spent);
                    }
                    file.write(project.id(), month.toString(), category.label(), dollars(planned), actual, dollars(forecast));
                    if (file.rows() == DUPLICATED_ROW) {
                        file.repeatLastRow();
                    }
                }
            }
        }
    }

    private static BigDecimal dollars(double amount)
    {
        return BigDecimal.valueOf(Math.round(amount * 100), 2);
    }
}
