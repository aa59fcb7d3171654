package dev.trinoai.connector;

import io.trino.spi.function.table.ConnectorTableFunctionHandle;

import static java.util.Objects.requireNonNull;

/**
 * What {@code analyze()} hands to the workers: the validated question.
 */
public record AskFunctionHandle(String question)
        implements ConnectorTableFunctionHandle
{
    public AskFunctionHandle
    {
        requireNonNull(question, "question is null");
    }
}
