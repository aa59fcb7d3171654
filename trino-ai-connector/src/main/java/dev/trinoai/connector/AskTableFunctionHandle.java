package dev.trinoai.connector;

import io.trino.spi.function.table.ConnectorTableFunctionHandle;

/**
 * The handles of the catalog's table functions, all run by {@link AskProcessorProvider}: sealed, so that a function
 * added without a processor fails the build, not a query.
 */
public sealed interface AskTableFunctionHandle
        extends ConnectorTableFunctionHandle
        permits AskFunctionHandle, AskNumbersFunctionHandle
{
}
