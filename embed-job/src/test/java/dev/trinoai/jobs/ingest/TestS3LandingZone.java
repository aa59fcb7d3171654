package dev.trinoai.jobs.ingest;

import dev.trinoai.core.TestingPostgres;
import dev.trinoai.jobs.JobDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The S3 landing zone against a real S3-compatible server (S3Mock) on loopback.
 */
@TestInstance(PER_CLASS)
final class TestS3LandingZone
{
    private TestingS3Server server;
    private S3Client client;

    @BeforeAll
    void startServer()
            throws Exception
    {
        server = TestingS3Server.start("landing");
        client = server.client();
        put("pmo/exports/programs.csv", """
                program_id,name,portfolio,owner,start_date,status
                PRG-01,Apollo,Digital Channels,Ada Park,2023-01-02,active
                """);
        put("pmo/exports/budget_lines.csv", """
                project_id,month,category,planned_usd,actual_usd,forecast_usd
                PRJ-0001,2025-07,labor,100.00,120.00,125.00
                """);
        put("pmo/exports/nested/incidents.ndjson", "{}\n");
        put("pmo/exports/folder/", "");
        put("other/programs.csv", "program_id\nPRG-99\n");
        for (int i = 0; i < 1_005; i++) {
            put("many/file-%04d.csv".formatted(i), "x\n");
        }
    }

    @AfterAll
    void stopServer()
    {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsTheFilesUnderThePrefixThatMatchTheGlob()
            throws Exception
    {
        try (S3LandingZone zone = zone("s3://landing/pmo/exports")) {
            assertThat(zone.list("*.csv")).extracting(LandedFile::path).containsExactly("budget_lines.csv", "programs.csv");
            assertThat(zone.list("**/*.ndjson")).extracting(LandedFile::path).containsExactly("nested/incidents.ndjson");
            assertThat(zone.list("**")).extracting(LandedFile::path).doesNotContain("folder/");
            assertThat(zone.location()).isEqualTo("s3://landing/pmo/exports/");
        }
    }

    @Test
    void readsContentExactlyAndPagesThroughLongListings()
            throws Exception
    {
        try (S3LandingZone zone = zone("s3://landing/pmo/exports/"); InputStream in = zone.open(new LandedFile("programs.csv", -1))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("program_id,name").contains("PRG-01,Apollo");
        }
        try (S3LandingZone zone = zone("s3://landing/many")) {
            assertThat(zone.list("*.csv")).hasSize(1_005);
        }
    }

    @Test
    void theIngestJobLoadsFromS3()
            throws Exception
    {
        try (TestingPostgres postgres = TestingPostgres.create(); S3LandingZone zone = zone("s3://landing/pmo/exports")) {
            JobDatabase database = new JobDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password());
            IngestSummary summary = new IngestJob(database, zone, SourceMappings.load(TestIngestJob.SOURCES), new PrintStream(OutputStream.nullOutputStream())).runOnce(false);

            assertThat(summary.landing()).isEqualTo("s3://landing/pmo/exports/");
            assertThat(summary.files()).extracting(FileResult::path).containsExactly("programs.csv", "budget_lines.csv");
            assertThat(postgres.query("SELECT name FROM star.dim_program")).containsExactly("Apollo");
            // The budget line names a project that is not there: quarantined, not lost.
            assertThat(postgres.query("SELECT reason FROM staging.quarantine")).containsExactly("project_id 'PRJ-0001' is not in star.dim_project.project_code");
        }
    }

    @Test
    void aMissingBucketOrAnUnreachableEndpointIsNamed()
    {
        assertThatThrownBy(() -> {
            try (S3LandingZone zone = zone("s3://no-such-bucket/x")) {
                zone.list("*");
            }
        }).hasMessageContaining("cannot list s3://no-such-bucket/x/");
        assertThatThrownBy(() -> {
            try (S3LandingZone zone = S3LandingZone.create(URI.create("s3://landing/x"), Optional.of("us-east-1"), Optional.of(URI.create("http://127.0.0.1:1")))) {
                zone.list("*");
            }
        }).hasMessageContaining("cannot list s3://landing/x/");
    }

    @Test
    void rejectsLocationsThatAreNotS3()
    {
        for (String location : List.of("http://x/y", "s3:///prefix")) {
            assertThatThrownBy(() -> S3LandingZone.create(URI.create(location), Optional.empty(), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an S3 location: write s3://bucket or s3://bucket/prefix");
        }
    }

    private S3LandingZone zone(String location)
    {
        return new S3LandingZone(client, URI.create(location).getHost(), URI.create(location).getPath().substring(1));
    }

    private void put(String key, String content)
    {
        client.putObject(PutObjectRequest.builder().bucket("landing").key(key).build(), RequestBody.fromString(content));
    }
}
