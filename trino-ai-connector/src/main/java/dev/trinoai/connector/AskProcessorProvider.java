package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.core.plan.MetricQuery;
import dev.trinoai.core.plan.Plan;
import dev.trinoai.core.sql.CompiledQuery;
import dev.trinoai.core.sql.MetricRunner;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.TableFunctionProcessorProvider;
import io.trino.spi.function.table.TableFunctionProcessorState;
import io.trino.spi.function.table.TableFunctionSplitProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;
import static java.util.Objects.requireNonNull;

/**
 * Runs {@code ask} and {@code ask_numbers} on the plugin's threads and hands their rows to Trino as they are ready.
 */
public final class AskProcessorProvider
        implements TableFunctionProcessorProvider
{
    private final ServedModel served;
    private final AskExecutor executor;
    private final AskConfig config;
    private final AskTelemetry telemetry;

    @Inject
    public AskProcessorProvider(ServedModel served, AskExecutor executor, AskConfig config, AskTelemetry telemetry)
    {
        this.served = requireNonNull(served, "served is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.config = requireNonNull(config, "config is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public TableFunctionSplitProcessor getSplitProcessor(ConnectorSession session, ConnectorTableFunctionHandle handle, ConnectorSplit split)
    {
        // Trino hands this provider only the handles this catalog's functions returned
        return switch ((AskTableFunctionHandle) handle) {
            case AskFunctionHandle ask -> processor(() -> {
                // the question finishes on the model it started with, whatever a reload serves meanwhile
                AskEngine engine = served.engine();
                ObservedQuestion question = telemetry.ask(session, AskFunction.NAME, ask.question());
                return AnswerStream.start(
                        sink -> question.answer(observer -> engine.answer(new Question(ask.question(), ask.previous()), ask.reference(), ask.access(), sink, observer)),
                        AnswerColumns::toPage,
                        executor, config.getTimeout(), config.getIdleTimeout(), question);
            });
            case AskNumbersFunctionHandle numbers -> processor(() -> {
                ObservedQuestion question = telemetry.ask(session, AskNumbersFunction.NAME, numbers.question());
                return AnswerStream.<List<Object>>start(
                        sink -> question.answer(_ -> table(served.engine(), numbers, question).forEach(sink)),
                        rows -> NumbersColumns.toPage(numbers.columns(), rows),
                        executor, config.getTimeout(), config.getIdleTimeout(), question);
            });
        };
    }

    private List<List<Object>> table(AskEngine engine, AskNumbersFunctionHandle numbers, ObservedQuestion question)
    {
        question.planned(new Plan(numbers.queries(), List.of()), false);
        List<List<Object>> rows = new ArrayList<>();
        for (MetricQuery query : numbers.queries()) {
            CompiledQuery compiled = engine.compile(query, numbers.day(), numbers.access());
            MetricRunner.Table table = question.statement(compiled, () -> engine.table(compiled), result -> result.rows().size());
            // a chart of the first rows would pass for the whole; say so instead of cutting it short
            if (table.truncated()) {
                throw new AskException(INVALID_QUESTION, "ask_numbers: %s has more than %,d rows (ai.ask.max-rows). Narrow the question with a filter or a shorter period, or raise the limit in the catalog file."
                        .formatted(compiled.metric().label(), config.getMaxRows()));
            }
            table.rows().forEach(row -> rows.add(AskNumbersFunction.row(compiled, numbers.queries().size() > 1, row)));
        }
        return rows;
    }

    /**
     * The answer starts on the first poll, so a processor that is created but never run costs nothing.
     */
    private static TableFunctionSplitProcessor processor(Supplier<AnswerStream<?>> start)
    {
        return new TableFunctionSplitProcessor()
        {
            private AnswerStream<?> stream;

            @Override
            public TableFunctionProcessorState process()
            {
                if (stream == null) {
                    stream = start.get();
                }
                return stream.poll();
            }
        };
    }
}
