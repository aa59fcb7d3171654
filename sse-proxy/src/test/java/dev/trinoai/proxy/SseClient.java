package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test's view of the proxy: whole SSE responses parsed into events, and a raw socket for streams the test
 * abandons half-way (the JDK's HTTP client does not promise to close the connection when told to stop reading).
 */
final class SseClient
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SseClient() {}

    /**
     * @param name the event's name, {@code message} (the format's default) for an event without one
     * @param data the data as JSON, or as a text node when it is not JSON (the UI message stream's {@code [DONE]})
     */
    record Event(String name, long id, JsonNode data, long receivedNanos) {}

    record Response(int status, HttpHeaders headers, String body, List<Event> events)
    {
        JsonNode json()
        {
            try {
                return JSON.readTree(body);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Event last()
        {
            return events.getLast();
        }
    }

    static Response ask(URI proxy, Optional<String> user, String question)
    {
        return post(proxy, user, JSON.createObjectNode().put("question", question).toString());
    }

    static Response post(URI proxy, Optional<String> user, String body)
    {
        return post(proxy.resolve("/ask"), user, body, Map.of());
    }

    /**
     * POST /api/chat with a body as useChat sends it.
     */
    static Response chat(URI proxy, Optional<String> user, JsonNode body)
    {
        return post(proxy.resolve("/api/chat"), user, body.toString(), Map.of());
    }

    /**
     * A GET, or a POST with a JSON body, of the conversations API, with the user's token.
     */
    static Response api(URI target, String method, Optional<String> user, Optional<String> body)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .method(method, body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        user.ifPresent(name -> request.header("Authorization", "Bearer " + TestingAskStack.token(name)));
        return send(request);
    }

    /**
     * A POST to {@code target} (/ask with whatever query string the test adds) with more headers besides the token.
     */
    static Response post(URI target, Optional<String> user, String body, Map<String, String> headers)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        user.ifPresent(name -> request.header("Authorization", "Bearer " + TestingAskStack.token(name)));
        headers.forEach(request::header);
        return send(request);
    }

    private static Response send(HttpRequest.Builder request)
    {
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                    return new Response(response.statusCode(), response.headers(), "", readEvents(in));
                }
                return new Response(response.statusCode(), response.headers(), new String(in.readAllBytes(), StandardCharsets.UTF_8), List.of());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(URI uri)
            throws IOException, InterruptedException
    {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Event> readEvents(InputStream in)
            throws IOException
    {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Event> events = new ArrayList<>();
        String name = null;
        long id = 0;
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(name == null ? "message" : name, id, json(data.toString()), System.nanoTime()));
                }
                name = null;
                data = null;
            }
            else if (line.startsWith("event: ")) {
                name = line.substring(7);
            }
            else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            }
            else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(line.substring(6));
            }
        }
        return events;
    }

    private static JsonNode json(String data)
    {
        try {
            return JSON.readTree(data);
        }
        catch (IOException e) {
            return JSON.getNodeFactory().textNode(data);
        }
    }

    /**
     * Opens a stream on a raw socket and returns once {@code until} has arrived, with the socket still open.
     */
    static Socket openStream(URI proxy, String user, String question, String until)
            throws IOException
    {
        return openStream(proxy, "/ask", user, JSON.createObjectNode().put("question", question), until);
    }

    /**
     * Posts {@code request} to {@code path} on a raw socket and returns once {@code until} has arrived, with the socket
     * still open.
     */
    static Socket openStream(URI proxy, String path, String user, JsonNode request, String until)
            throws IOException
    {
        Socket socket = new Socket(proxy.getHost(), proxy.getPort());
        socket.setSoTimeout(60_000);
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                .formatted(path, proxy.getHost(), proxy.getPort(), TestingAskStack.token(user), body.length)).getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
        StringBuilder seen = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(until)) {
            int read = in.read(buffer);
            if (read < 0) {
                socket.close();
                throw new IOException("the stream ended before %s; got:%n%s".formatted(until, seen));
            }
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return socket;
    }
}
