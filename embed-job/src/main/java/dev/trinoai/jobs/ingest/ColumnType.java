package dev.trinoai.jobs.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/**
 * The types a mapped column can have, with the PostgreSQL type of its staging column.
 */
public enum ColumnType
{
    TEXT("text"),
    INTEGER("integer"),
    BIGINT("bigint"),
    DECIMAL("numeric"),
    DOUBLE("double precision"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamptz");

    private final String sqlType;

    ColumnType(String sqlType)
    {
        this.sqlType = sqlType;
    }

    public String sqlType()
    {
        return sqlType;
    }

    @JsonCreator
    public static ColumnType of(String name)
    {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
