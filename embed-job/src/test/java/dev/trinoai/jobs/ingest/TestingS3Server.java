package dev.trinoai.jobs.ingest;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Adobe's S3Mock, a real S3-compatible HTTP server, in a process of its own on loopback. The build copies its jar to
 * target/s3mock (see the module's pom).
 */
final class TestingS3Server
        implements AutoCloseable
{
    private static final Path JAR = Path.of("target/s3mock/s3mock.jar");

    private final Process process;
    private final Path log;
    private final URI endpoint;

    private TestingS3Server(Process process, Path log, URI endpoint)
    {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    static TestingS3Server start(String... buckets)
            throws IOException, InterruptedException
    {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests through Maven, which copies it");
        }
        int httpPort = freePort();
        int httpsPort = freePort();
        Path log = Files.createTempFile("s3mock", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
        TestingS3Server server = new TestingS3Server(process, log, endpoint);
        // a Spring Boot start on a machine loaded by other builds can take minutes; a dead process fails at once
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!server.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                // read before close(), which deletes the log
                String output = Files.readString(log);
                server.close();
                throw new IllegalStateException("S3Mock did not start; its output:\n" + output);
            }
            Thread.sleep(250);
        }
        return server;
    }

    URI endpoint()
    {
        return endpoint;
    }

    S3Client client()
    {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private boolean answers()
    {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(1000);
            return connection.getResponseCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close()
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
