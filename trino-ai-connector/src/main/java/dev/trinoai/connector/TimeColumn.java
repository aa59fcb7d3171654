package dev.trinoai.connector;

import dev.trinoai.core.plan.TimeGrain;
import io.trino.spi.type.DateType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.Type;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * The time columns of an {@code ai.metrics} table: a time grain of the compiler, typed as a BI tool expects. A slice
 * that is a span of days is a DATE, its first day, so that {@code date_trunc}, date filters and a tool's date
 * hierarchy work on it; a year is its number; a fiscal quarter, which no SQL function computes, is its label.
 */
enum TimeColumn
{
    DAY(TimeGrain.DAY, DATE, "The day."),
    WEEK(TimeGrain.WEEK, DATE, "The Monday of the ISO week."),
    MONTH(TimeGrain.MONTH, DATE, "The first day of the month."),
    QUARTER(TimeGrain.QUARTER, DATE, "The first day of the calendar quarter."),
    FISCAL_QUARTER(TimeGrain.FISCAL_QUARTER, VARCHAR, "The fiscal quarter as FY2027-Q2: the fiscal year starts on 1 July and is named by the year it ends in."),
    YEAR(TimeGrain.YEAR, INTEGER, "The calendar year."),
    FISCAL_YEAR(TimeGrain.FISCAL_YEAR, INTEGER, "The fiscal year, named by the year it ends in (it starts on 1 July)."),
    SPRINT(TimeGrain.SPRINT, VARCHAR, "The sprint's name.");

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final Pattern QUARTER_LABEL = Pattern.compile("(FY)?(\\d{4})-Q([1-4])");

    private final TimeGrain grain;
    private final Type type;
    private final String comment;

    TimeColumn(TimeGrain grain, Type type, String comment)
    {
        this.grain = requireNonNull(grain, "grain is null");
        this.type = requireNonNull(type, "type is null");
        this.comment = requireNonNull(comment, "comment is null");
    }

    String columnName()
    {
        return grain.label();
    }

    TimeGrain grain()
    {
        return grain;
    }

    Type type()
    {
        return type;
    }

    String comment()
    {
        return comment;
    }

    static Optional<TimeColumn> of(String group)
    {
        for (TimeColumn column : values()) {
            if (column.columnName().equals(group)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /**
     * The first day of the slice holding a day.
     */
    static LocalDate start(TimeGrain grain, LocalDate day)
    {
        return switch (grain) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            // fiscal quarters start with calendar quarters: the fiscal year starts on 1 July
            case QUARTER, FISCAL_QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> day.withDayOfYear(1);
            case FISCAL_YEAR -> LocalDate.of(day.getMonthValue() >= 7 ? day.getYear() : day.getYear() - 1, 7, 1);
            case SPRINT -> throw new IllegalArgumentException("a sprint is not a span of dates");
        };
    }

    /**
     * The first day of the slice after the one starting on a day.
     */
    static LocalDate next(TimeGrain grain, LocalDate start)
    {
        return switch (grain) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER, FISCAL_QUARTER -> start.plusMonths(3);
            case YEAR, FISCAL_YEAR -> start.plusYears(1);
            case SPRINT -> throw new IllegalArgumentException("a sprint is not a span of dates");
        };
    }

    /**
     * Whether every slice of a grain lies within one slice of another, so that a truncation of the one is the other.
     */
    static boolean nests(TimeGrain finer, TimeGrain coarser)
    {
        return finer == coarser || switch (finer) {
            case DAY -> coarser != TimeGrain.SPRINT;
            case MONTH -> coarser == TimeGrain.QUARTER || coarser == TimeGrain.YEAR || coarser == TimeGrain.FISCAL_QUARTER || coarser == TimeGrain.FISCAL_YEAR;
            case QUARTER, FISCAL_QUARTER -> coarser == TimeGrain.QUARTER || coarser == TimeGrain.FISCAL_QUARTER || coarser == TimeGrain.YEAR || coarser == TimeGrain.FISCAL_YEAR;
            default -> false;
        };
    }

    /**
     * The first day of a slice as the compiled statement returns it: a date, a label ('2026-01', '2026-Q4',
     * 'FY2027-Q2') or a year's number.
     */
    static LocalDate startOf(TimeGrain grain, Object value)
    {
        return switch (grain) {
            case DAY, WEEK -> value instanceof Date date ? date.toLocalDate() : LocalDate.parse(value.toString());
            case MONTH -> YearMonth.parse(value.toString()).atDay(1);
            case QUARTER -> quarterStart(value.toString(), false);
            case FISCAL_QUARTER -> quarterStart(value.toString(), true);
            case YEAR -> LocalDate.of(((Number) value).intValue(), 1, 1);
            case FISCAL_YEAR -> LocalDate.of(((Number) value).intValue() - 1, 7, 1);
            case SPRINT -> throw new IllegalArgumentException("a sprint is not a span of dates");
        };
    }

    private static LocalDate quarterStart(String label, boolean fiscal)
    {
        Matcher matcher = QUARTER_LABEL.matcher(label);
        if (!matcher.matches() || (matcher.group(1) != null) != fiscal) {
            throw new IllegalArgumentException("not a quarter label: " + label);
        }
        int year = Integer.parseInt(matcher.group(2));
        int quarter = Integer.parseInt(matcher.group(3));
        LocalDate first = fiscal ? LocalDate.of(year - 1, 7, 1) : LocalDate.of(year, 1, 1);
        return first.plusMonths(3L * (quarter - 1));
    }

    /**
     * A slice's value in a column of the given type, as Trino holds it: days since the epoch for a DATE, microseconds
     * for a TIMESTAMP, the year's number for an INTEGER, the label for a VARCHAR.
     */
    static Object toTrino(TimeGrain grain, Type type, Object value)
    {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case DateType _ -> startOf(grain, value).toEpochDay();
            case TimestampType _ -> startOf(grain, value).toEpochDay() * MICROS_PER_DAY;
            case IntegerType _ -> ((Number) value).longValue();
            default -> value.toString();
        };
    }

    /**
     * A slice's first day as a value comparable with the column's: what a filter's bounds are.
     */
    static long comparable(TimeGrain grain, Type type, LocalDate start)
    {
        return switch (type) {
            case DateType _ -> start.toEpochDay();
            case TimestampType _ -> start.toEpochDay() * MICROS_PER_DAY;
            case IntegerType _ -> grain == TimeGrain.FISCAL_YEAR ? start.getYear() + 1 : start.getYear();
            default -> throw new IllegalArgumentException("no order on " + type);
        };
    }

    /**
     * The day a filter's bound falls on (for a year, its first day).
     */
    static LocalDate dayOf(TimeGrain grain, Type type, long bound)
    {
        return switch (type) {
            case DateType _ -> LocalDate.ofEpochDay(bound);
            case TimestampType _ -> LocalDate.ofEpochDay(Math.floorDiv(bound, MICROS_PER_DAY));
            case IntegerType _ -> grain == TimeGrain.FISCAL_YEAR ? LocalDate.of((int) bound - 1, 7, 1) : LocalDate.of((int) bound, 1, 1);
            default -> throw new IllegalArgumentException("no order on " + type);
        };
    }

    static boolean isDateLike(Type type)
    {
        return type instanceof DateType || (type instanceof TimestampType timestamp && timestamp.isShort());
    }
}
