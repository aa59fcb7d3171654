package dev.trinoai.jobs.ingest;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestCsvRecords
{
    @Test
    void readsQuotedDelimitersQuotesAndLineBreaksAndCountsPhysicalLines()
    {
        List<RawRecord> records = read("""
                \uFEFFid,name,note\r
                1,"Payments, EMEA","said ""hi""\"\r
                2,plain,"two
                lines"

                3,last,
                """, Optional.empty());

        assertThat(records).extracting(RawRecord::line).containsExactly(2, 3, 6);
        assertThat(records.get(0).field().apply("id")).isEqualTo("1");
        assertThat(records.get(0).field().apply("name")).isEqualTo("Payments, EMEA");
        assertThat(records.get(0).field().apply("note")).isEqualTo("said \"hi\"");
        assertThat(records.get(1).field().apply("note")).isEqualTo("two\nlines");
        assertThat(records.get(2).field().apply("note")).isEqualTo("");
        assertThat(records.get(2).field().apply("nope")).isNull();
    }

    @Test
    void joinsSurplusFieldsIntoTheOverflowColumn()
    {
        List<RawRecord> records = read("""
                board,sprint,name,a,b
                137,1559,atlassian-selenium, anyone?,0,7
                980,2270,Sprint_July7-11,2014,4,4
                1,2,plain,3,4
                """, Optional.of("name"));

        assertThat(records).allMatch(record -> record.problem().isEmpty());
        assertThat(records).extracting(record -> record.field().apply("name"))
                .containsExactly("atlassian-selenium, anyone?", "Sprint_July7-11,2014", "plain");
        assertThat(records.get(1).field().apply("a")).isEqualTo("4");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsUnreadableAndKeepsItsText()
    {
        List<RawRecord> records = read("""
                id,name
                1,a,extra
                2
                """, Optional.empty());

        assertThat(records).extracting(record -> record.problem().orElseThrow())
                .containsExactly("has 3 fields; the header has 2", "has 1 fields; the header has 2");
        assertThat(records.getFirst().raw()).isEqualTo("1,a,extra");
    }

    private static List<RawRecord> read(String text, Optional<String> overflow)
    {
        List<RawRecord> records = new ArrayList<>();
        new CsvRecords(new BufferedReader(new StringReader(text)), new SourceMapping.CsvOptions(",", overflow.orElse(null)), overflow).forEachRemaining(records::add);
        return records;
    }
}
