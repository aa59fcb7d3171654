package dev.trinoai.jobs;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.access.AccessScope;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * {@code ask [--as-of DATE] [--model-file FILE] [--previous EARLIER]... [--sql] [QUESTION]}: answers a question (or each
 * line of standard input), as a follow-up of the {@code --previous} questions when given, oldest first, in-process with the semantic model as it is on disk, so whoever edits the model sees what a question gives
 * before installing it into Trino. It reads as the job's database login, with no row access rules: an operator's tool,
 * not a way for users around {@code ai.system.ask}.
 */
final class AskCommand
{
    private static final int MAX_QUESTION_LENGTH = 10_000;

    private AskCommand() {}

    static int run(List<String> args, Map<String, String> environment, InputStream in, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--as-of", "--model-file", "--domains", "--previous"), Set.of("--sql"), true);
        Optional<LocalDate> asOf = arguments.value("--as-of").map(LocalDate::parse);
        List<String> questions = arguments.positional().isEmpty()
                ? new BufferedReader(new InputStreamReader(in, UTF_8)).lines().filter(line -> !line.isBlank()).toList()
                : List.of(String.join(" ", arguments.positional()));
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no question: give one as an argument, or one per line on standard input");
        }
        boolean withSql = arguments.flag("--sql");
        try (InProcessEngine engine = InProcessEngine.open(arguments, environment)) {
            List<String> previous = arguments.values("--previous");
            for (String question : questions) {
                out.println("> " + question);
                engine.engine().answer(Question.parse(question, previous, MAX_QUESTION_LENGTH), asOf, AccessScope.ALL, row -> {
                    if (withSql || row.kind() != RowKind.SQL) {
                        out.println("  " + line(row));
                    }
                });
                out.println();
            }
        }
        return 0;
    }

    private static String line(AnswerRow row)
    {
        return switch (row.kind()) {
            case NUMBER -> "number   %s = %s%s  %s".formatted(row.metric(), plain(row.value()), row.unit() == null ? "" : " " + row.unit(), row.dimensions());
            case CITATION -> "citation %s  %s".formatted(row.source(), row.text().replace('\n', ' '));
            case SUGGESTION -> "Ask next: " + row.text();
            default -> "%-8s %s".formatted(row.kind().name().toLowerCase(Locale.ROOT), row.text());
        };
    }

    private static String plain(Double value)
    {
        return value == null ? "null" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
