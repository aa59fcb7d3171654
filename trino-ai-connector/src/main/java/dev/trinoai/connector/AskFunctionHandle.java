package dev.trinoai.connector;

import io.trino.spi.function.table.ConnectorTableFunctionHandle;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code analyze()} hands to the workers: the validated question, and the session's reference date
 * (YYYY-MM-DD) if it fixes one.
 */
public record AskFunctionHandle(String question, String referenceDate)
        implements ConnectorTableFunctionHandle
{
    public AskFunctionHandle
    {
        requireNonNull(question, "question is null");
    }

    public Optional<LocalDate> reference()
    {
        return Optional.ofNullable(referenceDate).map(LocalDate::parse);
    }
}
