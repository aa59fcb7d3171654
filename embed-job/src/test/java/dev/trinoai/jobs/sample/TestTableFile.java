package dev.trinoai.jobs.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestTableFile
{
    @TempDir
    Path directory;

    @Test
    void csvHasAHeaderAndQuotesOnlyFieldsWithCommasQuotesOrLineBreaks()
            throws IOException
    {
        try (TableFile file = new TableFile(directory, "t.csv", List.of("id", "name", "note", "amount", "day"))) {
            file.write("A-1", "Payments, EMEA rollout", "said \"soon\"\nthen late", new BigDecimal("12.50"), LocalDate.of(2026, 7, 1));
            file.writeOmitting("name", "A-2", "Plain", null, 3, null);
            file.repeatLastRow();
            file.blankLine();
            assertThat(file.rows()).isEqualTo(3);
        }

        assertThat(Files.readString(directory.resolve("t.csv"), UTF_8)).isEqualTo("""
                id,name,note,amount,day
                A-1,"Payments, EMEA rollout","said ""soon""
                then late",12.50,2026-07-01
                A-2,,,3,
                A-2,,,3,

                """);
        assertThat(SampleFiles.records(Files.readString(directory.resolve("t.csv"), UTF_8)).get(1))
                .containsExactly("A-1", "Payments, EMEA rollout", "said \"soon\"\nthen late", "12.50", "2026-07-01");
    }

    @Test
    void ndjsonWritesOneObjectPerLineWithNumbersAndNullsAndCanLeaveAFieldOut()
            throws IOException
    {
        try (TableFile file = new TableFile(directory, "t.ndjson", List.of("id", "project_id", "target", "closed"))) {
            file.write("R-1", "PRJ-0001", new BigDecimal("99.5"), null);
            file.writeOmitting("project_id", "R-2", "PRJ-0002", 250, "2026-01-02");
        }

        assertThat(Files.readString(directory.resolve("t.ndjson"), UTF_8)).isEqualTo("""
                {"id":"R-1","project_id":"PRJ-0001","target":99.5,"closed":null}
                {"id":"R-2","target":250,"closed":"2026-01-02"}
                """);
    }

    @Test
    void aRowMustHaveAValueForEveryColumn()
            throws IOException
    {
        try (TableFile file = new TableFile(directory, "t.csv", List.of("a", "b"))) {
            assertThatThrownBy(() -> file.write("only one"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("t.csv has 2 columns, got 1 values");
        }
    }
}
