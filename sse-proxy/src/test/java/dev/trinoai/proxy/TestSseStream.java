package dev.trinoai.proxy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

final class TestSseStream
{
    @Test
    void framesEventsWithNumberedIdsAndOneDataLinePerLine()
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        SseStream stream = new SseStream(out, now::get);

        now.set(3);
        stream.event("number", "{\"value\":1}");
        stream.event("sql", "SELECT 1\nFROM t\r\nWHERE x");
        now.set(8);
        assertThat(stream.idleNanos()).isEqualTo(5);
        stream.comment("heartbeat");
        assertThat(stream.idleNanos()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                event: number
                id: 1
                data: {"value":1}

                event: sql
                id: 2
                data: SELECT 1
                data: FROM t
                data: WHERE x

                : heartbeat

                """);
    }

    @Test
    void framesDataOnlyEventsForTheUiMessageStream()
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SseStream stream = new SseStream(out, System::nanoTime);

        stream.data("{\"type\":\"start\"}");
        stream.data("[DONE]");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                data: {"type":"start"}

                data: [DONE]

                """);
    }
}
