package dev.trinoai.jobs.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("security")
final class TestCsvRecords
{
    @Test
    void readsQuotedDelimitersQuotesAndLineBreaksAndCountsPhysicalLines()
    {
        List<RawRecord> records = read("""
                id,name,note\r
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

    @Test
    void aLastRowWithoutALineBreakAndAQuoteOpenAtTheEndOfTheFileAreUnreadable()
    {
        assertThat(read("id,name\n1,a\n2,b", Optional.empty())).extracting(record -> record.problem().orElse("ok"))
                .containsExactly("ok", "is the last line of the file and has no line break after it: the file may have been cut short in the middle of this row; if the row is complete, end the file with a line break");
        assertThat(read("id,name\n1,a\n2,\"b\n3,c\n", Optional.empty())).extracting(record -> record.line() + " " + record.problem().orElse("ok"))
                .containsExactly("2 ok", "3 has a quoted field opened on line 3 that is not closed before the end of the file, so everything after it was read as that one field: the file was cut short or a closing quote is missing");
    }

    @Test
    void aRecordPastTheLimitKeepsOnlyItsStartAndTheNextRecordIsReadInStep()
    {
        String quoted = "\"" + "x,\"\"\n".repeat(RecordIterator.MAX_RECORD_LENGTH) + "\"";
        List<RawRecord> records = read("id,name\n1," + quoted + "\n2,b\n", Optional.empty());

        assertThat(records.getFirst().problem()).contains(RecordIterator.TOO_LONG);
        assertThat(records.getFirst().raw()).startsWith("1,\"x,\"\"\n").hasSizeLessThanOrEqualTo(RecordIterator.MAX_RECORD_LENGTH + 1);
        assertThat(records.get(1).line()).isEqualTo(2 + RecordIterator.MAX_RECORD_LENGTH + 1);
        assertThat(records.get(1).field().apply("name")).isEqualTo("b");
    }

    private static List<RawRecord> read(String text, Optional<String> overflow)
    {
        List<RawRecord> records = new ArrayList<>();
        new CsvRecords(new BufferedReader(new StringReader(text)), new SourceMapping.CsvOptions(",", overflow.orElse(null)), overflow).forEachRemaining(records::add);
        return records;
    }
}
