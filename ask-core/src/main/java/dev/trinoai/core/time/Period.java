package dev.trinoai.core.time;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * A resolved period: the dates from and to (both included), or the last n sprints of each team up to a date.
 *
 * @param words what the question said, e.g. "this quarter"
 */
public record Period(LocalDate from, LocalDate to, int lastSprints, String words)
{
    public Period
    {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(words, "words is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period %s ends before it starts".formatted(words));
        }
    }

    // "all time" starts before any date the warehouse keeps; it is never bound as a parameter
    private static final LocalDate BEGINNING = LocalDate.of(1, 1, 1);

    public static Period dates(LocalDate from, LocalDate to, String words)
    {
        return new Period(from, to, 0, words);
    }

    /**
     * Whether a period said in days or weeks ("last week", "the past 30 days", "yesterday") cuts through a month: one
     * that starts on a month's first day and ends on a month's last day, or on the reference date, does not. Periods
     * said in months, quarters or years count the months that start in them.
     */
    public boolean cutsThroughMonths(LocalDate asOf)
    {
        if (isSprints() || isAllTime() || !words.matches("(?s).*\\b(?:days?|weeks?|fortnight|yesterday|today|hours|\\d{4}-\\d{2}-\\d{2})\\b.*")) {
            return false;
        }
        return from.getDayOfMonth() != 1 || !(to.equals(to.withDayOfMonth(to.lengthOfMonth())) || to.equals(asOf));
    }

    /**
     * Every row, whatever its date: what "all time" or "ever" asks for.
     */
    public static Period allTime(LocalDate asOf, String words)
    {
        return new Period(BEGINNING, asOf, 0, words);
    }

    public boolean isAllTime()
    {
        return from.equals(BEGINNING);
    }

    /**
     * The period is still in progress on the reference date: its last day lies after it.
     */
    public boolean isOpen(LocalDate asOf)
    {
        return !isSprints() && !isAllTime() && !from.isAfter(asOf) && to.isAfter(asOf);
    }

    public boolean isSprints()
    {
        return lastSprints > 0;
    }

    public String describe()
    {
        if (isSprints()) {
            return "%s (the last %d sprints of each team ended by %s)".formatted(words, lastSprints, to);
        }
        if (isAllTime()) {
            return "%s (every date to %s)".formatted(words, to);
        }
        String dates = from.equals(to) ? from.toString() : "%s to %s".formatted(from, to);
        // a plan states a period it cannot name in words as its dates: say them once
        return words.equals(from + ".." + to) ? dates : "%s (%s)".formatted(words, dates);
    }
}
