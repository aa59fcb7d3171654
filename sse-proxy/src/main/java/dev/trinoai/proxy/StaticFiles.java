package dev.trinoai.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The built chat page: from {@code ui.dir} when configured (for working on the page), otherwise from the {@code ui/}
 * folder the build packs into the jar. Paths without a file extension get index.html, so the page can own its URLs.
 */
final class StaticFiles
        implements HttpHandler
{
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private final Optional<Path> directory;

    StaticFiles(Optional<Path> directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    @Override
    public void handle(HttpExchange exchange)
            throws IOException
    {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            Exchanges.send(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes());
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.contains("..") || path.contains("\\")) {
            Exchanges.send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes());
            return;
        }
        String name = path.equals("/") || !path.substring(path.lastIndexOf('/') + 1).contains(".") ? "index.html" : path.substring(1);
        Optional<byte[]> content = read(name);
        if (content.isEmpty()) {
            boolean noPage = name.equals("index.html");
            Exchanges.send(exchange, 404, "text/plain; charset=utf-8",
                    (noPage ? "The chat page is not built: run ./mvnw install (it builds ui/ with npm).\n" : "not found\n").getBytes());
            return;
        }
        // Vite names assets by their content hash, so they never change; the page itself must always be fresh.
        exchange.getResponseHeaders().set("Cache-Control", name.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        String extension = name.substring(name.lastIndexOf('.') + 1);
        Exchanges.send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), content.get());
    }

    private Optional<byte[]> read(String name)
            throws IOException
    {
        if (directory.isPresent()) {
            Path file = directory.get().resolve(name).normalize();
            return file.startsWith(directory.get()) && Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream("/ui/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
