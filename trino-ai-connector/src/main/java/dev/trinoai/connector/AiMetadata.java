package dev.trinoai.connector;

import com.google.common.collect.ImmutableList;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;

import java.util.List;

/**
 * The catalog has one schema, {@code system}, which holds the functions and no tables.
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
}
