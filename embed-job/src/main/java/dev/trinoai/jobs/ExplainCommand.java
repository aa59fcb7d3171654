package dev.trinoai.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.Explanation;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code explain [--as-of DATE] [--model-file FILE] [--domains FOLDER] [--previous EARLIER]... QUESTION}: a dry run of a question against
 * a model file as it is on disk: the plan the engine reads it as, the restatement its answer would open with and the
 * SQL it would run, none of it run. Only the dimensions' values are read, as every reading does; no metric's rows. The
 * offline reading only: a question it declines is shown declined, though a catalog with a language model may plan it.
 */
final class ExplainCommand
{
    private static final int MAX_QUESTION_LENGTH = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--as-of", "--model-file", "--domains", "--previous"), Set.of(), true);
        if (arguments.positional().isEmpty()) {
            throw new IllegalArgumentException("no question: explain \"your question\"");
        }
        Question question = Question.parse(String.join(" ", arguments.positional()), arguments.values("--previous"), MAX_QUESTION_LENGTH);
        Optional<LocalDate> asOf = arguments.value("--as-of").map(LocalDate::parse);
        try (InProcessEngine engine = InProcessEngine.open(arguments, environment)) {
            Explanation explanation = engine.engine().explain(question, asOf, AccessScope.ALL);
            out.println("question: " + question.text());
            out.println("as of:    " + explanation.asOf());
            explanation.verified().ifPresent(verified -> out.println("verified: matches \"%s\"".formatted(verified)));
            out.println("plan:     " + JSON.writeValueAsString(explanation.plan()));
            explanation.declined().ifPresent(declined -> out.println("declined: " + declined));
            explanation.problems().forEach(problem -> out.println("invalid:  " + problem));
            explanation.restatements().forEach(restatement -> out.println("answer:   " + restatement));
            explanation.sql().forEach(sql -> out.println("sql:\n" + sql.indent(2).stripTrailing()));
            return explanation.declined().isPresent() || !explanation.problems().isEmpty() ? 1 : 0;
        }
    }
}
