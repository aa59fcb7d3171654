package dev.trinoai.core.sql;

import dev.trinoai.core.AskException;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.Dimension;
import dev.trinoai.core.model.Join;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TableSpec;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.time.Period;
import dev.trinoai.core.time.TimeExpressions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.trinoai.core.AskFailure.ACCESS_DENIED;
import static dev.trinoai.core.model.SemanticModel.FACT_ALIAS;
import static java.util.Objects.requireNonNull;

/**
 * Compiles a metric query into one statement over the star schema: the aggregate is pushed down whole, names come
 * only from the semantic model, and every value (dates, names, thresholds, limits) is a bound parameter. The caller's
 * access scope is one more filter, reached through the model's joins like any other, so totals, rankings and limits
 * are computed over the rows the caller may see only.
 */
public final class SqlCompiler
{
    // the reference date's parameters a metric's SQL may use (see Metric); "::" is a cast, not a parameter
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):(as_of|open_month|elapsed)\\b");

    private final SemanticModel model;

    public SqlCompiler(SemanticModel model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    /**
     * @param maxRows the most rows a statement may return; one more is fetched to tell that there were more
     * @throws AskException {@link dev.trinoai.core.AskFailure#ACCESS_DENIED} when the metric's table cannot reach a
     *     dimension the caller is restricted by, so the rows cannot be limited to theirs
     */
    public CompiledQuery compile(MetricQuery query, LocalDate asOf, int maxRows, AccessScope access)
    {
        Metric metric = model.metric(query.metric()).orElseThrow(() -> new IllegalArgumentException("unknown metric " + query.metric()));
        for (String restricted : access.allowed().keySet()) {
            if (!model.reaches(metric.table(), model.dimension(restricted).orElseThrow())) {
                throw new AskException(ACCESS_DENIED, "The measure %s cannot be limited to the %s values you may see (%s does not join to them), so it is not answered for you. Ask about another measure, or ask an administrator to widen your access."
                        .formatted(metric.label(), model.dimension(restricted).orElseThrow().label(), metric.table()));
            }
        }
        TableSpec table = model.tables().get(metric.table());
        // a question that names no period is asked over the metric's default one, whoever planned it
        Optional<Period> period = Optional.ofNullable(query.time()).or(metric::defaultPeriod)
                .map(time -> TimeExpressions.parse(time, asOf, model.fiscalYear()).orElseThrow(() -> new IllegalArgumentException("period not understood: " + time)));
        List<Object> parameters = new ArrayList<>();

        List<String> select = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Dimension> joined = new ArrayList<>();
        boolean dates = period.filter(value -> !value.isSprints() && !value.isAllTime()).isPresent();
        for (String group : query.groupBy()) {
            Optional<TimeGrain> grain = TimeGrain.of(group);
            if (grain.isPresent()) {
                dates |= grain.get() != TimeGrain.SPRINT;
                select.add("%s AS %s".formatted(grain.get().sql(model.fiscalYear()), group));
            }
            else {
                Dimension dimension = model.dimension(group).orElseThrow();
                joined.add(dimension);
                select.add("%s AS %s".formatted(model.columnSql(metric.table(), dimension), group));
            }
            groups.add(group);
        }
        query.filters().keySet().forEach(name -> joined.add(model.dimension(name).orElseThrow()));
        access.allowed().keySet().forEach(name -> joined.add(model.dimension(name).orElseThrow()));
        select.add(metricSql(metric, table, asOf, parameters) + " AS value");

        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select))
                .append("\nFROM %s.%s AS %s".formatted(model.schema(), metric.table(), FACT_ALIAS));
        for (Join join : model.joinsFor(metric.table(), joined)) {
            sql.append('\n').append(join.sql(model.schema()));
        }
        if (dates) {
            sql.append("\nJOIN %s.dim_date AS d ON d.date_key = %s".formatted(model.schema(), metric.dateSql(table).orElseThrow()));
        }
        List<String> where = new ArrayList<>();
        if (period.isPresent() && period.get().isSprints()) {
            where.add(sprintWindow(table, period.get(), parameters));
        }
        else if (period.isPresent() && !period.get().isAllTime()) {
            where.add("d.date BETWEEN ? AND ?");
            parameters.add(period.get().from());
            parameters.add(period.get().to());
        }
        for (Map<String, List<String>> filters : List.of(query.filters(), access.allowed())) {
            for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
                where.add("%s::text = ANY(?)".formatted(model.columnSql(metric.table(), model.dimension(filter.getKey()).orElseThrow())));
                parameters.add(filter.getValue().toArray(String[]::new));
            }
        }
        if (!where.isEmpty()) {
            sql.append("\nWHERE ").append(String.join("\n  AND ", where));
        }
        if (!groups.isEmpty()) {
            sql.append("\nGROUP BY ").append(String.join(", ", groups.stream().map(group -> Integer.toString(groups.indexOf(group) + 1)).toList()));
        }
        if (query.having() != null) {
            sql.append("\nHAVING ").append(metricSql(metric, table, asOf, parameters)).append(' ').append(query.having().op()).append(" ?");
            parameters.add(query.having().value());
        }
        if (!groups.isEmpty()) {
            String byGroups = String.join(", ", groups.stream().map(group -> Integer.toString(groups.indexOf(group) + 1)).toList());
            String byValue = "asc".equals(query.order()) ? "value ASC NULLS LAST" : "value DESC NULLS LAST";
            String order = "time".equals(query.order()) ? byGroups : byValue + ", " + byGroups;
            if (query.limit() == null || "time".equals(query.order())) {
                sql.append("\nORDER BY ").append(order).append("\nLIMIT ?");
                parameters.add(query.limit() == null ? maxRows + 1 : Math.min(query.limit(), maxRows + 1));
            }
            else {
                // "the top 3" keeps every group tied with the third: which of them to drop is not the data's to say
                sql.append("\nORDER BY ").append(byValue).append("\nFETCH FIRST ? ROWS WITH TIES");
                parameters.add(Math.min(query.limit(), maxRows + 1));
                sql.insert(0, "SELECT * FROM (\n").append("\n) AS ranked\nORDER BY ").append(order).append("\nLIMIT ?");
                parameters.add(maxRows + 1);
            }
        }
        return new CompiledQuery(query, metric, sql.toString(), parameters, groups, period, asOf);
    }

    private static String metricSql(Metric metric, TableSpec table, LocalDate asOf, List<Object> parameters)
    {
        Matcher matcher = PARAMETER.matcher(metric.sql());
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String replacement = switch (matcher.group(1)) {
                case "as_of" -> {
                    parameters.add(dateKey(asOf));
                    yield "?";
                }
                case "open_month" -> {
                    parameters.add(dateKey(asOf.withDayOfMonth(1)));
                    yield "?";
                }
                default -> {
                    String date = metric.dateSql(table).orElseThrow(() -> new IllegalArgumentException("metric %s uses :elapsed, but table %s has no date".formatted(metric.name(), table.name())));
                    YearMonth month = YearMonth.from(asOf);
                    parameters.add(dateKey(month.plusMonths(1).atDay(1)));
                    parameters.add(dateKey(month.atDay(1)));
                    parameters.add((double) asOf.getDayOfMonth() / month.lengthOfMonth());
                    yield "(CASE WHEN %s >= ? THEN 0.0 WHEN %s >= ? THEN ? ELSE 1.0 END)".formatted(date, date);
                }
            };
            matcher.appendReplacement(sql, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }

    private static int dateKey(LocalDate date)
    {
        return Integer.parseInt(date.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    /**
     * The last n rows of each group of the table's first join (each team's last sprints) that ended by the date.
     */
    private String sprintWindow(TableSpec table, Period period, List<Object> parameters)
    {
        String partition = table.joins().values().iterator().next();
        String key = table.key().orElseThrow(() -> new IllegalArgumentException("table %s needs a key for sprint windows".formatted(table.name())));
        parameters.add(dateKey(period.to()));
        parameters.add(period.lastSprints());
        return ("f.%s IN (SELECT w.%s FROM (SELECT s.%s, row_number() OVER (PARTITION BY s.%s ORDER BY %s DESC) AS n "
                + "FROM %s.%s AS s WHERE %s <= ?) AS w WHERE w.n <= ?)").formatted(
                key, key, key, partition, table.dateSql("s").orElseThrow(), model.schema(), table.name(), table.dateSql("s").orElseThrow());
    }
}
