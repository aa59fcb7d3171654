package dev.trinoai.connector;

import com.google.inject.Inject;
import io.trino.plugin.base.classloader.ClassLoaderSafeTableFunctionProcessorProvider;
import io.trino.spi.function.FunctionProvider;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.TableFunctionProcessorProvider;

import static java.util.Objects.requireNonNull;

public final class AiFunctionProvider
        implements FunctionProvider
{
    private final AskProcessorProvider askProcessorProvider;

    @Inject
    public AiFunctionProvider(AskProcessorProvider askProcessorProvider)
    {
        this.askProcessorProvider = requireNonNull(askProcessorProvider, "askProcessorProvider is null");
    }

    @Override
    public TableFunctionProcessorProvider getTableFunctionProcessorProvider(ConnectorTableFunctionHandle handle)
    {
        if (handle instanceof AskFunctionHandle) {
            return new ClassLoaderSafeTableFunctionProcessorProvider(askProcessorProvider, getClass().getClassLoader());
        }
        throw new IllegalArgumentException("Unknown table function handle: " + handle.getClass().getName());
    }
}
