package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import io.airlift.slice.Slice;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;

import java.util.Map;

import static dev.trinoai.udf.AiErrorCode.toTrinoException;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The {@code question => '...'} argument that the table functions share.
 */
final class QuestionArgument
{
    // Trino upper-cases argument names
    static final String NAME = "QUESTION";
    static final ScalarArgumentSpecification SPECIFICATION = ScalarArgumentSpecification.builder()
            .name(NAME)
            .type(VARCHAR)
            .build();

    private QuestionArgument() {}

    static Question parse(Map<String, Argument> arguments, int maxQuestionLength)
    {
        Slice value = (Slice) ((ScalarArgument) arguments.get(NAME)).getValue();
        try {
            return Question.parse(value == null ? null : value.toStringUtf8(), maxQuestionLength);
        }
        catch (AskException e) {
            throw toTrinoException(e);
        }
    }
}
