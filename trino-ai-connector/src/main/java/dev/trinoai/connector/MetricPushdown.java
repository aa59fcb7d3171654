package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.model.Metric;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.TimeGrain;
import io.airlift.slice.Slice;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.AggregateFunction;
import io.trino.spi.connector.AggregationApplicationResult;
import io.trino.spi.connector.Assignment;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.LimitApplicationResult;
import io.trino.spi.connector.ProjectionApplicationResult;
import io.trino.spi.expression.Call;
import io.trino.spi.expression.ConnectorExpression;
import io.trino.spi.expression.Constant;
import io.trino.spi.expression.Variable;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.trinoai.connector.AiErrorCode.AI_METRIC_NOT_COMPUTABLE;
import static io.airlift.slice.Slices.utf8Slice;
import static dev.trinoai.connector.AiErrorCode.userFacing;
import static io.trino.spi.expression.StandardFunctions.CAST_FUNCTION_NAME;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static java.util.Objects.requireNonNull;

/**
 * What a query over an {@code ai.metrics} table hands to the connector through Trino's pushdown SPI, and the metric
 * query that follows: filters on dimensions and days, the grouping of an aggregation, a truncation of a time column,
 * a limit. The numbers are then those of the metric's own SQL at that grain, compiled by ask-core's compiler.
 *
 * <p>What cannot be computed as the metric is refused here with {@link AiErrorCode#AI_METRIC_NOT_COMPUTABLE}
 * rather than left to Trino, which would add up or average the rows below: a ratio's sum is not the ratio.
 */
public final class MetricPushdown
{
    /** The aggregates of value that are the metric at the query's grain: there is one value per group. */
    static final Set<String> METRIC_AGGREGATES = Set.of("sum", "avg", "min", "max", "any_value", "arbitrary");

    // the bounds of a period open at one end, within which the compiler reads "from..to"; dim_date holds far fewer days
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    private static final Map<String, TimeGrain> TRUNCATIONS = Map.of(
            "day", TimeGrain.DAY, "week", TimeGrain.WEEK, "month", TimeGrain.MONTH, "quarter", TimeGrain.QUARTER, "year", TimeGrain.YEAR);

    private final MetricTables tables;

    @Inject
    public MetricPushdown(MetricTables tables)
    {
        this.tables = requireNonNull(tables, "tables is null");
    }

    /**
     * The metric query a handle stands for: grouped by its grouping, or by every dimension and time column (the finest
     * grain), over every date unless a time column was filtered, in time order.
     */
    public MetricQuery query(MetricTableHandle handle)
    {
        Metric metric = tables.metric(handle);
        List<MetricColumnHandle> grouped = handle.grouping().orElseGet(() -> tables.columns(metric).stream().filter(MetricColumnHandle::isGroup).toList());
        List<String> groupBy = grouped.stream().flatMap(column -> column.group().stream()).distinct().toList();
        String time = handle.from().isEmpty() && handle.to().isEmpty() ? "all time" : handle.from().orElse(EARLIEST.toString()) + ".." + handle.to().orElse(LATEST.toString());
        Integer limit = handle.limit().map(value -> (int) Math.min(value, Integer.MAX_VALUE)).orElse(null);
        return new MetricQuery(metric.name(), groupBy, handle.filters(), time, null, "time", limit);
    }

    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(MetricTableHandle handle, Constraint constraint)
    {
        // rows cut by a limit are not the rows a filter would keep
        if (handle.limit().isPresent() || handle.empty()) {
            return Optional.empty();
        }
        Metric metric = tables.metric(handle);
        // below an aggregation, a filter Trino applied itself would sit between it and the table, and Trino would then
        // aggregate the finer rows; after one (a HAVING), it keeps whole groups and is Trino's to apply
        boolean rows = handle.grouping().isEmpty();
        if (rows && !constraint.getExpression().equals(Constant.TRUE)) {
            throw notComputable(("The filter %s on ai.metrics.%s cannot be pushed down, so the metric could not be computed for the rows it keeps. Filter dimension columns with = or IN, "
                    + "time columns with =, IN or a range, and value after a GROUP BY (HAVING).").formatted(constraint.getExpression(), metric.name()));
        }
        TupleDomain<ColumnHandle> summary = constraint.getSummary();
        Map<String, List<String>> filters = new LinkedHashMap<>(handle.filters());
        Optional<LocalDate> from = handle.from().map(LocalDate::parse);
        Optional<LocalDate> to = handle.to().map(LocalDate::parse);
        boolean empty = summary.isNone();
        Map<ColumnHandle, Domain> remaining = new HashMap<>();
        for (Map.Entry<ColumnHandle, Domain> entry : summary.getDomains().orElse(Map.of()).entrySet()) {
            MetricColumnHandle column = (MetricColumnHandle) entry.getKey();
            Domain domain = entry.getValue();
            switch (column.kind()) {
                case DIMENSION -> {
                    Optional<List<String>> values = values(domain);
                    // IS NOT NULL, as Trino derives for a join, is left to Trino: refusing it would refuse every join
                    if (values.isEmpty() && rows && !isNotNull(domain)) {
                        throw notComputable(unpushable(metric, column, "= or IN with values"));
                    }
                    if (values.isEmpty()) {
                        remaining.put(column, domain);
                        continue;
                    }
                    List<String> kept = new ArrayList<>(values.get());
                    if (filters.containsKey(column.name())) {
                        kept.retainAll(filters.get(column.name()));
                    }
                    empty |= kept.isEmpty();
                    filters.put(column.name(), List.copyOf(kept));
                }
                case TIME -> {
                    Optional<Optional<Days>> days = days(column, domain);
                    if (days.isEmpty() && rows) {
                        throw notComputable(unpushable(metric, column, "=, IN or a range that keeps one unbroken run of days (not a sprint)"));
                    }
                    if (days.isEmpty()) {
                        remaining.put(column, domain);
                        continue;
                    }
                    if (days.get().isEmpty()) {
                        empty = true;
                        continue;
                    }
                    LocalDate first = days.get().get().from();
                    LocalDate last = days.get().get().to();
                    if (!first.equals(EARLIEST) && (from.isEmpty() || first.isAfter(from.get()))) {
                        from = Optional.of(first);
                    }
                    if (!last.equals(LATEST) && (to.isEmpty() || last.isBefore(to.get()))) {
                        to = Optional.of(last);
                    }
                }
                // every row has the metric's unit: a filter on it keeps all or nothing
                case UNIT -> empty |= !domain.includesNullableValue(utf8Slice(metric.unit()));
                case VALUE -> {
                    if (rows) {
                        throw notComputable(("A filter on value of ai.metrics.%s below the aggregation keeps finer rows by their own values, which is not the metric of any group. "
                                + "Filter the aggregate after a GROUP BY instead: HAVING sum(value) > ...").formatted(metric.name()));
                    }
                    remaining.put(column, domain);
                }
            }
        }
        empty |= from.isPresent() && to.isPresent() && from.get().isAfter(to.get());
        MetricTableHandle filtered = handle.withFilters(filters, from.map(LocalDate::toString), to.map(LocalDate::toString), empty);
        if (filtered.equals(handle)) {
            return Optional.empty();
        }
        return Optional.of(new ConstraintApplicationResult<>(filtered, TupleDomain.withColumnDomains(remaining), constraint.getExpression(), false));
    }

    public Optional<AggregationApplicationResult<ConnectorTableHandle>> applyAggregation(
            MetricTableHandle handle,
            List<AggregateFunction> aggregates,
            Map<String, ColumnHandle> assignments,
            List<List<ColumnHandle>> groupingSets)
    {
        Metric metric = tables.metric(handle);
        String table = "ai.metrics." + metric.name();
        if (!aggregates.isEmpty() && aggregates.stream().noneMatch(aggregate -> readsValue(aggregate, assignments))) {
            // a count of rows or the earliest month is Trino's to compute over the table's rows, as for any table
            return Optional.empty();
        }
        // a GROUP BY without aggregates (the values of a filter list) is the groups at that grain; anything else of
        // the kind is Trino's over the rows, with no number of the metric at stake
        if (aggregates.isEmpty() && (handle.grouping().isPresent() || handle.limit().isPresent() || groupingSets.size() != 1
                || groupingSets.getFirst().stream().anyMatch(column -> ((MetricColumnHandle) column).kind() == MetricColumnHandle.Kind.VALUE))) {
            return Optional.empty();
        }
        if (handle.grouping().isPresent()) {
            throw notComputable("value of %s is already the metric at the grain of an inner GROUP BY; aggregating it again would add up or average %s values. Group by the columns you need in a single GROUP BY over %s."
                    .formatted(table, metric.label(), table));
        }
        if (handle.limit().isPresent()) {
            throw notComputable("An aggregate of value over the first rows of %s (a LIMIT below the GROUP BY) is not the metric of any group. Move the LIMIT after the GROUP BY.".formatted(table));
        }
        if (groupingSets.size() != 1) {
            throw notComputable("GROUPING SETS, ROLLUP and CUBE ask for value of %s at several grains in one aggregation. Run one query per grain.".formatted(table));
        }
        for (AggregateFunction aggregate : aggregates) {
            if (!isMetric(aggregate, assignments)) {
                throw notComputable(("%s cannot be computed over %s: value is the %s at the grain of the GROUP BY, which only sum, avg, min, max, any_value or arbitrary of the column value itself "
                        + "(without FILTER or ORDER BY) returns; any other aggregate, or one beside them, would be computed over finer rows. Aggregate value with one of those, and count rows in a separate query.")
                        .formatted(describe(aggregate, assignments), table, metric.label()));
            }
        }
        Set<MetricColumnHandle> grouping = new LinkedHashSet<>();
        for (ColumnHandle column : groupingSets.getFirst()) {
            MetricColumnHandle metricColumn = (MetricColumnHandle) column;
            if (metricColumn.kind() == MetricColumnHandle.Kind.VALUE) {
                throw notComputable("GROUP BY value of %s groups by the number itself, which is computed at the grain of the other columns. Group by dimension or time columns only.".formatted(table));
            }
            grouping.add(metricColumn);
        }
        MetricTableHandle aggregated = handle.withGrouping(List.copyOf(grouping));
        List<ConnectorExpression> projections = new ArrayList<>();
        List<Assignment> outputs = new ArrayList<>();
        for (int i = 0; i < aggregates.size(); i++) {
            // each aggregate is the metric, read from a column of its own: Trino maps its outputs to distinct columns
            String variable = "value_" + i;
            MetricColumnHandle value = new MetricColumnHandle("%s(value)#%d".formatted(aggregates.get(i).getFunctionName(), i), MetricColumnHandle.Kind.VALUE, Optional.empty(), DOUBLE);
            projections.add(new Variable(variable, DOUBLE));
            outputs.add(new Assignment(variable, value, DOUBLE));
        }
        Map<ColumnHandle, ColumnHandle> groupingMapping = new LinkedHashMap<>();
        grouping.forEach(column -> groupingMapping.put(column, column));
        return Optional.of(new AggregationApplicationResult<>(aggregated, projections, outputs, groupingMapping, false));
    }

    /**
     * Takes {@code date_trunc(unit, column)} and {@code CAST(column AS timestamp)} of a time column as a column of
     * its own, so that a GROUP BY on them reaches {@link #applyAggregation} as a grain the compiler knows.
     */
    public Optional<ProjectionApplicationResult<ConnectorTableHandle>> applyProjection(MetricTableHandle handle, List<ConnectorExpression> projections, Map<String, ColumnHandle> assignments)
    {
        List<ConnectorExpression> rewritten = new ArrayList<>();
        Map<String, MetricColumnHandle> slices = new LinkedHashMap<>();
        for (ConnectorExpression projection : projections) {
            // an expression over value, aggregated above, would be aggregated over the finer rows
            if (handle.grouping().isEmpty() && !(projection instanceof Variable) && readsValue(projection, assignments)) {
                throw notComputable(("The expression %s over value of ai.metrics.%s cannot be pushed down, and an aggregate of it would be computed over finer rows. "
                        + "Apply it to the aggregate instead (sum(value) * 100 ... GROUP BY ...), or select value itself.").formatted(projection, handle.metric()));
            }
            Optional<MetricColumnHandle> slice = slice(projection, assignments);
            if (slice.isPresent()) {
                String variable = "slice_" + slices.size();
                slices.put(variable, slice.get());
                rewritten.add(new Variable(variable, slice.get().type()));
            }
            else {
                rewritten.add(projection);
            }
        }
        if (slices.isEmpty()) {
            return Optional.empty();
        }
        List<Assignment> outputs = new ArrayList<>();
        assignments.forEach((variable, column) -> outputs.add(new Assignment(variable, column, ((MetricColumnHandle) column).type())));
        slices.forEach((variable, column) -> outputs.add(new Assignment(variable, column, column.type())));
        return Optional.of(new ProjectionApplicationResult<>(handle, rewritten, outputs, false));
    }

    public Optional<LimitApplicationResult<ConnectorTableHandle>> applyLimit(MetricTableHandle handle, long limit)
    {
        if (handle.limit().isPresent() && handle.limit().get() <= limit) {
            return Optional.empty();
        }
        return Optional.of(new LimitApplicationResult<>(handle.withLimit(limit), true, false));
    }

    private Optional<MetricColumnHandle> slice(ConnectorExpression expression, Map<String, ColumnHandle> assignments)
    {
        if (!(expression instanceof Call call) || !TimeColumn.isDateLike(call.getType())) {
            return Optional.empty();
        }
        TimeGrain target;
        ConnectorExpression source;
        if (call.getFunctionName().getName().equals("date_trunc") && call.getArguments().size() == 2
                && call.getArguments().getFirst() instanceof Constant unit && unit.getValue() instanceof Slice text
                && TRUNCATIONS.containsKey(text.toStringUtf8().toLowerCase())) {
            target = TRUNCATIONS.get(text.toStringUtf8().toLowerCase());
            source = call.getArguments().get(1);
        }
        else if (call.getFunctionName().equals(CAST_FUNCTION_NAME)) {
            target = null;
            source = call;
        }
        else {
            return Optional.empty();
        }
        if (source instanceof Call cast && cast.getFunctionName().equals(CAST_FUNCTION_NAME) && cast.getArguments().size() == 1 && TimeColumn.isDateLike(cast.getType())) {
            source = cast.getArguments().getFirst();
        }
        if (!(source instanceof Variable variable) || !(assignments.get(variable.getName()) instanceof MetricColumnHandle column)
                || column.kind() != MetricColumnHandle.Kind.TIME || !TimeColumn.isDateLike(column.type())) {
            return Optional.empty();
        }
        TimeGrain grain = TimeGrain.of(column.group().orElseThrow()).orElseThrow();
        if (target == null) {
            target = grain;
        }
        if (!TimeColumn.nests(grain, target)) {
            return Optional.empty();
        }
        Type type = call.getType();
        Optional<TimeColumn> named = TimeColumn.of(target.label()).filter(time -> time.type().equals(type));
        if (named.isPresent()) {
            return Optional.of(new MetricColumnHandle(named.get().columnName(), MetricColumnHandle.Kind.TIME, Optional.of(target.label()), type));
        }
        return Optional.of(new MetricColumnHandle("%s as %s".formatted(target.label(), type.getDisplayName()), MetricColumnHandle.Kind.TIME, Optional.of(target.label()), type));
    }

    private static boolean isMetric(AggregateFunction aggregate, Map<String, ColumnHandle> assignments)
    {
        return METRIC_AGGREGATES.contains(aggregate.getFunctionName())
                && aggregate.getArguments().size() == 1
                && aggregate.getArguments().getFirst() instanceof Variable variable
                && assignments.get(variable.getName()) instanceof MetricColumnHandle column
                && column.kind() == MetricColumnHandle.Kind.VALUE
                && aggregate.getFilter().isEmpty()
                && aggregate.getSortItems().isEmpty()
                && aggregate.getOutputType().equals(DOUBLE);
    }

    /**
     * The aggregate as the query wrote it, near enough: {@code count(*)}, {@code count(DISTINCT value)}.
     */
    private static String describe(AggregateFunction aggregate, Map<String, ColumnHandle> assignments)
    {
        List<String> arguments = aggregate.getArguments().stream()
                .map(argument -> argument instanceof Variable variable && assignments.get(variable.getName()) instanceof MetricColumnHandle column ? column.name() : argument.toString())
                .toList();
        return "%s(%s%s)".formatted(aggregate.getFunctionName(), aggregate.isDistinct() ? "DISTINCT " : "", arguments.isEmpty() ? "*" : String.join(", ", arguments));
    }

    private static boolean readsValue(AggregateFunction aggregate, Map<String, ColumnHandle> assignments)
    {
        return aggregate.getArguments().stream().anyMatch(argument -> readsValue(argument, assignments))
                || aggregate.getFilter().filter(filter -> readsValue(filter, assignments)).isPresent();
    }

    private static boolean readsValue(ConnectorExpression expression, Map<String, ColumnHandle> assignments)
    {
        if (expression instanceof Variable variable) {
            return assignments.get(variable.getName()) instanceof MetricColumnHandle column && column.kind() == MetricColumnHandle.Kind.VALUE;
        }
        return expression.getChildren().stream().anyMatch(child -> readsValue(child, assignments));
    }

    /**
     * The values a filter on a dimension keeps, when it is a list of values (=, IN); empty for anything else.
     */
    private static Optional<List<String>> values(Domain domain)
    {
        if (domain.isNullAllowed() || !domain.getValues().isDiscreteSet()) {
            return Optional.empty();
        }
        return Optional.of(domain.getValues().getDiscreteSet().stream().map(value -> ((Slice) value).toStringUtf8()).sorted().toList());
    }

    /**
     * The days a filter on a time column keeps, when they are one run of whole slices; an empty inner optional when
     * it keeps none, an empty outer one when it cannot be said as one period (two separate months, a sprint).
     */
    private static Optional<Optional<Days>> days(MetricColumnHandle column, Domain domain)
    {
        TimeGrain grain = TimeGrain.of(column.group().orElseThrow()).orElseThrow();
        if (grain == TimeGrain.SPRINT) {
            return Optional.empty();
        }
        // a time column is never null in a row of the metric, so a filter's nulls change nothing
        if (domain.getValues().isNone()) {
            return Optional.of(Optional.empty());
        }
        if (domain.getValues().isAll()) {
            return Optional.of(Optional.of(new Days(EARLIEST, LATEST)));
        }
        List<Days> pieces = new ArrayList<>();
        Type type = column.type();
        if (type instanceof VarcharType) {
            if (!domain.getValues().isDiscreteSet()) {
                return Optional.empty();
            }
            for (Object value : domain.getValues().getDiscreteSet()) {
                LocalDate start = TimeColumn.startOf(grain, ((Slice) value).toStringUtf8());
                pieces.add(new Days(start, TimeColumn.next(grain, start).minusDays(1)));
            }
        }
        else {
            for (Range range : domain.getValues().getRanges().getOrderedRanges()) {
                LocalDate first = range.isLowUnbounded() ? EARLIEST : firstStart(grain, type, (long) range.getLowBoundedValue(), range.isLowInclusive());
                LocalDate lastStart = range.isHighUnbounded() ? null : lastStart(grain, type, (long) range.getHighBoundedValue(), range.isHighInclusive());
                LocalDate last = lastStart == null ? LATEST : TimeColumn.next(grain, lastStart).minusDays(1);
                if (!first.isAfter(last)) {
                    pieces.add(new Days(first, last));
                }
            }
        }
        pieces.sort((a, b) -> a.from().compareTo(b.from()));
        List<Days> merged = new ArrayList<>();
        for (Days piece : pieces) {
            if (!merged.isEmpty() && !piece.from().isAfter(merged.getLast().to().plusDays(1))) {
                Days last = merged.removeLast();
                merged.add(new Days(last.from(), piece.to().isAfter(last.to()) ? piece.to() : last.to()));
            }
            else {
                merged.add(piece);
            }
        }
        if (merged.size() > 1) {
            return Optional.empty();
        }
        return Optional.of(merged.stream().findFirst());
    }

    private static LocalDate firstStart(TimeGrain grain, Type type, long low, boolean inclusive)
    {
        LocalDate start = TimeColumn.start(grain, clamp(TimeColumn.dayOf(grain, type, low)));
        long at = TimeColumn.comparable(grain, type, start);
        return at < low || (at == low && !inclusive) ? TimeColumn.next(grain, start) : start;
    }

    private static LocalDate lastStart(TimeGrain grain, Type type, long high, boolean inclusive)
    {
        LocalDate start = TimeColumn.start(grain, clamp(TimeColumn.dayOf(grain, type, high)));
        long at = TimeColumn.comparable(grain, type, start);
        return at > high || (at == high && !inclusive) ? TimeColumn.start(grain, start.minusDays(1)) : start;
    }

    private static LocalDate clamp(LocalDate day)
    {
        return day.isBefore(EARLIEST) ? EARLIEST : day.isAfter(LATEST) ? LATEST : day;
    }

    private static String unpushable(Metric metric, MetricColumnHandle column, String accepted)
    {
        return "The filter on %s of ai.metrics.%s cannot be pushed down, so the metric could not be computed for the rows it keeps. Filter %s with %s."
                .formatted(column.name(), metric.name(), column.name(), accepted);
    }

    private static boolean isNotNull(Domain domain)
    {
        return !domain.isNullAllowed() && domain.getValues().isAll();
    }

    private static TrinoException notComputable(String message)
    {
        return userFacing(AI_METRIC_NOT_COMPUTABLE, message);
    }

    private record Days(LocalDate from, LocalDate to) {}
}
