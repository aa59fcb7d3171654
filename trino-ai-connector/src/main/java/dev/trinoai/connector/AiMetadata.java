package dev.trinoai.connector;

import com.google.common.collect.ImmutableList;
import dev.trinoai.udf.AskScalarFunctions;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.function.BoundSignature;
import io.trino.spi.function.FunctionDependencyDeclaration;
import io.trino.spi.function.FunctionId;
import io.trino.spi.function.FunctionMetadata;
import io.trino.spi.function.SchemaFunctionName;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static io.trino.spi.function.FunctionDependencyDeclaration.NO_DEPENDENCIES;

/**
 * The catalog has one schema, {@code system}, which holds the functions and no tables: the table functions come from
 * the connector, the scalar functions of {@code ask-udf} are listed here. A table of it is one that does not exist,
 * which Trino reports as for any catalog: schema or table not found.
 */
public final class AiMetadata
        implements ConnectorMetadata
{
    public static final String SYSTEM_SCHEMA = "system";

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return ImmutableList.of(SYSTEM_SCHEMA);
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return SYSTEM_SCHEMA.equals(schemaName);
    }

    @Override
    public ConnectorTableHandle getTableHandle(ConnectorSession session, SchemaTableName tableName, Optional<ConnectorTableVersion> startVersion, Optional<ConnectorTableVersion> endVersion)
    {
        return null;
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        return List.of();
    }

    @Override
    public Collection<FunctionMetadata> listFunctions(ConnectorSession session, String schemaName)
    {
        return SYSTEM_SCHEMA.equals(schemaName) ? AskScalarFunctions.functions() : List.of();
    }

    @Override
    public Collection<FunctionMetadata> getFunctions(ConnectorSession session, SchemaFunctionName name)
    {
        if (!SYSTEM_SCHEMA.equals(name.getSchemaName())) {
            return List.of();
        }
        // called while the query is analysed, with the catalog's session properties at hand
        return AskScalarFunctions.resolve(name.getFunctionName(), AiSessionProperties.referenceDate(session));
    }

    @Override
    public FunctionMetadata getFunctionMetadata(ConnectorSession session, FunctionId functionId)
    {
        return AskScalarFunctions.metadata(functionId);
    }

    @Override
    public FunctionDependencyDeclaration getFunctionDependencies(ConnectorSession session, FunctionId functionId, BoundSignature boundSignature)
    {
        return NO_DEPENDENCIES;
    }
}
