package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.udf.AskScalarFunctions;
import io.trino.plugin.base.classloader.ClassLoaderSafeTableFunctionProcessorProvider;
import io.trino.spi.function.BoundSignature;
import io.trino.spi.function.FunctionDependencies;
import io.trino.spi.function.FunctionId;
import io.trino.spi.function.FunctionProvider;
import io.trino.spi.function.InvocationConvention;
import io.trino.spi.function.ScalarFunctionImplementation;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.TableFunctionProcessorProvider;

import static java.util.Objects.requireNonNull;

public final class AiFunctionProvider
        implements FunctionProvider
{
    private final TableFunctionProcessorProvider askProcessorProvider;
    private final AskScalarFunctions scalarFunctions;

    @Inject
    public AiFunctionProvider(AskProcessorProvider askProcessorProvider, AskScalarFunctions scalarFunctions)
    {
        this.askProcessorProvider = new ClassLoaderSafeTableFunctionProcessorProvider(requireNonNull(askProcessorProvider, "askProcessorProvider is null"), getClass().getClassLoader());
        this.scalarFunctions = requireNonNull(scalarFunctions, "scalarFunctions is null");
    }

    @Override
    public ScalarFunctionImplementation getScalarFunctionImplementation(FunctionId functionId, BoundSignature boundSignature, FunctionDependencies functionDependencies, InvocationConvention invocationConvention)
    {
        ScalarFunctionImplementation implementation = scalarFunctions.implementation(functionId, invocationConvention);
        return ScalarFunctionImplementation.builder()
                .methodHandle(AiErrorCode.failingAsTrinoExceptions(implementation.getMethodHandle()))
                .build();
    }

    @Override
    public TableFunctionProcessorProvider getTableFunctionProcessorProvider(ConnectorTableFunctionHandle handle)
    {
        // one provider runs every function of the catalog, choosing by the handle's type
        return askProcessorProvider;
    }
}
