package dev.trinoai.core.model;

import dev.trinoai.core.time.FiscalYear;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The vocabulary of questions over the star schema; see {@code etc/ai/semantic-model.yaml}. A catalog serves one such
 * model per domain ({@code etc/ai/models/}), each with its own words, verified questions and fiscal year.
 *
 * @param domain the domain's name, as answers and declines name it: the file's {@code domain}, else its name without
 *     {@code .yaml}
 */
public record SemanticModel(
        String source,
        String schema,
        Map<String, TableSpec> tables,
        Map<String, Dimension> dimensions,
        Map<String, Metric> metrics,
        Map<String, TextSource> textSources,
        List<String> scorecard,
        Optional<OverBudget> overBudget,
        List<VerifiedQuestion> verifiedQuestions,
        FiscalYear fiscalYear,
        String domain)
{
    /** The alias of the metric's or text source's own table in every statement. */
    public static final String FACT_ALIAS = "f";

    public SemanticModel
    {
        requireNonNull(source, "source is null");
        requireNonNull(schema, "schema is null");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        textSources = Collections.unmodifiableMap(new LinkedHashMap<>(textSources));
        scorecard = List.copyOf(scorecard);
        requireNonNull(overBudget, "overBudget is null");
        verifiedQuestions = List.copyOf(verifiedQuestions);
        requireNonNull(fiscalYear, "fiscalYear is null");
        requireNonNull(domain, "domain is null");
    }

    public Optional<Metric> metric(String name)
    {
        return Optional.ofNullable(metrics.get(name));
    }

    public Optional<Dimension> dimension(String name)
    {
        return Optional.ofNullable(dimensions.get(name));
    }

    /**
     * The joins that reach the dimension's table from a table, shortest first and in the order the
     * tables list their joins; empty when the dimension is a column of the table itself.
     */
    public Optional<List<Join>> pathTo(String fromTable, Dimension dimension)
    {
        if (dimension.table().equals(fromTable)) {
            return Optional.of(List.of());
        }
        Map<String, Join> reachedBy = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(fromTable));
        while (!queue.isEmpty()) {
            String table = queue.removeFirst();
            String alias = table.equals(fromTable) ? FACT_ALIAS : table;
            for (Map.Entry<String, String> join : tables.get(table).joins().entrySet()) {
                String target = join.getKey();
                if (target.equals(fromTable) || reachedBy.containsKey(target)) {
                    continue;
                }
                reachedBy.put(target, new Join(target, tables.get(target).key().orElseThrow(), alias, join.getValue()));
                if (target.equals(dimension.table())) {
                    List<Join> path = new ArrayList<>();
                    for (String step = target; !step.equals(fromTable); step = reachedBy.get(step).fromAlias().equals(FACT_ALIAS) ? fromTable : reachedBy.get(step).fromAlias()) {
                        path.addFirst(reachedBy.get(step));
                    }
                    return Optional.of(List.copyOf(path));
                }
                queue.addLast(target);
            }
        }
        return Optional.empty();
    }

    public boolean reaches(String fromTable, Dimension dimension)
    {
        return pathTo(fromTable, dimension).isPresent();
    }

    /**
     * The dimension's column as SQL in a statement over the table.
     */
    public String columnSql(String fromTable, Dimension dimension)
    {
        return (dimension.table().equals(fromTable) ? FACT_ALIAS : dimension.table()) + "." + dimension.column();
    }

    /**
     * The joins for a set of dimensions, each table once, in dependency order.
     */
    public List<Join> joinsFor(String fromTable, List<Dimension> needed)
    {
        Map<String, Join> joins = new LinkedHashMap<>();
        for (Dimension dimension : needed) {
            for (Join join : pathTo(fromTable, dimension).orElseThrow(() -> new IllegalArgumentException("%s does not reach %s".formatted(fromTable, dimension.name())))) {
                joins.putIfAbsent(join.table(), join);
            }
        }
        return List.copyOf(joins.values());
    }
}
