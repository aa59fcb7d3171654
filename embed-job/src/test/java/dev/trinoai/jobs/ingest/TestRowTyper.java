package dev.trinoai.jobs.ingest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestRowTyper
{
    @Test
    void typesEveryKindOfValue()
    {
        SourceMapping mapping = mapping(List.of(
                column("t", ColumnType.TEXT, List.of()),
                column("i", ColumnType.INTEGER, List.of()),
                column("d", ColumnType.DECIMAL, List.of()),
                column("b", ColumnType.BOOLEAN, List.of()),
                column("day", ColumnType.DATE, List.of("yyyy-MM-dd", "MM/dd/yyyy", "dd.MM.yyyy")),
                column("month", ColumnType.DATE, List.of("yyyy-MM")),
                column("at", ColumnType.TIMESTAMP, List.of()),
                column("local", ColumnType.TIMESTAMP, List.of())));
        Map<String, String> fields = Map.of("t", " x ", "i", "12.0", "d", "1234.50", "b", "yes", "day", "03/15/2025", "month", "2025-07",
                "at", "2025-08-14T09:12:00Z", "local", "2025-08-14T09:12:00");

        RowTyper.Result result = new RowTyper(mapping).type(record(fields), "f.csv");

        assertThat(result).isInstanceOfSatisfying(RowTyper.Row.class, row -> assertThat(row.values()).containsExactly(
                "x", 12, new BigDecimal("1234.50"), true, LocalDate.of(2025, 3, 15), LocalDate.of(2025, 7, 1),
                OffsetDateTime.of(2025, 8, 14, 9, 12, 0, 0, ZoneOffset.UTC), OffsetDateTime.of(2025, 8, 14, 9, 12, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void namesEveryBadFieldAtOnce()
    {
        SourceMapping mapping = mapping(List.of(
                column("i", ColumnType.INTEGER, List.of()),
                column("b", ColumnType.BOOLEAN, List.of()),
                column("day", ColumnType.DATE, List.of()),
                column("us_day", ColumnType.DATE, List.of("MM/dd/yyyy"))));

        RowTyper.Result result = new RowTyper(mapping).type(record(Map.of("i", "1.5", "b", "maybe", "day", "2025-02-30", "us_day", "02/30/2025")), "f.csv");

        assertThat(result).isInstanceOfSatisfying(RowTyper.Problem.class, problem -> assertThat(problem.reason())
                .contains("field 'i':")
                .contains("field 'b': 'maybe' is not a boolean")
                .contains("field 'day': '2025-02-30' is not a date in ISO format")
                .contains("field 'us_day': '02/30/2025' matches none of the date formats"));
    }

    private static RawRecord record(Map<String, String> fields)
    {
        return new RawRecord(2, fields.toString(), Optional.empty(), fields::get, Optional.empty());
    }

    private static ColumnMapping column(String name, ColumnType type, List<String> formats)
    {
        return new ColumnMapping(name, List.of(name), ColumnMapping.Source.FIELD, Optional.empty(), type, false, formats, Optional.empty(), Optional.empty());
    }

    private static SourceMapping mapping(List<ColumnMapping> columns)
    {
        return new SourceMapping("s", "", "*.csv", SourceMapping.Format.CSV, 1, new SourceMapping.CsvOptions(",", null),
                new SourceMapping.JsonOptions(SourceMapping.JsonOptions.Records.ARRAY), "s", List.of(columns.getFirst().name()), columns, Optional.empty(), List.of(), List.of(), "s.yaml", "");
    }
}
