package dev.trinoai.jobs.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSourceMappings
{
    private static final String VALID = """
            source: things
            files: "things*.csv"
            format: csv
            staging_table: things
            key: [id]
            columns:
              - {name: id, type: text, required: true}
              - {name: seen_on, type: date, formats: [dd.MM.yyyy]}
            """;

    @TempDir
    Path folder;

    @Test
    void theProjectsOwnMappingsAreValidAndOrderedByStage()
    {
        List<SourceMapping> mappings = SourceMappings.load(TestIngestJob.SOURCES);
        assertThat(mappings).extracting(SourceMapping::source).startsWith("programs", "projects", "teams");
        assertThat(mappings).isSortedAccordingTo((a, b) -> Integer.compare(a.stage(), b.stage()));
    }

    @Test
    void readsDefaults()
            throws IOException
    {
        SourceMapping mapping = SourceMappings.loadFile(write("things.yaml", VALID));
        assertThat(mapping.stage()).isEqualTo(1);
        assertThat(mapping.csv().delimiter()).isEqualTo(',');
        assertThat(mapping.column("id").orElseThrow().path()).containsExactly("id");
        assertThat(mapping.column("seen_on").orElseThrow().required()).isFalse();
    }

    @Test
    void anUnknownKeyIsReportedWithItsLine()
            throws IOException
    {
        Path file = write("things.yaml", VALID.replace("format: csv", "format: csv\nstaging_tabel: oops"));
        assertThatThrownBy(() -> SourceMappings.loadFile(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ": line 4: ")
                .hasMessageContaining("unknown key 'staging_tabel'");
    }

    @Test
    void aBadValueIsReportedWithItsLine()
            throws IOException
    {
        Path file = write("things.yaml", VALID.replace("type: date", "type: datetime"));
        assertThatThrownBy(() -> SourceMappings.loadFile(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file + ": line 8");
    }

    @Test
    void semanticProblemsAreAllNamed()
            throws IOException
    {
        Path file = write("things.yaml", """
                source: Things
                files: "things*.csv"
                format: csv
                csv: {overflow: label}
                staging_table: things
                key: [id, missing]
                columns:
                  - {name: id, type: text}
                  - {name: n, type: integer, formats: [yyyy]}
                  - {name: k, type: text, from: key}
                  - {name: f, type: text, from: file}
                  - {name: r, type: text, references: dim_thing}
                """);
        assertThatThrownBy(() -> SourceMappings.loadFile(file))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("source 'Things' must be a lower-case identifier")
                .hasMessageContaining("column 'n' is integer and takes no formats")
                .hasMessageContaining("column 'k' is read from the record key, which only format: json with json.records: object has")
                .hasMessageContaining("column 'f' is read from the file path and needs a pattern with one group")
                .hasMessageContaining("column 'r' references 'dim_thing', which is not schema.table.column")
                .hasMessageContaining("key column 'id' must be required: true")
                .hasMessageContaining("key column 'missing' is not among the columns")
                .hasMessageContaining("csv.overflow names 'label', which is not among the columns");
    }

    @Test
    void twoMappingsMayNotShareAName()
            throws IOException
    {
        write("a.yaml", VALID);
        write("b.yaml", VALID);
        assertThatThrownBy(() -> SourceMappings.load(folder))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("Two mappings in %s are named 'things'".formatted(folder));
    }

    @Test
    void aMissingFolderIsNamed()
    {
        assertThatThrownBy(() -> SourceMappings.load(folder.resolve("nope")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void everyProblemOfADeclaredStarTableIsNamed()
            throws IOException
    {
        Path file = write("things.yaml", VALID + """
                star_tables:
                  - name: fact_things
                    columns:
                      - {name: thing_code, type: text}
                      - {name: thing_code, type: varchar}
                      - {name: seen_key, type: integer, references: staging.things.id}
                    primary_key: [thing_id]
                peers: [colour]
                """);
        assertThatThrownBy(() -> SourceMappings.loadFile(file))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("star table 'fact_things' defines column 'thing_code' twice")
                .hasMessageContaining("star table 'fact_things' column 'thing_code' has type 'varchar'; known: text, integer")
                .hasMessageContaining("star table 'fact_things' column 'seen_key' references 'staging.things.id', which is not star.table.column")
                .hasMessageContaining("star table 'fact_things' has primary key column 'thing_id', which is not among its columns")
                .hasMessageContaining("peers names 'colour', which is not among the columns");
    }

    @Test
    void aStarTableIsDeclaredByOneMappingOnly()
            throws IOException
    {
        String declared = """
                star_tables:
                  - name: dim_thing
                    columns: [{name: thing_code, type: text, unique: true}]
                """;
        Path first = write("a.yaml", VALID + declared);
        Path second = write("b.yaml", VALID.replace("source: things", "source: other_things") + declared);
        assertThatThrownBy(() -> SourceMappings.load(folder))
                .isInstanceOf(MappingException.class)
                .hasMessage("%s and %s both declare star table 'dim_thing': declare it in one of them".formatted(first, second));
    }

    @Test
    void aMappingKnowsItsFileAndTheFilesChecksum()
            throws IOException
    {
        Path file = write("things.yaml", VALID);
        SourceMapping mapping = SourceMappings.loadFile(file);
        assertThat(mapping.origin()).isEqualTo(file.toString());
        assertThat(mapping.mappingSha256()).hasSize(64);
        assertThat(SourceMappings.loadFile(write("things.yaml", VALID + "# a comment changes the version too\n")).mappingSha256()).isNotEqualTo(mapping.mappingSha256());
    }

    private Path write(String name, String content)
            throws IOException
    {
        return Files.writeString(folder.resolve(name), content);
    }
}
