package dev.trinoai.connector;

import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import io.airlift.slice.Slice;
import io.trino.spi.block.Block;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.ArgumentSpecification;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;
import io.trino.spi.type.ArrayType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The arguments that the table functions share: {@code question => '...'} and, for a follow-up, the conversation's
 * earlier questions, oldest first, as {@code previous => ARRAY['...', ...]}.
 */
final class QuestionArguments
{
    // Trino upper-cases argument names
    static final String NAME = "QUESTION";
    static final String PREVIOUS = "PREVIOUS";
    static final List<ArgumentSpecification> SPECIFICATIONS = List.of(
            ScalarArgumentSpecification.builder()
                    .name(NAME)
                    .type(VARCHAR)
                    .build(),
            // no earlier questions unless the caller passes them: the caller keeps the conversation, not the server
            ScalarArgumentSpecification.builder()
                    .name(PREVIOUS)
                    .type(new ArrayType(VARCHAR))
                    .defaultValue(null)
                    .build());

    private QuestionArguments() {}

    static Question parse(Map<String, Argument> arguments, int maxQuestionLength)
    {
        Slice value = (Slice) ((ScalarArgument) arguments.get(NAME)).getValue();
        try {
            return Question.parse(value == null ? null : value.toStringUtf8(), previous(arguments), maxQuestionLength);
        }
        catch (AskException e) {
            throw toTrinoException(e);
        }
    }

    /**
     * The earlier questions as given, a null element kept for {@link Question#parse} to refuse by its position.
     */
    private static List<String> previous(Map<String, Argument> arguments)
    {
        Block block = (Block) ((ScalarArgument) arguments.get(PREVIOUS)).getValue();
        List<String> previous = new ArrayList<>();
        for (int position = 0; block != null && position < block.getPositionCount(); position++) {
            previous.add(block.isNull(position) ? null : VARCHAR.getSlice(block, position).toStringUtf8());
        }
        return previous;
    }
}
