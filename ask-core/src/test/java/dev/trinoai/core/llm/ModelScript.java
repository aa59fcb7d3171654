package dev.trinoai.core.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * What a local model server answers, call by call, and what it was asked: shared by the servers of each wire
 * protocol, so a test states the model's behaviour once.
 */
public final class ModelScript
{
    public sealed interface Step {}

    /**
     * A reply, streamed as these chunks when the call streams.
     */
    public record Reply(List<String> chunks, int inputTokens, int outputTokens)
            implements Step
    {
        public Reply
        {
            chunks = List.copyOf(chunks);
        }

        public String text()
        {
            return String.join("", chunks);
        }
    }

    /**
     * An error response, e.g. 429 ThrottlingException.
     */
    public record Failure(int status, String code, String message)
            implements Step {}

    /**
     * No answer until the test moves on (the script is reset or the server closed), then the reply: a client's timeout
     * is the only way the call ends within the test, however slow the machine, and no test waits out a delay.
     */
    public record Stall(Reply then)
            implements Step {}

    public record Call(String path, String authorization, JsonNode body) {}

    private final Queue<Step> steps = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch stalled = new CountDownLatch(1);

    public static Reply reply(String... chunks)
    {
        return new Reply(List.of(chunks), 100, chunks.length);
    }

    public static Failure throttled()
    {
        return new Failure(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    public ModelScript then(Step step)
    {
        steps.add(requireNonNull(step, "step is null"));
        return this;
    }

    public void reset()
    {
        stalled.countDown();
        stalled = new CountDownLatch(1);
        steps.clear();
        calls.clear();
    }

    public List<Call> calls()
    {
        return List.copyOf(calls);
    }

    /**
     * The scripted answer to this call, after a stall is released: a reply or a failure, empty when the server's
     * thread was interrupted while it stalled (the server closed).
     */
    Optional<Step> next(Call call)
    {
        calls.add(call);
        Step step = steps.poll();
        if (step == null) {
            return Optional.of(new Failure(500, "InternalServerException", "the test scripted no reply for this call"));
        }
        if (step instanceof Stall(Reply then)) {
            try {
                stalled.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            return Optional.of(then);
        }
        return Optional.of(step);
    }
}
