package dev.trinoai.udf;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import io.trino.spi.connector.ConnectorSession;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the scalar functions have a question answered: by the engine, within whatever the plugin keeps of each question
 * (its counters, its line in the answer log, its trace), which this module does not know.
 */
@FunctionalInterface
public interface Answerer
{
    /**
     * @param function the function the caller called, e.g. {@code ask_value}
     */
    void answer(ConnectorSession session, String function, Question question, Optional<LocalDate> referenceDate, AccessScope access, Consumer<AnswerRow> sink);
}
