package dev.trinoai.connector;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.trinoai.core.Question;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorTableFunction;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.function.table.ReturnTypeSpecification.DescribedTable;
import io.trino.spi.function.table.TableFunctionAnalysis;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.trinoai.connector.AiMetadata.SYSTEM_SCHEMA;
import static java.util.Objects.requireNonNull;

/**
 * {@code ai.system.ask(question => '...')}, optionally with {@code previous => ARRAY[...]} for a follow-up: the answer
 * as rows of the contract in {@link AnswerColumns}.
 */
public final class AskFunction
        implements Provider<ConnectorTableFunction>
{
    public static final String NAME = "ask";

    private final int maxQuestionLength;
    private final CallerAccess callers;
    private final AskTelemetry telemetry;

    @Inject
    public AskFunction(AskConfig config, CallerAccess callers, AskTelemetry telemetry)
    {
        this.maxQuestionLength = requireNonNull(config, "config is null").getMaxQuestionLength();
        this.callers = requireNonNull(callers, "callers is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public ConnectorTableFunction get()
    {
        return new ClassLoaderSafeConnectorTableFunction(new Ask(maxQuestionLength, callers, telemetry), getClass().getClassLoader());
    }

    private static final class Ask
            extends AbstractConnectorTableFunction
    {
        private final int maxQuestionLength;
        private final CallerAccess callers;
        private final AskTelemetry telemetry;

        Ask(int maxQuestionLength, CallerAccess callers, AskTelemetry telemetry)
        {
            super(SYSTEM_SCHEMA, NAME, QuestionArguments.SPECIFICATIONS, new DescribedTable(AnswerColumns.DESCRIPTOR));
            this.maxQuestionLength = maxQuestionLength;
            this.callers = callers;
            this.telemetry = telemetry;
        }

        @Override
        public TableFunctionAnalysis analyze(ConnectorSession session, ConnectorTransactionHandle transaction, Map<String, Argument> arguments, ConnectorAccessControl accessControl)
        {
            // Runs on the coordinator, also for EXPLAIN: validate only, answer nothing here. The caller's scope is
            // resolved here, where a refused user fails before any worker starts.
            try {
                Question question = QuestionArguments.parse(arguments, maxQuestionLength);
                return TableFunctionAnalysis.builder()
                        .handle(new AskFunctionHandle(question.text(), question.previous(), AiSessionProperties.referenceDate(session).map(LocalDate::toString).orElse(null), callers.of(session)))
                        .build();
            }
            catch (RuntimeException e) {
                throw telemetry.refused(session, NAME, e);
            }
        }
    }
}
