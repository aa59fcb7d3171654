package dev.trinoai.core.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Carries a streamed reply from the HTTP client's threads to the caller's: the providers' callbacks put events here,
 * and the caller takes them within the deadline, so the answer rows are emitted on the question's own thread and a
 * server that stalls mid-stream cannot hold the question past its timeout.
 */
final class ReplyStream
{
    private sealed interface Event {}

    private record Text(String text) implements Event {}

    private record Usage(LlmUsage usage) implements Event {}

    private record End() implements Event {}

    private record Failed(LlmException failure) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    void text(String text)
    {
        if (!text.isEmpty()) {
            events.add(new Text(text));
        }
    }

    void usage(LlmUsage usage)
    {
        events.add(new Usage(requireNonNull(usage, "usage is null")));
    }

    void end()
    {
        events.add(new End());
    }

    void fail(LlmException failure)
    {
        events.add(new Failed(requireNonNull(failure, "failure is null")));
    }

    /**
     * Hands the text to {@code chunks} until the reply ends, fails or the deadline passes; then {@code cancel} stops
     * the transfer unless it ended.
     */
    LlmUsage drain(Instant deadline, Consumer<String> chunks, Runnable cancel, Supplier<LlmException> timedOut)
    {
        LlmUsage usage = LlmUsage.NONE;
        boolean streamed = false;
        boolean ended = false;
        try {
            while (true) {
                Event event = events.poll(Math.max(0, Duration.between(Instant.now(), deadline).toNanos()), TimeUnit.NANOSECONDS);
                switch (event) {
                    case null -> throw timedOut.get();
                    case Text text -> {
                        chunks.accept(text.text());
                        streamed = true;
                    }
                    case Usage reported -> usage = reported.usage();
                    case End _ -> {
                        ended = true;
                        return usage;
                    }
                    // text already handed over cannot be taken back, so a failure after it is not retried
                    case Failed failed -> throw streamed ? new LlmException("the model stopped mid-answer: " + failed.failure().getMessage(), false, failed.failure()) : failed.failure();
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while the model was answering", false, e);
        }
        finally {
            if (!ended) {
                cancel.run();
            }
        }
    }
}
