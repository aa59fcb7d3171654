package dev.trinoai.core.time;

import java.time.LocalDate;
import java.time.Month;

import static java.util.Objects.requireNonNull;

/**
 * A domain's fiscal calendar: the month its fiscal year starts in. A fiscal year is named by the calendar year it ends
 * in (the year from July 2026 is FY2027), and its quarters are counted from its first month.
 */
public record FiscalYear(Month start)
{
    /** The fiscal year {@code dim_date} stores in its fiscal columns, and the one of a model that names none. */
    public static final FiscalYear JULY = new FiscalYear(Month.JULY);

    public FiscalYear
    {
        requireNonNull(start, "start is null");
    }

    /**
     * The name of the fiscal year holding the day.
     */
    public int of(LocalDate day)
    {
        return start == Month.JANUARY || day.getMonthValue() < start.getValue() ? day.getYear() : day.getYear() + 1;
    }

    public LocalDate firstDay(int fiscalYear)
    {
        return LocalDate.of(start == Month.JANUARY ? fiscalYear : fiscalYear - 1, start, 1);
    }

    public LocalDate startOf(LocalDate day)
    {
        return firstDay(of(day));
    }

    /**
     * The fiscal quarter (1 to 4) holding the day.
     */
    public int quarterOf(LocalDate day)
    {
        return (day.getMonthValue() - start.getValue() + 12) % 12 / 3 + 1;
    }

    public LocalDate quarterStart(LocalDate day)
    {
        return startOf(day).plusMonths(3L * (quarterOf(day) - 1));
    }

    /**
     * How many months later the same day falls in the calendar year the fiscal year is named by, in the same quarter
     * of it: shifted by this, a day's calendar year and quarter are its fiscal ones.
     */
    public int monthsAhead()
    {
        return (13 - start.getValue()) % 12;
    }
}
