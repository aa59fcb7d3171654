package dev.trinoai.core;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Answers a question as a stream of {@link AnswerRow}s, handing each row to the sink as soon as it is ready.
 *
 * <p>So far it checks that the warehouse is ready and says so; interpreting the question, running the
 * metric SQL and retrieving context come with the ask() issue.
 */
public final class AskEngine
{
    private final Warehouse warehouse;

    public AskEngine(Warehouse warehouse)
    {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    public void answer(Question question, Consumer<AnswerRow> sink)
    {
        requireNonNull(question, "question is null");
        WarehouseStatus status = warehouse.status();
        sink.accept(AnswerRow.notice(1, "The question engine is not built yet, so this question gets no numbers: \"%s\". The warehouse is ready: PostgreSQL %s with pgvector %s, star schema '%s'."
                .formatted(question.text(), status.serverVersion(), status.pgvectorVersion(), warehouse.config().starSchema())));
    }
}
