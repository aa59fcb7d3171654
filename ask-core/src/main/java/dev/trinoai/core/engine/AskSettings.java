package dev.trinoai.core.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the engine answers: limits, how many citations, and the reference date relative periods resolve against.
 *
 * @param referenceDate the catalog's fixed "today", for reproducible answers; empty for the real today
 * @param verifiedSimilarity how close in meaning (cosine) a question must be to a verified question to use its plan
 * @param vocabularyRefresh how often dimension values are read again from the data
 */
public record AskSettings(Duration statementTimeout, int maxRows, int citations, double verifiedSimilarity, Duration vocabularyRefresh, Optional<LocalDate> referenceDate)
{
    public AskSettings
    {
        requireNonNull(statementTimeout, "statementTimeout is null");
        requireNonNull(vocabularyRefresh, "vocabularyRefresh is null");
        requireNonNull(referenceDate, "referenceDate is null");
    }

    public static AskSettings defaults()
    {
        return new AskSettings(Duration.ofSeconds(30), 1000, 5, 0.75, Duration.ofMinutes(10), Optional.empty());
    }
}
