package dev.trinoai.connector;

import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;

import java.sql.Date;
import java.sql.JDBCType;
import java.time.LocalDate;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * One column of {@code ask_numbers}: a group-by column of the metric query, or its value.
 */
public record NumbersColumn(String name, NumbersColumn.Kind kind)
{
    /**
     * The Trino types a metric query's columns map to; anything else is shown as text.
     */
    public enum Kind
    {
        VARCHAR_COLUMN(VARCHAR),
        DATE_COLUMN(DATE),
        INTEGER_COLUMN(INTEGER),
        BIGINT_COLUMN(BIGINT),
        DOUBLE_COLUMN(DOUBLE);

        private final Type type;

        Kind(Type type)
        {
            this.type = type;
        }

        public Type type()
        {
            return type;
        }

        static Kind of(JDBCType type)
        {
            return switch (type) {
                case DATE -> DATE_COLUMN;
                case TINYINT, SMALLINT, INTEGER -> INTEGER_COLUMN;
                case BIGINT -> BIGINT_COLUMN;
                case REAL, FLOAT, DOUBLE, NUMERIC, DECIMAL -> DOUBLE_COLUMN;
                default -> VARCHAR_COLUMN;
            };
        }

        /**
         * Writes a value as the JDBC driver read it: {@code java.sql.Date}, a {@code Number}, or anything for text.
         */
        void write(BlockBuilder block, Object value)
        {
            if (value == null) {
                block.appendNull();
                return;
            }
            switch (this) {
                case VARCHAR_COLUMN -> VARCHAR.writeString(block, value.toString());
                case DATE_COLUMN -> DATE.writeLong(block, (value instanceof Date date ? date.toLocalDate() : LocalDate.parse(value.toString())).toEpochDay());
                case INTEGER_COLUMN -> INTEGER.writeLong(block, ((Number) value).intValue());
                case BIGINT_COLUMN -> BIGINT.writeLong(block, ((Number) value).longValue());
                case DOUBLE_COLUMN -> DOUBLE.writeDouble(block, ((Number) value).doubleValue());
            }
        }
    }

    public NumbersColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }
}
