package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * In front of every handler: the security headers on every response, and the whole request body read (at most
 * {@code http.max-body-bytes}, else 413) before the request's deadline ({@link RequestDeadlines}) is met, so a slow
 * body is cut off like slow headers. The handler finds the body with {@link #body(HttpExchange)}.
 */
final class ClientGuard
        implements HttpHandler
{
    /**
     * For the built chat page: its one script and its one style sheet come from /assets (Vite writes no inline script or
     * style), it talks only to this origin, and no page may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    private static final String BODY = ClientGuard.class.getName() + ".body";

    private final HttpHandler handler;
    private final boolean api;
    private final int maxBodyBytes;
    private final ObjectMapper json;

    /**
     * @param api whether the handler answers API calls, whose responses must never be cached
     */
    ClientGuard(HttpHandler handler, boolean api, int maxBodyBytes, ObjectMapper json)
    {
        this.handler = requireNonNull(handler, "handler is null");
        this.api = api;
        this.maxBodyBytes = maxBodyBytes;
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public void handle(HttpExchange exchange)
            throws IOException
    {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (api) {
            headers.set("Cache-Control", "no-store");
        }
        if (declaredLength(exchange) > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        RequestDeadlines.requestRead();
        exchange.setAttribute(BODY, body);
        handler.handle(exchange);
    }

    /**
     * The request body, read by the guard.
     */
    static byte[] body(HttpExchange exchange)
    {
        return exchange.getAttribute(BODY) instanceof byte[] body ? body : new byte[0];
    }

    private static long declaredLength(HttpExchange exchange)
    {
        try {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            return length == null ? 0 : Long.parseLong(length.strip());
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }

    private void tooLarge(HttpExchange exchange)
            throws IOException
    {
        // The rest of the body is not read, so the connection cannot carry another request.
        exchange.getResponseHeaders().set("Connection", "close");
        Exchanges.sendJson(exchange, 413, json.createObjectNode()
                .put("error", "too_large")
                .put("message", "The request body is larger than %d bytes (http.max-body-bytes).".formatted(maxBodyBytes)));
    }
}
