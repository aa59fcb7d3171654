package dev.trinoai.core;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * A started HTTP server on a free loopback port, for the local servers that speak a cloud API's wire protocol.
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
}
