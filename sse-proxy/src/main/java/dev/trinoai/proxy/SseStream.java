package dev.trinoai.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Server-Sent Events framing on a response body. Rows and heartbeats are written from different threads, so every
 * write is one synchronized frame followed by a flush: each event leaves the proxy the moment it is written.
 */
public final class SseStream
{
    private final OutputStream out;
    private final LongSupplier nanoTime;
    private long lastWrite;
    private long lastId;

    public SseStream(OutputStream out, LongSupplier nanoTime)
    {
        this.out = requireNonNull(out, "out is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.lastWrite = nanoTime.getAsLong();
    }

    /**
     * Writes {@code event}, {@code id} (1, 2, ... within the stream) and the data; a line break in the data starts
     * another {@code data:} line, as the format requires.
     */
    public synchronized void event(String name, String data)
            throws IOException
    {
        StringBuilder frame = new StringBuilder("event: ").append(name).append('\n')
                .append("id: ").append(++lastId).append('\n');
        write(appendData(frame, data));
    }

    /**
     * Writes an event with the data alone, no name or id: the AI SDK's UI message stream is such events, each a JSON
     * object (or its closing {@code [DONE]}).
     */
    public synchronized void data(String data)
            throws IOException
    {
        write(appendData(new StringBuilder(), data));
    }

    private static StringBuilder appendData(StringBuilder frame, String data)
    {
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n');
    }

    /**
     * A comment line, which clients ignore; it keeps proxies and load balancers from closing an idle stream and
     * finds out that the client has gone.
     */
    public synchronized void comment(String text)
            throws IOException
    {
        write(new StringBuilder(": ").append(text).append("\n\n"));
    }

    public synchronized long idleNanos()
    {
        return nanoTime.getAsLong() - lastWrite;
    }

    private void write(CharSequence frame)
            throws IOException
    {
        out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWrite = nanoTime.getAsLong();
    }
}
