package dev.trinoai.connector;

import com.google.inject.Inject;
import dev.trinoai.core.AskEngine;
import dev.trinoai.core.Question;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.function.table.TableFunctionProcessorProvider;
import io.trino.spi.function.table.TableFunctionProcessorState;
import io.trino.spi.function.table.TableFunctionSplitProcessor;

import static java.util.Objects.requireNonNull;

public final class AskProcessorProvider
        implements TableFunctionProcessorProvider
{
    private final AskEngine engine;
    private final AskExecutor executor;
    private final AskConfig config;

    @Inject
    public AskProcessorProvider(AskEngine engine, AskExecutor executor, AskConfig config)
    {
        this.engine = requireNonNull(engine, "engine is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public TableFunctionSplitProcessor getSplitProcessor(ConnectorSession session, ConnectorTableFunctionHandle handle, ConnectorSplit split)
    {
        AskFunctionHandle ask = (AskFunctionHandle) handle;
        Question question = new Question(ask.question());
        // The answer starts on the first poll, so a processor that is created but never run costs nothing.
        return new TableFunctionSplitProcessor()
        {
            private AnswerStream stream;

            @Override
            public TableFunctionProcessorState process()
            {
                if (stream == null) {
                    stream = AnswerStream.start(sink -> engine.answer(question, ask.reference(), sink), executor, config.getTimeout(), config.getIdleTimeout());
                }
                return stream.poll();
            }
        };
    }
}
