package dev.trinoai.connector;

import dev.trinoai.core.AnswerRow;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.function.table.Descriptor;
import io.trino.spi.function.table.Descriptor.Field;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Optional;

import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The row contract of {@code ai.system.ask} (ARCHITECTURE.md): column names, types, and how an {@link AnswerRow} fills them.
 */
final class AnswerColumns
{
    static final Descriptor DESCRIPTOR = new Descriptor(List.of(
            field("kind", VARCHAR),
            field("seq", INTEGER),
            field("text", VARCHAR),
            field("metric", VARCHAR),
            field("value", DOUBLE),
            field("unit", VARCHAR),
            field("dimensions", VARCHAR),
            field("source", VARCHAR),
            field("score", DOUBLE),
            field("higher_is_better", BOOLEAN)));

    static final List<Type> TYPES = DESCRIPTOR.getFields().stream()
            .map(field -> field.getType().orElseThrow())
            .toList();

    private AnswerColumns() {}

    static Page toPage(List<AnswerRow> rows)
    {
        PageBuilder page = new PageBuilder(rows.size(), TYPES);
        for (AnswerRow row : rows) {
            page.declarePosition();
            writeVarchar(page.getBlockBuilder(0), row.kind().label());
            INTEGER.writeLong(page.getBlockBuilder(1), row.seq());
            writeVarchar(page.getBlockBuilder(2), row.text());
            writeVarchar(page.getBlockBuilder(3), row.metric());
            writeDouble(page.getBlockBuilder(4), row.value());
            writeVarchar(page.getBlockBuilder(5), row.unit());
            writeVarchar(page.getBlockBuilder(6), row.dimensions());
            writeVarchar(page.getBlockBuilder(7), row.source());
            writeDouble(page.getBlockBuilder(8), row.score());
            writeBoolean(page.getBlockBuilder(9), row.higherIsBetter());
        }
        return page.build();
    }

    private static Field field(String name, Type type)
    {
        return new Field(name, Optional.of(type));
    }

    private static void writeVarchar(BlockBuilder block, String value)
    {
        if (value == null) {
            block.appendNull();
        }
        else {
            VARCHAR.writeString(block, value);
        }
    }

    private static void writeDouble(BlockBuilder block, Double value)
    {
        if (value == null) {
            block.appendNull();
        }
        else {
            DOUBLE.writeDouble(block, value);
        }
    }

    private static void writeBoolean(BlockBuilder block, Boolean value)
    {
        if (value == null) {
            block.appendNull();
        }
        else {
            BOOLEAN.writeBoolean(block, value);
        }
    }
}
