package dev.trinoai.udf;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.RowKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.trinoai.core.AskFailure.INVALID_QUESTION;

/**
 * Turns the rows of one answer into what the scalar functions return: the text with its citations, or its one number.
 */
final class AnswerText
{
    private static final int TITLE_LENGTH = 80;

    private AnswerText() {}

    /**
     * The answer chunks, or the notices when there are none (a declined question is answered by its notice, and the
     * questions it suggests instead), then one line per citation, {@code [n] title (source)}, numbered as the text cites
     * them. An answer's suggested follow-ups are left out: a value in a column of a report is not a conversation.
     */
    static String text(List<AnswerRow> rows)
    {
        List<String> paragraphs = new ArrayList<>(texts(rows, RowKind.ANSWER));
        if (paragraphs.isEmpty()) {
            paragraphs.addAll(texts(rows, RowKind.NOTICE));
            instead(rows).ifPresent(paragraphs::add);
        }
        List<String> citations = rows.stream()
                .filter(row -> row.kind() == RowKind.CITATION)
                .map(row -> "[%d] %s (%s)".formatted(row.seq(), title(row.text()), row.source()))
                .toList();
        if (!citations.isEmpty()) {
            paragraphs.add(String.join("\n", citations));
        }
        return String.join("\n\n", paragraphs);
    }

    /**
     * The answer's one number. None or several is an error that says which, so the caller can narrow the question.
     */
    static double value(String question, List<AnswerRow> rows)
    {
        List<AnswerRow> numbers = rows.stream().filter(row -> row.kind() == RowKind.NUMBER).toList();
        if (numbers.size() == 1) {
            return numbers.getFirst().value();
        }
        if (numbers.isEmpty()) {
            String notices = String.join(" ", texts(rows, RowKind.NOTICE)) + instead(rows).map(line -> " " + line).orElse("");
            throw new AskException(INVALID_QUESTION, "ask_value needs one number, and \"%s\" gave none.%s".formatted(question, notices.isEmpty() ? " Ask for a measure, e.g. 'budget variance % for Apollo this quarter'." : " " + notices));
        }
        String some = numbers.stream().limit(3).map(row -> row.dimensions() + " " + row.value()).collect(Collectors.joining(", "));
        throw new AskException(INVALID_QUESTION, "ask_value needs one number, and \"%s\" gave %d (%s%s). Add a filter that leaves one, such as a program, team or project name, or use ask_numbers() for the table."
                .formatted(question, numbers.size(), some, numbers.size() > 3 ? ", ..." : ""));
    }

    /**
     * The questions a decline suggests, as one line.
     */
    private static Optional<String> instead(List<AnswerRow> rows)
    {
        List<String> suggestions = texts(rows, RowKind.SUGGESTION);
        return suggestions.isEmpty() ? Optional.empty() : Optional.of("You could ask: " + String.join(" / ", suggestions));
    }

    private static List<String> texts(List<AnswerRow> rows, RowKind kind)
    {
        return rows.stream().filter(row -> row.kind() == kind).map(AnswerRow::text).toList();
    }

    /**
     * The citation row carries the snippet, not the record's title: its first line stands in for one.
     */
    private static String title(String snippet)
    {
        String line = snippet.strip().lines().findFirst().orElse("");
        return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1).stripTrailing() + "…";
    }
}
