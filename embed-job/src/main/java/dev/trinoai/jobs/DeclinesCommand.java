package dev.trinoai.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@code declines [--since yesterday|today|YYYY-MM-DD] --log FILE}: the questions the catalog declined, from its answer
 * log (the lines of the logger {@value #LOGGER} in Trino's server log, plain or {@code log.format=json}), grouped by
 * what was not understood, most frequent first, with example questions: the words to teach the semantic model
 * (synonyms, values, metrics) and the questions to add as verified questions.
 *
 * <p>The words and the questions are in the log only with {@code ai.log.question-text=true}; without it a coverage
 * decline is grouped by the metrics it planned, and the report says how to see the words.
 */
public final class DeclinesCommand
{
    static final String LOGGER = "dev.trinoai.answers";

    private static final ObjectMapper JSON = new ObjectMapper();
    // a query id starts with the coordinator's UTC day: 20261207_124911_00004_imefj
    private static final DateTimeFormatter QUERY_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int EXAMPLES = 3;

    private DeclinesCommand() {}

    /**
     * What was not understood, and the declined questions it was not understood in.
     *
     * @param reason the word left over (quoted), the reason of another decline, or what the log says without the words
     * @param examples up to three of the questions, when the log has their text
     */
    public record Group(String reason, int count, List<String> examples)
    {
        public Group
        {
            requireNonNull(reason, "reason is null");
            examples = List.copyOf(examples);
        }
    }

    /**
     * @param questions the questions of the log since the day, however they ended
     * @param declined those of them that were declined
     * @param groups the declines by what was not understood, most frequent first; a question with several words left
     *     over counts in the group of each
     */
    public record Report(int questions, int declined, List<Group> groups)
    {
        public Report
        {
            groups = List.copyOf(groups);
        }
    }

    static int run(List<String> args, PrintStream out, LocalDate today)
    {
        Arguments arguments = new Arguments(args, Set.of("--since", "--log"), Set.of());
        LocalDate since = since(arguments.value("--since").orElse("yesterday"), today);
        Path log = Path.of(arguments.value("--log").orElseThrow(() -> new IllegalArgumentException(
                "--log FILE is required: Trino's server log (var/log/server.log under the node's data directory), or a file of the dev.trinoai.answers lines a log shipper kept")));
        if (!Files.isReadable(log)) {
            throw new IllegalArgumentException("--log %s: cannot read the file".formatted(log));
        }
        Report report;
        try (Stream<String> lines = Files.lines(log)) {
            report = report(lines, since);
        }
        catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--log %s: cannot read the file: %s".formatted(log, e.getMessage()));
        }
        print(report, since, out);
        return 0;
    }

    static LocalDate since(String value, LocalDate today)
    {
        return switch (value) {
            case "yesterday" -> today.minusDays(1);
            case "today" -> today;
            default -> {
                try {
                    yield LocalDate.parse(value);
                }
                catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--since %s: expected yesterday, today or a day as YYYY-MM-DD".formatted(value));
                }
            }
        };
    }

    /**
     * The declines of the answer-log lines among {@code lines} whose query started on {@code since} or later (UTC).
     */
    public static Report report(Stream<String> lines, LocalDate since)
    {
        int questions = 0;
        int declined = 0;
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode answer : (Iterable<JsonNode>) lines.map(DeclinesCommand::answer).flatMap(Optional::stream)::iterator) {
            if (day(answer).filter(day -> !day.isBefore(since)).isEmpty()) {
                continue;
            }
            questions++;
            if (!answer.path("outcome").asText().equals("declined")) {
                continue;
            }
            declined++;
            Optional<String> question = Optional.ofNullable(answer.get("question")).map(JsonNode::asText);
            for (String reason : reasons(answer)) {
                counts.merge(reason, 1, Integer::sum);
                List<String> examples = groups.computeIfAbsent(reason, _ -> new ArrayList<>());
                question.filter(text -> examples.size() < EXAMPLES && !examples.contains(text)).ifPresent(examples::add);
            }
        }
        List<Group> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> new Group(entry.getKey(), entry.getValue(), groups.get(entry.getKey())))
                .toList();
        return new Report(questions, declined, sorted);
    }

    /**
     * What the decline did not understand: each word left over, quoted; another decline's reason; or, without the
     * question's words in the log, the kind of decline and the metrics it planned.
     */
    private static List<String> reasons(JsonNode answer)
    {
        JsonNode words = answer.get("not_understood");
        if (words != null && !words.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            words.forEach(word -> reasons.add("\"" + word.asText().toLowerCase() + "\""));
            return reasons;
        }
        JsonNode message = answer.get("message");
        if (message != null) {
            return List.of(message.asText());
        }
        List<String> metrics = new ArrayList<>();
        answer.path("metrics").forEach(metric -> metrics.add(metric.path("metric").asText()));
        String kind = answer.path("declined").asText("other");
        return List.of("%s decline%s (the words are logged with ai.log.question-text=true)".formatted(kind, metrics.isEmpty() ? "" : " of " + String.join(", ", metrics)));
    }

    /**
     * The answer-log record of a line of Trino's log: the message after the logger's name in the plain format, or
     * the {@code message} of a JSON record whose {@code loggerName} is the answer log's; empty for any other line.
     */
    static Optional<JsonNode> answer(String line)
    {
        String message;
        if (line.startsWith("{")) {
            JsonNode record = json(line).orElse(null);
            if (record == null) {
                return Optional.empty();
            }
            if (record.has("query_id")) {
                // a line of the answer log alone, as a shipper keeps it
                return Optional.of(record);
            }
            if (!LOGGER.equals(record.path("loggerName").asText()) || !record.has("message")) {
                return Optional.empty();
            }
            message = record.get("message").asText();
        }
        else {
            int logger = line.indexOf("\t" + LOGGER + "\t");
            if (logger < 0) {
                return Optional.empty();
            }
            message = line.substring(logger + LOGGER.length() + 2);
        }
        return json(message).filter(answer -> answer.has("query_id"));
    }

    private static Optional<JsonNode> json(String text)
    {
        try {
            return Optional.ofNullable(JSON.readTree(text)).filter(JsonNode::isObject);
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> day(JsonNode answer)
    {
        String queryId = answer.path("query_id").asText();
        if (queryId.length() < 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(queryId.substring(0, 8), QUERY_DAY));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void print(Report report, LocalDate since, PrintStream out)
    {
        out.printf("declines since %s: %d of %d questions%n", since, report.declined(), report.questions());
        for (Group group : report.groups()) {
            out.printf("%5d  %s%n", group.count(), group.reason());
            group.examples().forEach(example -> out.printf("%5s    e.g. %s%n", "", example));
        }
    }
}
