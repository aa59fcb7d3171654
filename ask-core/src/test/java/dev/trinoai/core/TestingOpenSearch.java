package dev.trinoai.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The OpenSearch node of the tests: {@code AI_TEST_OPENSEARCH_URL} when set (a server already running), else the
 * local node of {@code scripts/opensearch.sh} (instance {@code test}), started on first use and stopped when this JVM
 * ends if this JVM started it. Each test keeps to indexes of its own prefix and drops them.
 */
public final class TestingOpenSearch
{
    private static URI url;

    private TestingOpenSearch() {}

    public static synchronized URI url()
    {
        if (url == null) {
            url = Optional.ofNullable(System.getenv("AI_TEST_OPENSEARCH_URL")).filter(value -> !value.isBlank()).map(URI::create).orElseGet(TestingOpenSearch::start);
        }
        return url;
    }

    private static URI start()
    {
        boolean running = script("status").exitCode() == 0;
        Result started = script("start");
        if (started.exitCode() != 0) {
            throw new IllegalStateException("scripts/opensearch.sh start failed (exit %d): %s".formatted(started.exitCode(), started.output()));
        }
        if (!running) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> script("stop")));
        }
        List<String> lines = started.output().lines().filter(line -> line.startsWith("http")).toList();
        return URI.create(lines.getLast().strip());
    }

    private record Result(int exitCode, String output) {}

    private static Result script(String command)
    {
        Path root = root();
        try {
            Path log = Files.createTempFile("opensearch-script", ".log");
            ProcessBuilder builder = new ProcessBuilder(root.resolve("scripts/opensearch.sh").toString(), command)
                    .directory(root.toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("OPENSEARCH_INSTANCE", "test");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exitCode = process.waitFor();
            String errors = Files.readString(log);
            Files.delete(log);
            return new Result(exitCode, output + errors);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root()
    {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("scripts/opensearch.sh"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("scripts/opensearch.sh not found above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }
}
