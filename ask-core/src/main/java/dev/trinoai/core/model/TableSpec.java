package dev.trinoai.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table of the star schema as the model sees it.
 *
 * @param key the primary key column, for tables other tables join to
 * @param joins the dimension tables it references, by the foreign key column, in the order paths are tried
 * @param date the date key (yyyymmdd) that places a row in time: a column or a SQL expression over the alias {@code f}
 * @param sprints whether the rows are sprints, so "the last 3 sprints" selects rows rather than dates
 * @param monthly whether the date is a month's first day standing for the whole month (monthly bookings), so a period
 * that cuts through a month cannot be answered from it
 */
public record TableSpec(String name, Optional<String> key, Map<String, String> joins, Optional<String> date, boolean sprints, boolean monthly, int line)
{
    public TableSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(key, "key is null");
        joins = Collections.unmodifiableMap(new LinkedHashMap<>(joins));
        requireNonNull(date, "date is null");
    }

    /**
     * The date key as SQL over the alias {@code f}.
     */
    public Optional<String> dateSql()
    {
        return dateSql(SemanticModel.FACT_ALIAS);
    }

    public Optional<String> dateSql(String alias)
    {
        return date.map(date -> date.matches("[a-z_][a-z0-9_]*") ? alias + "." + date : date.replace(SemanticModel.FACT_ALIAS + ".", alias + "."));
    }
}
