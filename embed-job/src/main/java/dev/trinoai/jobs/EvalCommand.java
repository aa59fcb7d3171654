package dev.trinoai.jobs;

import dev.trinoai.jobs.eval.EvalReport;
import dev.trinoai.jobs.eval.EvalSet;
import dev.trinoai.jobs.eval.Evaluation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval [--questions eval/questions.yaml] [--as-of DATE] [--numbers-only] [--model-file etc/ai/semantic-model.yaml] [--domains etc/ai/models] [--only ID,...] [--max-wrong-rate 0]}:
 * asks every question of the evaluation set in-process, as of a day (the set's first by default) against data generated
 * as of that day, and compares the numbers with the set's own SQL; {@code --numbers-only} leaves the citations out
 * (for a database whose text is not embedded).
 */
final class EvalCommand
{
    static final String DEFAULT_QUESTIONS = "eval/questions.yaml";

    private EvalCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Arguments arguments = new Arguments(args, Set.of("--questions", "--as-of", "--model-file", "--domains", "--only", "--max-wrong-rate"), Set.of("--numbers-only"));
        EvalSet set = EvalSet.load(Path.of(arguments.value("--questions").orElse(DEFAULT_QUESTIONS)));
        Set<String> only = arguments.value("--only").map(ids -> Set.of(ids.split(","))).orElse(Set.of());
        if (!only.isEmpty()) {
            set = new EvalSet(set.dates(), set.dataset(), set.questions().stream().filter(question -> only.contains(question.id())).toList());
        }
        LocalDate asOf = arguments.value("--as-of").map(LocalDate::parse).orElse(set.referenceDates().getFirst());
        double maxWrongRate = arguments.value("--max-wrong-rate").map(Double::parseDouble).orElse(0.0);
        try (InProcessEngine engine = InProcessEngine.open(arguments, environment);
                Connection connection = engine.connect()) {
            EvalReport report = new Evaluation(engine.engine(), connection, !arguments.flag("--numbers-only")).run(set, asOf);
            report.print(out);
            return report.wrongNumberRate() <= maxWrongRate ? 0 : 1;
        }
    }
}
