package dev.trinoai.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * A started HTTP server on a free loopback port, and AWS-style responses, for the local servers that speak a cloud
 * API's wire protocol.
 */
public final class TestingHttp
{
    private TestingHttp() {}

    /**
     * @param executor null for the server's own calling thread
     */
    public static HttpServer loopback(HttpHandler handler, Executor executor)
    {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a whole response the way AWS services do: the content type and a request id of its own.
     */
    public static void respondAws(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
