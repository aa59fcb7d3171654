package dev.trinoai.jobs.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.trinoai.jobs.ingest.FileResult.Status.FAILED;
import static dev.trinoai.jobs.ingest.FileResult.Status.LOADED;
import static dev.trinoai.jobs.ingest.FileResult.Status.UNCHANGED;
import static dev.trinoai.jobs.ingest.IngestFixture.BUDGET;
import static dev.trinoai.jobs.ingest.IngestFixture.PROGRAMS;
import static dev.trinoai.jobs.ingest.IngestFixture.file;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Landing files that are broken the ways transfers and exports break them: cut short, in another encoding, with the
 * wrong columns, with a line that never ends, empty, with NUL bytes. Good files are loaded first; a malformed file
 * then lands, often over a good one, next to a good file of another source. In every case the malformed rows or file
 * are quarantined with a reason that says what to fix, the run goes on to the good file, nothing already loaded
 * changes, and the fixed file loads on the next run.
 */
@Tag("security")
final class TestMalformedLandingFiles
{
    private static final String OKRS = """
            {"okr_id": "OKR-1", "program_id": "PRG-01", "quarter": "2025-Q3", "objective": "Faster checkout", "key_result": "p95 under 2 s", "target": 2, "current": 3.1}
            {"okr_id": "OKR-2", "program_id": "PRG-02", "quarter": "2025-Q3", "objective": "One ledger", "key_result": "systems retired", "target": 4, "current": 1}
            """;
    // A file of another source, landed beside each malformed one: the run must go on to load it.
    private static final String TEAMS = """
            team_id,name,program_id,lead,headcount
            TEAM-1,Checkout squad,PRG-01,Ada Park,7
            """;
    private static final String BUDGET_HEADER = BUDGET.lines().findFirst().orElseThrow() + "\n";
    private static final String LAST_BUDGET_ROW = "PRJ-0002,2025-07,vendor,50000.00,49000.00,50000.00\n";
    private static final String NEW_BUDGET_ROW = "PRJ-0002,2025-08,vendor,50000.00,51000.00,52000.00\n";

    @TempDir
    Path landing;

    private IngestFixture fixture;
    private List<String> loaded;

    @BeforeEach
    void loadGoodFiles()
            throws Exception
    {
        fixture = new IngestFixture(landing);
        fixture.write("okrs.ndjson", OKRS);
        assertThat(fixture.ingest().count(LOADED)).isEqualTo(4);
        loaded = fixture.snapshot();
    }

    @AfterEach
    void dropDatabase()
    {
        fixture.close();
    }

    @Test
    void aCsvFileCutInTheMiddleOfItsLastRowLoadsTheCompleteRowsAndQuarantinesTheCutOne()
            throws Exception
    {
        // Cut in the last field: the row still has six fields, and would have set the forecast to 50 instead of 50,000.
        String cut = BUDGET.substring(0, BUDGET.length() - "000.00\n".length());

        FileResult budget = ingestBeside("budget_lines.csv", cut);

        assertCounts(budget, LOADED, 3, 0, 1);
        assertThat(budget.unchanged()).isEqualTo(2);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "5 row is the last line of the file and has no line break after it: the file may have been cut short in the middle of this row; if the row is complete, end the file with a line break");
        assertThat(fixture.query("SELECT raw FROM staging.quarantine WHERE path = 'budget_lines.csv'")).containsExactly("PRJ-0002,2025-07,vendor,50000.00,49000.00,50");

        assertFixedFileLoads("budget_lines.csv", BUDGET + NEW_BUDGET_ROW, 1);
    }

    /**
     * The complete rows before an unclosed quote load and the rest is quarantined as one record, rather than the file
     * being rejected: every row is an upsert by key and nothing is ever deleted, so a file cut short can only add or
     * correct rows, never lose any; holding back its complete rows would gain nothing. The quarantined record says
     * where the quote opened, which is where to look.
     */
    @Test
    void aCsvFileCutInsideAQuotedFieldLoadsTheRowsBeforeTheQuoteAndNeverAHalfRow()
            throws Exception
    {
        String cut = BUDGET.replace(LAST_BUDGET_ROW, "PRJ-0002,2025-07,\"vendor,50000.00,49000.00,50000.00\n" + NEW_BUDGET_ROW);

        FileResult budget = ingestBeside("budget_lines.csv", cut);

        assertCounts(budget, LOADED, 3, 0, 1);
        assertThat(budget.unchanged()).isEqualTo(2);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "5 row has a quoted field opened on line 5 that is not closed before the end of the file, so everything after it was read as that one field: the file was cut short or a closing quote is missing");

        assertFixedFileLoads("budget_lines.csv", BUDGET + NEW_BUDGET_ROW, 1);
    }

    @Test
    void anNdjsonFileWithABrokenLineAndACutLastObjectLoadsTheOtherLines()
            throws Exception
    {
        String broken = OKRS.lines().toList().get(0) + "\n"
                + "{\"okr_id\": \"OKR-3\", \"program_id\": PRG-01}\n"
                + OKRS.lines().toList().get(1) + "\n"
                + "{\"okr_id\": \"OKR-4\", \"program_id\": \"PRG-0";

        FileResult okrs = ingestBeside("okrs.ndjson", broken);

        assertCounts(okrs, LOADED, 4, 0, 2);
        assertThat(quarantine("okrs.ndjson")).containsExactly(
                "2 row is not valid JSON: Unrecognized token 'PRG': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                "4 row is not valid JSON: Unexpected end-of-input: was expecting closing quote for a string value");

        assertFixedFileLoads("okrs.ndjson", OKRS + "{\"okr_id\": \"OKR-3\", \"program_id\": \"PRG-01\", \"quarter\": \"2025-Q4\", \"objective\": \"o\", \"key_result\": \"k\"}\n", 1);
    }

    /**
     * ASCII reads the same in Latin-1 and UTF-8, so only the rows with other bytes are quarantined; none of them
     * reaches the star schema with a replacement character for a name.
     */
    @Test
    void aRowWithBytesThatAreNotUtf8IsQuarantinedWithTheLineAndByteAndTheOtherRowsLoad()
            throws Exception
    {
        byte[] latin1 = (PROGRAMS + "PRG-03,Café,Retail,Eve Ma,2024-01-01,active\n").getBytes(StandardCharsets.ISO_8859_1);

        FileResult programs = ingestBeside("programs.csv", latin1);

        assertCounts(programs, LOADED, 3, 0, 1);
        assertThat(programs.unchanged()).isEqualTo(2);
        int offset = PROGRAMS.length() + "PRG-03,Caf".length();
        assertThat(quarantine("programs.csv")).containsExactly(
                "4 byte 0xE9 at line 4 (byte offset %d) is not valid UTF-8: the file was saved in another encoding (Latin-1 and Windows-1252 exports do this) or damaged; save it as UTF-8 and land it again".formatted(offset));
        assertThat(fixture.query("SELECT count(*)::text FROM star.dim_program WHERE strpos(name, U&'\\FFFD') > 0")).containsExactly("0");

        assertFixedFileLoads("programs.csv", PROGRAMS + "PRG-03,Café,Retail,Eve Ma,2024-01-01,active\n", 1);
        assertThat(fixture.query("SELECT name FROM star.dim_program WHERE program_code = 'PRG-03'")).containsExactly("Café");
    }

    @Test
    void aUtf16FileIsRejectedAndAUtf8ByteOrderMarkIsSkipped()
            throws Exception
    {
        FileResult utf16 = ingestBeside("programs.csv", PROGRAMS.getBytes(StandardCharsets.UTF_16));

        assertCounts(utf16, FAILED, 0, 0, 0);
        assertThat(quarantine("programs.csv")).containsExactly(
                "0 the file could not be loaded: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8 and land it again");

        IngestSummary next = landAndIngest("programs.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, PROGRAMS.getBytes(StandardCharsets.UTF_8)));
        assertThat(file(next, "programs.csv").status()).isEqualTo(LOADED);
        assertThat(file(next, "programs.csv").unchanged()).isEqualTo(2);
        assertThat(fixture.snapshot()).isEqualTo(loaded);
    }

    @Test
    void aHeaderWithoutARequiredColumnRejectsTheFileNamingTheColumn()
            throws Exception
    {
        String noProjectId = BUDGET.lines()
                .map(line -> line.isEmpty() ? line : line.substring(line.indexOf(',') + 1))
                .reduce("", (text, line) -> text + line + "\n");

        FileResult budget = ingestBeside("budget_lines.csv", noProjectId);

        assertCounts(budget, FAILED, 0, 0, 0);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "0 the file could not be loaded: the header has no column 'project_id', which the mapping of source 'budget_lines' requires; the header is: month,category,planned_usd,actual_usd,forecast_usd. "
                        + "Add the column to the file, or name the export's column under path: in the mapping");

        assertFixedFileLoads("budget_lines.csv", BUDGET + NEW_BUDGET_ROW, 1);
    }

    @Test
    void aHeaderWithMoreColumnsLoadsAndARowWithTooManyFieldsIsQuarantined()
            throws Exception
    {
        String extraColumn = BUDGET.lines()
                .map(line -> line.isEmpty() ? line : line + (line.startsWith("project_id") ? ",comment" : ",ok"))
                .reduce("", (text, line) -> text + line + "\n")
                + "PRJ-0002,2025-08,vendor,50000.00,51000.00,52000.00,ok,surplus\n";

        FileResult budget = ingestBeside("budget_lines.csv", extraColumn);

        assertCounts(budget, LOADED, 4, 0, 1);
        assertThat(budget.unchanged()).isEqualTo(3);
        assertThat(quarantine("budget_lines.csv")).containsExactly("6 row has 8 fields; the header has 7");

        assertFixedFileLoads("budget_lines.csv", BUDGET + NEW_BUDGET_ROW, 1);
    }

    @Test
    void aLineOf20MegabytesIsQuarantinedWithABoundedPrefixAndTheNextLinesLoad()
            throws Exception
    {
        String huge = BUDGET.replace(LAST_BUDGET_ROW, "x".repeat(20 << 20) + "\n" + LAST_BUDGET_ROW);

        FileResult budget = ingestBeside("budget_lines.csv", huge);

        assertCounts(budget, LOADED, 4, 0, 1);
        assertThat(budget.unchanged()).isEqualTo(3);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "5 row is longer than 1,048,576 characters, the most one record may have: a line break or a closing quote is probably missing; fix the record or split it");
        assertThat(fixture.query("SELECT length(raw)::text FROM staging.quarantine WHERE path = 'budget_lines.csv'")).containsExactly("10000");

        assertFixedFileLoads("budget_lines.csv", BUDGET + NEW_BUDGET_ROW, 1);
    }

    @Test
    void aQuotedFieldOfSeveralMegabytesIsQuarantinedAndTheRowsAfterItStayInStep()
            throws Exception
    {
        // The field holds delimiters, quotes and line breaks: read past the limit, they must still not start new rows.
        String field = "\"" + "a,\"\"b\"\"\nc".repeat(1 << 20) + "\"";
        String huge = BUDGET.replace(LAST_BUDGET_ROW, "PRJ-0002,2025-08," + field + ",1,1,1\n" + LAST_BUDGET_ROW);

        FileResult budget = ingestBeside("budget_lines.csv", huge);

        assertCounts(budget, LOADED, 4, 0, 1);
        assertThat(budget.unchanged()).isEqualTo(3);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "5 row is longer than 1,048,576 characters, the most one record may have: a line break or a closing quote is probably missing; fix the record or split it");

        assertFixedFileLoads("budget_lines.csv", BUDGET + NEW_BUDGET_ROW, 1);
    }

    @Test
    void anEmptyFileIsRejectedOnceAndAFileWithOnlyAHeaderLoadsNothing()
            throws Exception
    {
        FileResult empty = ingestBeside("budget_lines.csv", "");

        assertCounts(empty, FAILED, 0, 0, 0);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "0 the file could not be loaded: the file is empty (0 bytes): a CSV file starts with its header row, so the export or the transfer was cut short; land the whole file again");

        // A failed file is tried again on every run, but its failure is quarantined once.
        IngestSummary again = fixture.ingest();
        assertThat(again.count(FAILED)).isEqualTo(1);
        assertThat(quarantine("budget_lines.csv")).hasSize(1);

        IngestSummary headerOnly = landAndIngest("budget_lines.csv", BUDGET_HEADER);
        assertCounts(file(headerOnly, "budget_lines.csv"), LOADED, 0, 0, 0);
        assertThat(fixture.snapshot()).isEqualTo(loaded);
    }

    @Test
    void aNulCharacterQuarantinesItsRowAndOtherControlCharactersLoadAsTheyAre()
            throws Exception
    {
        String nul = BUDGET + "PRJ-0002,2025-08,ven\0dor,50000.00,51000.00,52000.00\n";

        FileResult budget = ingestBeside("budget_lines.csv", nul);

        assertCounts(budget, LOADED, 4, 0, 1);
        assertThat(quarantine("budget_lines.csv")).containsExactly(
                "6 field 'category' contains a NUL character (byte 0x00), which PostgreSQL cannot store; remove it from the file");
        assertThat(fixture.query("SELECT raw FROM staging.quarantine WHERE path = 'budget_lines.csv'")).containsExactly("PRJ-0002,2025-08,ven\u2400dor,50000.00,51000.00,52000.00");

        assertFixedFileLoads("budget_lines.csv", BUDGET + "PRJ-0002,2025-08,\"ven\u0001\tdor\",50000.00,51000.00,52000.00\n", 1);
        assertThat(fixture.query("SELECT category FROM star.fact_budget WHERE category NOT IN ('labor', 'vendor')")).containsExactly("ven\u0001\tdor");
    }

    @Test
    void aSecondRunWithTheSameMalformedFilesQuarantinesNothingAgain()
            throws Exception
    {
        fixture.write("budget_lines.csv", BUDGET + "PRJ-0001,2025-09,labor,lots,1.00,1.00\n");
        fixture.write("programs.csv", PROGRAMS.getBytes(StandardCharsets.UTF_16));
        IngestSummary first = fixture.ingest();
        assertThat(first.quarantined()).isEqualTo(1);
        assertThat(first.count(FAILED)).isEqualTo(1);
        List<String> quarantined = fixture.query("SELECT row(q.*)::text FROM staging.quarantine q ORDER BY 1");

        IngestSummary second = fixture.ingest();

        assertThat(file(second, "budget_lines.csv").status()).isEqualTo(UNCHANGED);
        assertThat(file(second, "programs.csv").status()).isEqualTo(FAILED);
        assertThat(fixture.query("SELECT row(q.*)::text FROM staging.quarantine q ORDER BY 1")).isEqualTo(quarantined);
        assertThat(fixture.snapshot()).isEqualTo(loaded);
    }

    /**
     * Lands the file beside a good file of another source and runs the job: the run goes on to the good file, and
     * nothing already loaded changes.
     */
    private FileResult ingestBeside(String name, String content)
            throws Exception
    {
        return ingestBeside(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private FileResult ingestBeside(String name, byte[] content)
            throws Exception
    {
        fixture.write("teams.csv", TEAMS);
        IngestSummary summary = landAndIngest(name, content);
        assertThat(file(summary, "teams.csv").status()).isEqualTo(LOADED);
        assertThat(fixture.snapshot()).isEqualTo(loaded);
        return file(summary, name);
    }

    private IngestSummary landAndIngest(String name, String content)
            throws Exception
    {
        return landAndIngest(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private IngestSummary landAndIngest(String name, byte[] content)
            throws Exception
    {
        fixture.write(name, content);
        return fixture.ingest();
    }

    private void assertFixedFileLoads(String name, String content, long inserted)
            throws Exception
    {
        FileResult fixed = file(landAndIngest(name, content), name);
        assertThat(fixed.status()).isEqualTo(LOADED);
        assertThat(fixed.inserted()).isEqualTo(inserted);
        assertThat(fixed.quarantined()).isZero();
    }

    private static void assertCounts(FileResult file, FileResult.Status status, long read, long inserted, long quarantined)
    {
        assertThat(file.status()).isEqualTo(status);
        assertThat(file.read()).as("read").isEqualTo(read);
        assertThat(file.inserted()).as("inserted").isEqualTo(inserted);
        assertThat(file.quarantined()).as("quarantined").isEqualTo(quarantined);
    }

    private List<String> quarantine(String path)
    {
        return fixture.query("SELECT line || ' ' || reason FROM staging.quarantine WHERE path = '%s' ORDER BY line, quarantine_id".formatted(path));
    }

    private static byte[] concat(byte[] first, byte[] second)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.write(second);
        return out.toByteArray();
    }
}
