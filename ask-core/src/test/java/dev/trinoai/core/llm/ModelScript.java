package dev.trinoai.core.llm;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
     * No answer for this long, then the reply.
     */
    public record Stall(Duration delay, Reply then)
            implements Step {}

    public record Call(String path, String authorization, JsonNode body) {}

    private final Queue<Step> steps = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

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
        steps.clear();
        calls.clear();
    }

    public List<Call> calls()
    {
        return List.copyOf(calls);
    }

    /**
     * The scripted answer to this call, after waiting out a stall: a reply or a failure, empty when the server's
     * thread was interrupted while it stalled.
     */
    Optional<Step> next(Call call)
    {
        calls.add(call);
        Step step = steps.poll();
        if (step == null) {
            return Optional.of(new Failure(500, "InternalServerException", "the test scripted no reply for this call"));
        }
        if (step instanceof Stall(Duration delay, Reply then)) {
            try {
                Thread.sleep(delay);
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
