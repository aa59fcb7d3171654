package dev.trinoai.jobs.eval;

import dev.trinoai.jobs.eval.EvalSet.EvalQuestion;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The figures of an evaluation run, and what went wrong question by question.
 */
public record EvalReport(LocalDate asOf, List<Outcome> outcomes)
{
    private static final int MAX_PROBLEMS_SHOWN = 6;

    /**
     * @param wrongNumbers numbers returned that differ from the expected ones, or that no expected row asks for
     * @param declined the engine answered with a notice where numbers were expected
     * @param explanation the engine's notices and SQL, shown for a failed question
     */
    public record Outcome(EvalQuestion question, List<String> problems, int wrongNumbers, boolean declined, double millis, List<String> explanation)
    {
        public Outcome
        {
            requireNonNull(question, "question is null");
            problems = List.copyOf(problems);
            explanation = List.copyOf(explanation);
        }

        public boolean passed()
        {
            return problems.isEmpty();
        }
    }

    public EvalReport
    {
        requireNonNull(asOf, "asOf is null");
        outcomes = List.copyOf(outcomes);
    }

    /** Share of the questions that expect numbers whose numbers are all exactly right, none missing or extra. */
    public double exactNumberAccuracy()
    {
        List<Outcome> numeric = numeric();
        return numeric.isEmpty() ? 0 : (double) numeric.stream().filter(Outcome::passed).count() / numeric.size();
    }

    /** Share of all questions with at least one wrong number: this must be 0. */
    public double wrongNumberRate()
    {
        return (double) outcomes.stream().filter(outcome -> outcome.wrongNumbers() > 0).count() / outcomes.size();
    }

    /** Share of the questions that expect numbers which the engine declined to answer. */
    public double declinedRate()
    {
        List<Outcome> numeric = numeric();
        return numeric.isEmpty() ? 0 : (double) numeric.stream().filter(Outcome::declined).count() / numeric.size();
    }

    public double passRate()
    {
        return (double) outcomes.stream().filter(Outcome::passed).count() / outcomes.size();
    }

    public double percentileMillis(double percentile)
    {
        double[] sorted = outcomes.stream().mapToDouble(Outcome::millis).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile * sorted.length) - 1)];
    }

    public void print(PrintStream out)
    {
        for (Outcome outcome : outcomes) {
            if (!outcome.passed()) {
                out.printf("FAIL %s: %s%n     %s%n", outcome.question().id(), outcome.question().question(), String.join("\n     ", shown(outcome.problems())));
                outcome.explanation().forEach(line -> out.printf("       | %s%n", line.replace("\n", "\n       | ")));
            }
        }
        List<Outcome> mustDecline = outcomes.stream().filter(outcome -> outcome.question().kind() == EvalSet.Kind.NOTICE).toList();
        out.printf(Locale.ROOT, "as of: %s%n", asOf);
        out.printf(Locale.ROOT, "questions: %d (%d expect numbers, %d must be declined)%n", outcomes.size(), numeric().size(), mustDecline.size());
        out.printf(Locale.ROOT, "passed: %d (%.1f%%)%n", outcomes.stream().filter(Outcome::passed).count(), 100 * passRate());
        out.printf(Locale.ROOT, "exact-number accuracy: %.1f%%%n", 100 * exactNumberAccuracy());
        out.printf(Locale.ROOT, "wrong-number rate: %.1f%% (%d questions)%n", 100 * wrongNumberRate(), outcomes.stream().filter(outcome -> outcome.wrongNumbers() > 0).count());
        out.printf(Locale.ROOT, "declined rate: %.1f%%%n", 100 * declinedRate());
        out.printf(Locale.ROOT, "must-decline declined: %d of %d%n", mustDecline.stream().filter(Outcome::passed).count(), mustDecline.size());
        out.printf(Locale.ROOT, "latency in-process: median %.0f ms, p95 %.0f ms%n", percentileMillis(0.5), percentileMillis(0.95));
    }

    private static List<String> shown(List<String> problems)
    {
        if (problems.size() <= MAX_PROBLEMS_SHOWN) {
            return problems;
        }
        List<String> shown = new ArrayList<>(problems.subList(0, MAX_PROBLEMS_SHOWN));
        shown.add("... and %d more".formatted(problems.size() - MAX_PROBLEMS_SHOWN));
        return shown;
    }

    private List<Outcome> numeric()
    {
        return outcomes.stream().filter(outcome -> outcome.question().kind().expectsNumbers()).toList();
    }
}
