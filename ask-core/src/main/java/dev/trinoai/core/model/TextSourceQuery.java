package dev.trinoai.core.model;

import java.util.ArrayList;
import java.util.List;

import static dev.trinoai.core.model.SemanticModel.FACT_ALIAS;

/**
 * The statement that reads a text source's rows: {@code id}, {@code title}, {@code text} (the text columns joined
 * by blank lines), {@code date} (the row's date, when its table has one) and one column per metadata dimension,
 * named after it.
 */
public final class TextSourceQuery
{
    private TextSourceQuery() {}

    public static String sql(SemanticModel model, TextSource source)
    {
        TableSpec table = model.tables().get(source.table());
        List<Dimension> metadata = source.metadata().stream().map(name -> model.dimension(name).orElseThrow()).toList();
        List<String> columns = new ArrayList<>();
        columns.add("%s.%s::text AS id".formatted(FACT_ALIAS, source.id()));
        columns.add("%s.%s::text AS title".formatted(FACT_ALIAS, source.title()));
        columns.add("concat_ws(E'\\n\\n', %s) AS text".formatted(String.join(", ", source.text().stream().map(column -> FACT_ALIAS + "." + column).toList())));
        columns.add(table.dateSql().map(date -> "(SELECT d.date FROM %s.dim_date AS d WHERE d.date_key = %s) AS date".formatted(model.schema(), date)).orElse("NULL::date AS date"));
        metadata.forEach(dimension -> columns.add("%s::text AS %s".formatted(model.columnSql(source.table(), dimension), dimension.name())));
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", columns))
                .append(" FROM %s.%s AS %s".formatted(model.schema(), source.table(), FACT_ALIAS));
        model.joinsFor(source.table(), metadata).forEach(join -> sql.append(' ').append(join.sql(model.schema())));
        return sql.append(" ORDER BY 1").toString();
    }
}
