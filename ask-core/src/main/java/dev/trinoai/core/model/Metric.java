package dev.trinoai.core.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An aggregate over one table, aliased {@code f}. In its SQL, {@code :as_of} is the reference date key,
 * {@code :open_month} the key of the first day of the reference date's month (the period still in progress), and
 * {@code :elapsed} the share of a row's month elapsed on the reference date (1 before the open month, 0 after it).
 *
 * @param date the date key that places the metric's rows in time when it is not the table's: the closing date of
 *     "risks closed", the completion date of "milestones completed"
 * @param defaultPeriod the period of a question that names none, in words ("fiscal year to date"); empty for every
 *     row to date, as a count of what is open now wants
 * @param openPeriod how the metric counts a period still in progress, in words for the answer ("plan to date: the
 *     open month's plan prorated by elapsed days"); empty when the rows to date need no such note
 * @param wholePeriod the metric counts a period's rows still to come as well, as a plan or a forecast does, so its
 *     number for a period in progress covers the whole period, not the days to the reference date
 */
public record Metric(
        String name,
        String label,
        String table,
        String sql,
        String unit,
        Optional<Boolean> higherIsBetter,
        String description,
        List<String> synonyms,
        Optional<String> date,
        Optional<String> defaultPeriod,
        Optional<String> openPeriod,
        boolean wholePeriod,
        int line)
{
    public Metric
    {
        requireNonNull(name, "name is null");
        requireNonNull(label, "label is null");
        requireNonNull(table, "table is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(higherIsBetter, "higherIsBetter is null");
        requireNonNull(description, "description is null");
        synonyms = List.copyOf(synonyms);
        requireNonNull(date, "date is null");
        requireNonNull(defaultPeriod, "defaultPeriod is null");
        requireNonNull(openPeriod, "openPeriod is null");
    }

    /**
     * The date key of the metric's rows as SQL over the alias {@code f}: its own, else its table's.
     */
    public Optional<String> dateSql(TableSpec table)
    {
        return date.map(column -> column.matches("[a-z_][a-z0-9_]*") ? SemanticModel.FACT_ALIAS + "." + column : column).or(table::dateSql);
    }
}
