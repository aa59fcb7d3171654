package dev.trinoai.jobs;

import dev.trinoai.core.Question;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.PlannedAnswer;
import dev.trinoai.core.interpret.Words;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.VerifiedQuestion;
import dev.trinoai.jobs.feedback.FeedbackStore;
import dev.trinoai.jobs.feedback.VerifiedQuestionsFile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code feedback list|report|promote}: what the chat page's users thought of the answers, from {@code chat.feedback}.
 * {@code list [--rating up|down]} prints the rated answers, the latest first; {@code report} the disliked ones as a
 * Markdown review (question, restatement, SQL, comment); {@code promote ID [--as-of DATE] [--model-file FILE]} makes a
 * liked answer's question a verified question of the semantic model with the plan it is answered with, the way a
 * verified query repository grows, refusing an answer that is not liked, a question already verified, and one that no
 * longer plans to the SQL the liked answer showed.
 */
final class FeedbackCommand
{
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_QUESTION_LENGTH = 10_000;

    private FeedbackCommand() {}

    static int run(List<String> args, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("feedback needs list, report or promote ID");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.getFirst()) {
            case "list" -> list(new Arguments(rest, Set.of("--rating"), Set.of()), environment, out);
            case "report" -> report(new Arguments(rest, Set.of(), Set.of()), environment, out);
            case "promote" -> promote(new Arguments(rest, Set.of("--as-of", "--model-file"), Set.of(), true), environment, out);
            default -> throw new IllegalArgumentException("unknown feedback command '%s': use list, report or promote ID".formatted(args.getFirst()));
        };
    }

    private static int list(Arguments arguments, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        Optional<String> rating = arguments.value("--rating");
        if (rating.isPresent() && !Set.of("up", "down").contains(rating.get())) {
            throw new IllegalArgumentException("--rating is up or down, not '%s'".formatted(rating.get()));
        }
        List<FeedbackStore.Rated> rated;
        try (JobDatabase database = JobDatabase.fromEnvironment(environment); Connection connection = database.connect()) {
            rated = FeedbackStore.list(connection, rating);
        }
        for (FeedbackStore.Rated answer : rated) {
            out.printf("%-4s %s  %s  %s%n", answer.rating(), MINUTE.format(answer.ratedAt()), answer.id(), answer.question());
            answer.comment().ifPresent(comment -> out.println("     comment: " + comment));
        }
        long up = rated.stream().filter(answer -> answer.rating().equals("up")).count();
        out.printf("%d rated: %d up, %d down%n", rated.size(), up, rated.size() - up);
        return 0;
    }

    private static int report(Arguments arguments, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        List<FeedbackStore.Rated> disliked;
        try (JobDatabase database = JobDatabase.fromEnvironment(environment); Connection connection = database.connect()) {
            disliked = FeedbackStore.list(connection, Optional.of("down"));
        }
        out.printf("# Disliked answers to review (%d)%n", disliked.size());
        int n = 0;
        for (FeedbackStore.Rated answer : disliked) {
            out.printf("%n## %d. %s%n%n", ++n, answer.question());
            out.printf("- answer: `%s`, rated down %s%n", answer.id(), MINUTE.format(answer.ratedAt()));
            out.printf("- comment: %s%n", answer.comment().orElse("(none)"));
            out.printf("- restatement: %s%n", answer.restatement().orElse("(none: the answer was declined or failed)"));
            if (answer.sql().isPresent()) {
                out.printf("%n```sql%n%s%n```%n", answer.sql().get());
            }
            else {
                out.println("- SQL: (none)");
            }
        }
        return 0;
    }

    private static int promote(Arguments arguments, Map<String, String> environment, PrintStream out)
            throws Exception
    {
        if (arguments.positional().size() != 1) {
            throw new IllegalArgumentException("promote needs one answer's id, OWNER/CONVERSATION/MESSAGE, as feedback list prints it");
        }
        String id = arguments.positional().getFirst();
        Path modelFile = Path.of(arguments.value("--model-file").orElse(environment.getOrDefault("AI_SEMANTIC_MODEL", EmbedCommand.DEFAULT_MODEL_FILE)));
        try (InProcessEngine engine = InProcessEngine.open(List.of(SemanticModelLoader.load(modelFile)), environment)) {
            FeedbackStore.Rated answer;
            try (Connection connection = engine.connect()) {
                answer = FeedbackStore.find(connection, id).orElseThrow(() -> new IllegalArgumentException("no rated answer %s: feedback list prints the rated answers' ids".formatted(id)));
            }
            if (!answer.rating().equals("up")) {
                throw new IllegalArgumentException("answer %s is rated %s: only a liked answer becomes a verified question (feedback report lists the disliked for review)".formatted(id, answer.rating()));
            }
            SemanticModel model = engine.engine().model();
            Optional<VerifiedQuestion> same = model.verifiedQuestions().stream().filter(verified -> Words.normalize(verified.question()).equals(Words.normalize(answer.question()))).findFirst();
            if (same.isPresent()) {
                throw new IllegalArgumentException("\"%s\" is already a verified question of %s (line %d)".formatted(answer.question(), modelFile, same.get().line()));
            }
            // the day the answer was given, unless told: "this quarter" in its SQL is that day's quarter
            LocalDate asOf = arguments.value("--as-of").map(LocalDate::parse).orElse(LocalDate.ofInstant(answer.ratedAt(), ZoneOffset.UTC));
            // a verified question stands on its own, and a follow-up's words alone do not ask what its answer answered
            String why = answer.restatement().filter(text -> text.contains("Follow-up to")).isPresent()
                    ? " It was a follow-up, read with its conversation's earlier questions: ask the question in full, rate that answer and promote it."
                    : " The model or the data changed since, or the answer was given on another day (--as-of).";
            PlannedAnswer planned = engine.engine().planned(Question.parse(answer.question(), MAX_QUESTION_LENGTH), Optional.of(asOf), AccessScope.ALL)
                    .orElseThrow(() -> new IllegalArgumentException("\"%s\" is declined now (as of %s): there is no plan to verify.%s".formatted(answer.question(), asOf, why)));
            if (planned.verified().isPresent()) {
                throw new IllegalArgumentException("\"%s\" already matches the verified question \"%s\" of %s".formatted(answer.question(), planned.verified().get(), modelFile));
            }
            Optional<String> sql = planned.sql().isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", planned.sql()));
            if (!sql.equals(answer.sql())) {
                throw new IllegalArgumentException("\"%s\" no longer plans to the SQL of the liked answer (as of %s).%s%nThe liked answer's SQL:%n%s%nThe SQL now:%n%s"
                        .formatted(answer.question(), asOf, why, answer.sql().orElse("(none)"), sql.orElse("(none)")));
            }
            SemanticModel written = VerifiedQuestionsFile.add(modelFile, answer.question(), planned.plan(), "promoted from a liked answer, rated %s".formatted(MINUTE.format(answer.ratedAt())));
            out.printf("\"%s\" is verified question %d of %s, with the plan of the liked answer. Restart or refresh the catalog to use it.%n",
                    answer.question(), written.verifiedQuestions().size(), modelFile);
        }
        return 0;
    }
}
