package dev.trinoai.connector;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.engine.NumbersQuery;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.TimeGrain;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricRunner;
import dev.trinoai.core.time.Period;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorTableFunction;
import io.trino.spi.classloader.ThreadContextClassLoader;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.function.table.TableFunctionAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.connector.AiMetadata.SYSTEM_SCHEMA;
import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static io.trino.spi.function.table.ReturnTypeSpecification.GenericTable.GENERIC_TABLE;
import static java.util.Objects.requireNonNull;

/**
 * {@code ai.system.ask_numbers(question => '...')}, optionally with {@code previous => ARRAY[...]} for a follow-up:
 * the result of the question's metric query as a table of its own, one column per group-by (named after the dimension
 * or time grain; a month or a quarter as the DATE of its first day) and the value (named after the metric), for BI
 * tools to chart. A scorecard (several metric queries, none grouped: "how is Apollo doing?") returns a row per metric,
 * in the columns {@code metric} and {@code value}; any other plan with several metric queries returns the first.
 *
 * <p>The columns are decided while the query is analysed, on the coordinator: the question is interpreted (no
 * language model, so this is deterministic and quick), its SQL compiled, and PostgreSQL asked to describe the
 * statement without running it, as Trino's JDBC connectors do for their {@code query} function.
 */
public final class AskNumbersFunction
        implements Provider<ConnectorTableFunction>
{
    public static final String NAME = "ask_numbers";
    static final String METRIC = "metric";
    static final String VALUE = "value";
    static final String UNIT = "unit";
    static final String PERIOD_START = "period_start";
    static final String PERIOD_END = "period_end";

    private final ServedModel served;
    private final CallerAccess callers;
    private final int maxQuestionLength;
    private final AskTelemetry telemetry;

    @Inject
    public AskNumbersFunction(ServedModel served, CallerAccess callers, AskConfig config, AskTelemetry telemetry)
    {
        this.served = requireNonNull(served, "served is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.maxQuestionLength = requireNonNull(config, "config is null").getMaxQuestionLength();
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public ConnectorTableFunction get()
    {
        return new ClassLoaderSafeConnectorTableFunction(new AskNumbers(served, callers, maxQuestionLength, telemetry), getClass().getClassLoader());
    }

    private static final class AskNumbers
            extends AbstractConnectorTableFunction
    {
        private final ServedModel served;
        private final CallerAccess callers;
        private final int maxQuestionLength;
        private final AskTelemetry telemetry;

        AskNumbers(ServedModel served, CallerAccess callers, int maxQuestionLength, AskTelemetry telemetry)
        {
            super(SYSTEM_SCHEMA, NAME, QuestionArguments.SPECIFICATIONS, GENERIC_TABLE);
            this.served = served;
            this.callers = callers;
            this.maxQuestionLength = maxQuestionLength;
            this.telemetry = telemetry;
        }

        @Override
        public TableFunctionAnalysis analyze(ConnectorSession session, ConnectorTransactionHandle transaction, Map<String, Argument> arguments, ConnectorAccessControl accessControl)
        {
            try (ThreadContextClassLoader _ = new ThreadContextClassLoader(getClass().getClassLoader())) {
                AccessScope access = callers.of(session);
                Question question = QuestionArguments.parse(arguments, maxQuestionLength);
                // one engine from the analysis to the end, whatever a reload serves meanwhile
                AskEngine engine = served.engine();
                NumbersQuery numbers = engine.numbersQuery(question, AiSessionProperties.referenceDate(session), access);
                // measures sliced by groups are charted one at a time: the first, whose table the question is about
                List<MetricQuery> queries = numbers.queries().stream().allMatch(query -> query.groupBy().isEmpty()) ? numbers.queries() : List.of(numbers.queries().getFirst());
                List<CompiledQuery> compiled = queries.stream().map(query -> engine.compile(query, numbers.asOf(), access)).toList();
                List<NumbersColumn> columns = columns(compiled, engine.describe(compiled.getFirst()));
                return TableFunctionAnalysis.builder()
                        .returnedType(NumbersColumns.descriptor(columns))
                        .handle(new AskNumbersFunctionHandle(question.text(), queries, numbers.asOf().toString(), columns, access))
                        .build();
            }
            catch (AskException e) {
                throw telemetry.refused(session, NAME, toTrinoException(e));
            }
            catch (RuntimeException e) {
                throw telemetry.refused(session, NAME, e);
            }
        }
    }

    /**
     * The group-by columns keep PostgreSQL's types, except a month or a quarter, which is the DATE of its first day as
     * a BI tool expects; the value is a double named after the metric (or, for a scorecard's several metrics, none of
     * them grouped, {@code metric} and {@code value}); then what the value is measured in and the days it covers, so that a number is never read
     * without its unit and period.
     */
    private static List<NumbersColumn> columns(List<CompiledQuery> compiled, List<MetricRunner.Column> described)
    {
        CompiledQuery first = compiled.getFirst();
        List<NumbersColumn> columns = new ArrayList<>();
        for (int i = 0; i < first.groups().size(); i++) {
            String group = first.groups().get(i);
            columns.add(new NumbersColumn(group, sliceStart(group).isPresent() ? NumbersColumn.Kind.DATE_COLUMN : NumbersColumn.Kind.of(described.get(i).type())));
        }
        if (compiled.size() == 1) {
            columns.add(new NumbersColumn(first.metric().name(), NumbersColumn.Kind.DOUBLE_COLUMN));
        }
        else {
            columns.add(new NumbersColumn(METRIC, NumbersColumn.Kind.VARCHAR_COLUMN));
            columns.add(new NumbersColumn(VALUE, NumbersColumn.Kind.DOUBLE_COLUMN));
        }
        columns.add(new NumbersColumn(UNIT, NumbersColumn.Kind.VARCHAR_COLUMN));
        columns.add(new NumbersColumn(PERIOD_START, NumbersColumn.Kind.DATE_COLUMN));
        columns.add(new NumbersColumn(PERIOD_END, NumbersColumn.Kind.DATE_COLUMN));
        return columns;
    }

    /**
     * The grains whose labels ('2026-01', '2026-Q4') a BI tool reads better as the date of their first day.
     */
    private static Optional<TimeGrain> sliceStart(String group)
    {
        return TimeGrain.of(group).filter(grain -> grain == TimeGrain.MONTH || grain == TimeGrain.QUARTER);
    }

    /**
     * A row of a statement as the columns promised it: a month or a quarter as its first day, the metric's name when
     * there are several, the value, then its unit and the period: the period's first day and the last day its numbers
     * cover (the reference date, for a period still in progress that the metric counts to date); both null for every
     * date.
     */
    static List<Object> row(CompiledQuery compiled, boolean severalMetrics, List<Object> row)
    {
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < compiled.groups().size(); i++) {
            Object value = row.get(i);
            Optional<TimeGrain> grain = sliceStart(compiled.groups().get(i));
            full.add(value == null || grain.isEmpty() ? value : TimeColumn.startOf(grain.get(), value));
        }
        if (severalMetrics) {
            full.add(compiled.metric().name());
        }
        full.add(row.getLast());
        full.add(compiled.metric().unit());
        full.add(compiled.period().filter(dates -> !dates.isAllTime()).map(Period::from).orElse(null));
        full.add(compiled.coveredTo().orElse(null));
        return full;
    }
}
