package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import io.airlift.slice.Slice;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ReturnTypeSpecification.DescribedTable;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;
import io.trino.spi.function.table.TableFunctionAnalysis;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static dev.trinoai.connector.AiMetadata.SYSTEM_SCHEMA;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code ai.system.ask(question => '...')}: the answer as rows of the contract in {@link AnswerColumns}.
 */
public final class AskFunction
        extends AbstractConnectorTableFunction
{
    public static final String NAME = "ask";
    public static final String QUESTION_ARGUMENT = "QUESTION";

    private final int maxQuestionLength;

    @Inject
    public AskFunction(AskConfig config)
    {
        super(
                SYSTEM_SCHEMA,
                NAME,
                List.of(ScalarArgumentSpecification.builder()
                        .name(QUESTION_ARGUMENT)
                        .type(VARCHAR)
                        .build()),
                new DescribedTable(AnswerColumns.DESCRIPTOR));
        this.maxQuestionLength = requireNonNull(config, "config is null").getMaxQuestionLength();
    }

    @Override
    public TableFunctionAnalysis analyze(ConnectorSession session, ConnectorTransactionHandle transaction, Map<String, Argument> arguments, ConnectorAccessControl accessControl)
    {
        // Runs on the coordinator, also for EXPLAIN: validate only, answer nothing here.
        Slice value = (Slice) ((ScalarArgument) arguments.get(QUESTION_ARGUMENT)).getValue();
        try {
            Question question = Question.parse(value == null ? null : value.toStringUtf8(), maxQuestionLength);
            return TableFunctionAnalysis.builder()
                    .handle(new AskFunctionHandle(question.text(), AiSessionProperties.referenceDate(session).map(LocalDate::toString).orElse(null)))
                    .build();
        }
        catch (AskException e) {
            throw toTrinoException(e);
        }
    }
}
