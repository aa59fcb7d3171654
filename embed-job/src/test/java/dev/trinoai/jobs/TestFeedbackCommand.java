package dev.trinoai.jobs;

import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.TestingPostgres;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.model.VerifiedQuestion;
import dev.trinoai.jobs.ingest.IngestJob;
import dev.trinoai.jobs.ingest.LocalLandingZone;
import dev.trinoai.jobs.ingest.SourceMappings;
import dev.trinoai.jobs.sample.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code feedback list|report|promote} against the real PostgreSQL: the chat schema of etc/postgres/chat.sql with
 * ratings in it, the seed-42 sample as of 2026-11-25, and the reviewer's own login, which reads the ratings and the
 * star schema and nothing else.
 */
@Tag("security")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TestFeedbackCommand
{
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);
    private static final Path MODEL = Path.of("../etc/ai/semantic-model.yaml");
    private static final String APOLLO = "What is the budget variance % for Apollo this quarter?";
    private static final String MTTR_BY_PROGRAM = "What is the MTTR by program this quarter?";
    private static final String SPEND = "What is the actual spend by program this quarter?";

    private TestingPostgres postgres;
    private String login;

    @TempDir
    private Path directory;

    @BeforeAll
    void start()
            throws Exception
    {
        postgres = TestingPostgres.create();
        Path landing = Files.createTempDirectory("feedback-landing");
        new SampleGenerator(42, AS_OF, 1).writeTo(landing);
        new IngestJob(new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password()), new LocalLandingZone(landing), SourceMappings.load(Path.of("../etc/ingest/sources")),
                new PrintStream(OutputStream.nullOutputStream())).runOnce(false);
        String chat = Files.readString(Path.of("../etc/postgres/chat.sql"));
        login = "trino_ai_test_reviewer_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.execute(Files.readString(Path.of("../etc/postgres/roles.sql")), chat,
                "CREATE ROLE %s LOGIN PASSWORD 'reviewer' IN ROLE trino_ai_reader, trino_ai_review".formatted(login));

        rate("alice", "c-1", "answer-apollo", "up", null, APOLLO, answerSql(APOLLO, List.of(), AS_OF));
        rate("alice", "c-1", "answer-falcon", "up", "follow-up", "and for Falcon?", answerSql("and for Falcon?", List.of(APOLLO), AS_OF));
        rate("bob", "c-2", "answer-mttr", "down", "I meant the median", MTTR_BY_PROGRAM, answerSql(MTTR_BY_PROGRAM, List.of(), AS_OF));
        // liked in August: "this quarter" was the third quarter then
        rate("bob", "c-3", "answer-spend", "up", null, SPEND, answerSql(SPEND, List.of(), LocalDate.of(2026, 8, 10)));
    }

    @AfterAll
    void stop()
    {
        try (TestingPostgres database = postgres) {
            if (login != null) {
                database.execute("DROP OWNED BY " + login, "DROP ROLE " + login);
            }
        }
    }

    @Test
    void listsTheLikedAndTheDislikedAnswers()
    {
        String listed = run(0, "feedback", "list");
        assertThat(listed)
                .contains("up   ", "alice/c-1/answer-apollo  " + APOLLO)
                .contains("down ", "bob/c-2/answer-mttr  " + MTTR_BY_PROGRAM, "comment: I meant the median")
                .endsWith("4 rated: 3 up, 1 down\n");
        assertThat(run(0, "feedback", "list", "--rating", "down")).contains("bob/c-2/answer-mttr").doesNotContain("answer-apollo").endsWith("1 rated: 0 up, 1 down\n");
        assertThat(run(2, "feedback", "list", "--rating", "meh")).contains("--rating is up or down, not 'meh'");
    }

    @Test
    void reportsTheDislikedAnswersWithWhatAReviewNeeds()
    {
        assertThat(run(0, "feedback", "report"))
                .startsWith("# Disliked answers to review (1)\n\n## 1. " + MTTR_BY_PROGRAM + "\n")
                .contains("- answer: `bob/c-2/answer-mttr`", "- comment: I meant the median", "- restatement: restated " + MTTR_BY_PROGRAM, "```sql\nSELECT ")
                .doesNotContain(APOLLO);
    }

    @Test
    void promotesALikedAnswerIntoTheVerifiedQuestionsKeepingEveryOtherLine()
            throws Exception
    {
        Path model = copyOfTheModel();
        String before = Files.readString(model, UTF_8);

        assertThat(run(0, model, "feedback", "promote", "alice/c-1/answer-apollo", "--as-of", AS_OF.toString()))
                .contains("\"%s\" is verified question %d of %s".formatted(APOLLO, SemanticModelLoader.load(MODEL).verifiedQuestions().size() + 1, model));

        String after = Files.readString(model, UTF_8);
        List<String> added = new ArrayList<>(after.lines().toList());
        for (String line : before.lines().toList()) {
            assertThat(added.remove(line)).as("kept: %s", line).isTrue();
        }
        assertThat(added.getFirst()).startsWith("  # promoted from a liked answer, rated ");
        assertThat(added.get(1)).isEqualTo("  - question: " + APOLLO);
        assertThat(after).startsWith(before.stripTrailing());

        SemanticModel promoted = SemanticModelLoader.load(model);
        VerifiedQuestion verified = promoted.verifiedQuestions().getLast();
        assertThat(verified.question()).isEqualTo(APOLLO);
        try (InProcessEngine engine = InProcessEngine.open(List.of(SemanticModelLoader.load(MODEL)), environment(MODEL))) {
            assertThat(verified.plan()).isEqualTo(engine.engine().planned(Question.parse(APOLLO, 1000), Optional.of(AS_OF), AccessScope.ALL).orElseThrow().plan());
        }
        // the catalog with the new file answers it as verified
        try (InProcessEngine engine = InProcessEngine.open(List.of(SemanticModelLoader.load(model)), environment(model))) {
            List<AnswerRow> rows = new ArrayList<>();
            engine.engine().answer(Question.parse(APOLLO, 1000), Optional.of(AS_OF), AccessScope.ALL, rows::add);
            assertThat(rows).anySatisfy(row -> assertThat(row.text()).startsWith("This is a verified answer"));
        }

        assertThat(run(2, model, "feedback", "promote", "alice/c-1/answer-apollo", "--as-of", AS_OF.toString()))
                .contains("\"%s\" is already a verified question of %s (line ".formatted(APOLLO, model));
        assertThat(Files.readString(model, UTF_8)).isEqualTo(after);
    }

    @Test
    void refusesAnAnswerThatIsNotLiked()
            throws Exception
    {
        Path model = copyOfTheModel();
        assertThat(run(2, model, "feedback", "promote", "bob/c-2/answer-mttr", "--as-of", AS_OF.toString()))
                .contains("answer bob/c-2/answer-mttr is rated down: only a liked answer becomes a verified question");
        assertThat(run(2, model, "feedback", "promote", "bob/c-2/nothing", "--as-of", AS_OF.toString())).contains("no rated answer bob/c-2/nothing");
        assertThat(run(2, model, "feedback", "promote", "answer-mttr")).contains("'answer-mttr' is not an answer's id");
        assertThat(Files.readString(model, UTF_8)).isEqualTo(Files.readString(MODEL, UTF_8));
    }

    @Test
    void refusesAQuestionThatNoLongerPlansToTheLikedSql()
            throws Exception
    {
        Path model = copyOfTheModel();
        assertThat(run(2, model, "feedback", "promote", "bob/c-3/answer-spend", "--as-of", AS_OF.toString()))
                .contains("\"%s\" no longer plans to the SQL of the liked answer (as of 2026-11-25).".formatted(SPEND), "The liked answer's SQL:", "The SQL now:");
        // a follow-up's words alone do not plan to its answer
        assertThat(run(2, model, "feedback", "promote", "alice/c-1/answer-falcon", "--as-of", AS_OF.toString()))
                .contains("It was a follow-up, read with its conversation's earlier questions: ask the question in full");
        assertThat(Files.readString(model, UTF_8)).isEqualTo(Files.readString(MODEL, UTF_8));
    }

    @Test
    void theReviewersLoginReadsTheRatingsAndNoConversation()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), login, "reviewer")) {
            assertThat(connection.createStatement().executeQuery("SELECT count(*) FROM chat.feedback").next()).isTrue();
            for (String sql : List.of("SELECT * FROM chat.message", "SELECT * FROM chat.conversation", "UPDATE chat.feedback SET rating = 'up'", "DELETE FROM chat.feedback",
                    "INSERT INTO star.dim_program (program_key, name) VALUES (-1, 'x')")) {
                assertThatThrownBy(() -> connection.createStatement().execute(sql)).as(sql).hasMessageContaining("permission denied");
            }
        }
    }

    private Path copyOfTheModel()
            throws Exception
    {
        Path model = Files.createTempDirectory(directory, "model").resolve("semantic-model.yaml");
        Files.copy(MODEL, model);
        return model;
    }

    /**
     * The SQL rows of the engine's answer, as the proxy keeps them beside a rating: one statement per row, separated
     * by an empty line.
     */
    private String answerSql(String question, List<String> previous, LocalDate asOf)
            throws Exception
    {
        List<String> sql = new ArrayList<>();
        try (InProcessEngine engine = InProcessEngine.open(List.of(SemanticModelLoader.load(MODEL)), environment(MODEL))) {
            engine.engine().answer(Question.parse(question, previous, 1000), Optional.of(asOf), AccessScope.ALL, row -> {
                if (row.kind() == RowKind.SQL) {
                    sql.add(row.text());
                }
            });
        }
        return String.join("\n\n", sql);
    }

    /**
     * A rated answer as the proxy keeps it: its conversation and message, and the rating with the question, a
     * restatement and the SQL.
     */
    private void rate(String owner, String conversation, String message, String rating, String comment, String question, String sql)
            throws SQLException
    {
        try (Connection connection = postgres.connect()) {
            insert(connection, "INSERT INTO chat.conversation (owner, id, title) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", owner, conversation, question);
            insert(connection, "INSERT INTO chat.message (owner, conversation_id, id, role, message) VALUES (?, ?, ?, 'assistant', '{}'::jsonb)", owner, conversation, message);
            String restatement = question.startsWith("and ") ? "restated, Follow-up to \"%s\"".formatted(APOLLO) : "restated " + question;
            insert(connection, "INSERT INTO chat.feedback (owner, conversation_id, message_id, rating, comment, question, restatement, sql) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    owner, conversation, message, rating, comment, question, restatement, sql);
        }
    }

    private static void insert(Connection connection, String sql, String... values)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private String run(int status, String... args)
    {
        return run(status, MODEL, args);
    }

    /**
     * The command's output (standard output, then standard error) as the reviewer, with this model file.
     */
    private String run(int status, Path model, String... args)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(environment(model));
        environment.put("AI_POSTGRES_USER", login);
        environment.put("AI_POSTGRES_PASSWORD", "reviewer");
        int exit = JobsMain.run(List.of(args), environment, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        String output = out.toString(UTF_8) + err.toString(UTF_8);
        assertThat(exit).as(output).isEqualTo(status);
        return output;
    }

    /**
     * The database as its superuser, for the engine that gives the answers rated.
     */
    private Map<String, String> environment(Path model)
    {
        Map<String, String> environment = new HashMap<>();
        environment.put("AI_POSTGRES_URL", postgres.jdbcUrl());
        postgres.user().ifPresent(user -> environment.put("AI_POSTGRES_USER", user));
        postgres.password().ifPresent(password -> environment.put("AI_POSTGRES_PASSWORD", password));
        environment.put("AI_SEMANTIC_MODEL", model.toString());
        return environment;
    }
}
