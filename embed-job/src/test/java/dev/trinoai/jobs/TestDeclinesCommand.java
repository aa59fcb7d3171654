package dev.trinoai.jobs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The declines report over the log formats the answer log reaches an operator in; TestAnswerLog runs it over the
 * lines the engine writes.
 */
final class TestDeclinesCommand
{
    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");
    private static final String DECLINED = """
            {"query_id":"20261206_101500_00001_abcde","catalog":"ai","user":"alice","function":"ask","outcome":"declined","declined":"coverage","verified":false,\
            "metrics":[{"metric":"mttr_hours","group_by":[],"filters":["team"],"time":"this quarter"}],"retrievals":[],"statements":[],"citations":[],"models":[],"millis":12%s}""";

    @Test
    void readsTheAnswerLogInTrinosPlainAndJsonFormatsAndAsAShipperKeepsIt()
    {
        String words = DECLINED.formatted(",\"question\":\"MTTR of the blockchain team?\",\"not_understood\":[\"Blockchain\"]");
        String escaped = words.replace("\\", "\\\\").replace("\"", "\\\"");
        List<String> log = List.of(
                "2026-12-06T10:15:00.000Z\tINFO\tQuery-1\tio.trino.event.QueryMonitor\t{\"query_id\":\"20261206_101500_00001_abcde\"}",
                "2026-12-06T10:15:00.000Z\tINFO\tQuery-1\tdev.trinoai.answers\t" + words,
                "{\"timestamp\":\"2026-12-06T10:16:00Z\",\"level\":\"INFO\",\"loggerName\":\"dev.trinoai.answers\",\"message\":\"" + escaped + "\"}",
                words.replace("20261206", "20261205"),
                DECLINED.formatted(""),
                "not a line of the answer log");

        DeclinesCommand.Report report = DeclinesCommand.report(log.stream(), TODAY.minusDays(1));

        assertThat(report.questions()).isEqualTo(3);
        assertThat(report.declined()).isEqualTo(3);
        assertThat(report.groups()).containsExactly(
                new DeclinesCommand.Group("\"blockchain\"", 2, List.of("MTTR of the blockchain team?")),
                new DeclinesCommand.Group("coverage decline of mttr_hours (the words are logged with ai.log.question-text=true)", 1, List.of()));
    }

    @Test
    void printsTheGroupsMostFrequentFirst()
            throws Exception
    {
        Path log = Files.createTempFile("server", ".log");
        try {
            Files.write(log, Stream.of(
                    DECLINED.formatted(",\"question\":\"q1\",\"not_understood\":[\"median\"]"),
                    DECLINED.formatted(",\"question\":\"q2\",\"not_understood\":[\"median\",\"crypto\"]")).toList());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(DeclinesCommand.run(List.of("--since", "2026-12-06", "--log", log.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), TODAY)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                    declines since 2026-12-06: 2 of 2 questions
                        2  "median"
                             e.g. q1
                             e.g. q2
                        1  "crypto"
                             e.g. q2
                    """);
        }
        finally {
            Files.delete(log);
        }
    }

    @Test
    void saysWhatItNeeds()
    {
        assertThat(DeclinesCommand.since("yesterday", TODAY)).isEqualTo(LocalDate.parse("2026-12-06"));
        assertThatThrownBy(() -> DeclinesCommand.since("last week", TODAY)).hasMessage("--since last week: expected yesterday, today or a day as YYYY-MM-DD");
        assertThatThrownBy(() -> DeclinesCommand.run(List.of(), System.out, TODAY)).hasMessageStartingWith("--log FILE is required");
        assertThatThrownBy(() -> DeclinesCommand.run(List.of("--log", "/no/such/server.log"), System.out, TODAY)).hasMessage("--log /no/such/server.log: cannot read the file");
    }
}
