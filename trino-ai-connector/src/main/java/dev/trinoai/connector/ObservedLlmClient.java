package dev.trinoai.connector;

import dev.trinoai.core.llm.LlmClient;
import dev.trinoai.core.llm.LlmReply;
import dev.trinoai.core.llm.LlmRequest;
import dev.trinoai.core.llm.LlmUsage;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The catalog's language model, each call counted with its tokens and time, also for the question it was made for.
 */
final class ObservedLlmClient
        implements LlmClient
{
    private final LlmClient client;
    private final LlmStats stats;

    ObservedLlmClient(LlmClient client, LlmStats stats)
    {
        this.client = requireNonNull(client, "client is null");
        this.stats = requireNonNull(stats, "stats is null");
    }

    @Override
    public String describe()
    {
        return client.describe();
    }

    @Override
    public LlmReply complete(LlmRequest request)
    {
        long start = System.nanoTime();
        try {
            LlmReply reply = client.complete(request);
            called(System.nanoTime() - start, reply.usage());
            return reply;
        }
        catch (RuntimeException e) {
            stats.failed(System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public LlmUsage stream(LlmRequest request, Consumer<String> chunks)
    {
        long start = System.nanoTime();
        try {
            LlmUsage usage = client.stream(request, chunks);
            called(System.nanoTime() - start, usage);
            return usage;
        }
        catch (RuntimeException e) {
            stats.failed(System.nanoTime() - start);
            throw e;
        }
    }

    private void called(long nanos, LlmUsage usage)
    {
        stats.called(nanos, usage.inputTokens(), usage.outputTokens());
        ObservedQuestion.current().ifPresent(question -> question.calledLlm(client.describe(), usage));
    }

    @Override
    public void close()
    {
        client.close();
    }
}
