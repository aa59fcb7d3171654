package dev.trinoai.jobs.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.AnswerRow;
import dev.trinoai.core.AskException;
import dev.trinoai.core.Question;
import dev.trinoai.core.RowKind;
import dev.trinoai.core.access.AccessScope;
import dev.trinoai.core.engine.AskEngine;
import dev.trinoai.jobs.eval.EvalSet.EvalQuestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Asks every question of an evaluation set and checks the answers against the numbers of the hand-written SQL.
 */
public final class Evaluation
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUESTION_LENGTH = 10_000;

    private final AskEngine engine;
    private final Connection database;
    private final boolean citations;

    /**
     * @param citations whether the citations are checked too: they need the text embedded, which numbers do not
     */
    public Evaluation(AskEngine engine, Connection database, boolean citations)
    {
        this.engine = requireNonNull(engine, "engine is null");
        this.database = requireNonNull(database, "database is null");
        this.citations = citations;
    }

    /**
     * Asks the questions of the set that are asked on the day, as of that day, against data generated as of it.
     */
    public EvalReport run(EvalSet set, LocalDate asOf)
    {
        EvalParameters parameters = new EvalParameters(asOf);
        List<EvalReport.Outcome> outcomes = new ArrayList<>();
        for (EvalQuestion question : set.on(asOf).questions()) {
            if (citations || question.kind() != EvalSet.Kind.NARRATIVE) {
                outcomes.add(evaluate(question, asOf, parameters));
            }
        }
        return new EvalReport(asOf, outcomes);
    }

    private EvalReport.Outcome evaluate(EvalQuestion question, LocalDate asOf, EvalParameters parameters)
    {
        List<AnswerRow> rows = new ArrayList<>();
        long start = System.nanoTime();
        Optional<String> error = Optional.empty();
        try {
            engine.answer(Question.parse(question.question(), MAX_QUESTION_LENGTH), Optional.of(asOf), AccessScope.ALL, rows::add);
        }
        catch (AskException e) {
            error = Optional.of(e.getMessage());
        }
        double millis = (System.nanoTime() - start) / 1e6;
        List<AnswerRow> numbers = rows.stream().filter(row -> row.kind() == RowKind.NUMBER).toList();
        boolean notice = rows.stream().anyMatch(row -> row.kind() == RowKind.NOTICE);
        List<String> problems = new ArrayList<>();
        error.ifPresent(message -> problems.add("failed: " + message));

        int wrong = 0;
        boolean declined = false;
        if (question.kind().expectsNumbers()) {
            List<Expected> expected = expected(parameters.apply(question.expect().sql()));
            List<AnswerRow> actual = numbers.stream().filter(row -> question.expect().metric().equals(row.metric())).toList();
            declined = actual.isEmpty() && notice;
            Set<Expected> matched = new HashSet<>();
            for (AnswerRow row : actual) {
                List<String> labels = labels(row.dimensions());
                Optional<Expected> sameGroup = expected.stream().filter(want -> labels.containsAll(want.labels())).filter(want -> !matched.contains(want)).findFirst();
                Optional<Expected> match = sameGroup.filter(want -> close(want.value(), row.value()));
                if (match.isPresent()) {
                    matched.add(match.get());
                }
                else if (sameGroup.isPresent()) {
                    wrong++;
                    problems.add("wrong number %s for %s: expected %s".formatted(row.value(), sameGroup.get().labels(), sameGroup.get().value()));
                }
                else {
                    wrong++;
                    problems.add("unexpected number %s for %s".formatted(row.value(), labels));
                }
            }
            expected.stream().filter(want -> !matched.contains(want))
                    .forEach(want -> problems.add("missing %s = %s".formatted(want.labels(), want.value())));
            // numbers of another measure in place of the one asked for are numbers shown that do not answer it
            if (actual.isEmpty() && !numbers.isEmpty()) {
                wrong += numbers.size();
                problems.add("answered with %s instead of %s".formatted(String.join(", ", numbers.stream().map(AnswerRow::metric).distinct().toList()), question.expect().metric()));
            }
        }
        else if (!numbers.isEmpty()) {
            wrong = numbers.size();
            problems.add("expected no numbers, got %d".formatted(numbers.size()));
        }
        if (question.kind() == EvalSet.Kind.NOTICE && !notice) {
            problems.add("expected a notice");
        }
        if (citations && question.kind().expectsCitations()) {
            Set<String> acceptable = new HashSet<>(ids(parameters.apply(question.expect().citationsSql())));
            List<String> cited = rows.stream().filter(row -> row.kind() == RowKind.CITATION).map(AnswerRow::source).toList();
            if (cited.isEmpty()) {
                problems.add("no citations");
            }
            cited.stream().filter(id -> !acceptable.contains(id)).forEach(id -> problems.add("citation %s is not about the question".formatted(id)));
        }
        List<String> explanation = rows.stream()
                .filter(row -> row.kind() == RowKind.NOTICE || row.kind() == RowKind.SQL)
                .map(row -> row.kind().name().toLowerCase(Locale.ROOT) + ": " + row.text())
                .toList();
        return new EvalReport.Outcome(question, problems, wrong, declined, millis, explanation);
    }

    private static boolean close(double expected, double actual)
    {
        return Math.abs(expected - actual) <= 0.01 || Math.abs(expected - actual) <= Math.abs(expected) * 1e-4;
    }

    private List<Expected> expected(String sql)
    {
        List<Expected> rows = new ArrayList<>();
        query(sql, rs -> {
            int columns = rs.getMetaData().getColumnCount();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i < columns; i++) {
                labels.add(rs.getString(i));
            }
            rows.add(new Expected(labels, rs.getDouble(columns)));
        });
        return rows;
    }

    private List<String> ids(String sql)
    {
        List<String> ids = new ArrayList<>();
        query(sql, rs -> ids.add(rs.getString(1)));
        return ids;
    }

    private void query(String sql, RowReader reader)
    {
        try (Statement statement = database.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
        catch (SQLException e) {
            throw new IllegalArgumentException("the expected SQL failed: %s%n%s".formatted(e.getMessage(), sql), e);
        }
    }

    private static List<String> labels(String dimensions)
    {
        try {
            Map<String, String> map = JSON.readValue(dimensions, new TypeReference<>() {});
            return List.copyOf(map.values());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface RowReader
    {
        void read(ResultSet rs)
                throws SQLException;
    }

    private record Expected(List<String> labels, double value) {}
}
