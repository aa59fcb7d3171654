package dev.trinoai.core.warehouse;

import static java.util.Objects.requireNonNull;

public record WarehouseStatus(String serverVersion, String pgvectorVersion)
{
    public WarehouseStatus
    {
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(pgvectorVersion, "pgvectorVersion is null");
    }
}
