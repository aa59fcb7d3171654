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

    public static Period dates(LocalDate from, LocalDate to, String words)
    {
        return new Period(from, to, 0, words);
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
        return from.equals(to) ? "%s (%s)".formatted(words, from) : "%s (%s to %s)".formatted(words, from, to);
    }
}
