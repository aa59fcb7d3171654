package dev.trinoai.connector;

import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.function.table.Descriptor;
import io.trino.spi.function.table.Descriptor.Field;

import java.util.List;
import java.util.Optional;

/**
 * The columns of {@code ask_numbers}, which differ per question, and how typed rows fill them.
 */
final class NumbersColumns
{
    private NumbersColumns() {}

    static Descriptor descriptor(List<NumbersColumn> columns)
    {
        return new Descriptor(columns.stream()
                .map(column -> new Field(column.name(), Optional.of(column.kind().type())))
                .toList());
    }

    static Page toPage(List<NumbersColumn> columns, List<List<Object>> rows)
    {
        PageBuilder page = new PageBuilder(rows.size(), columns.stream().map(column -> column.kind().type()).toList());
        for (List<Object> row : rows) {
            page.declarePosition();
            for (int i = 0; i < columns.size(); i++) {
                columns.get(i).kind().write(page.getBlockBuilder(i), row.get(i));
            }
        }
        return page.build();
    }
}
