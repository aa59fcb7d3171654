package dev.trinoai.connector;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the reference date of the catalog property and of the session property alike.
 */
final class ReferenceDates
{
    private ReferenceDates() {}

    static Optional<LocalDate> parse(String text, String property)
    {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("%s must be a date as YYYY-MM-DD, not '%s'".formatted(property, text));
        }
    }
}
