package dev.trinoai.connector;

import dev.trinoai.core.llm.LlmClient;
import dev.trinoai.core.llm.LlmReply;
import dev.trinoai.core.llm.LlmRequest;
import dev.trinoai.core.llm.LlmUsage;
import io.opentelemetry.api.trace.Tracer;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.trinoai.connector.AiAttributes.INPUT_TOKENS;
import static dev.trinoai.connector.AiAttributes.LLM_MODEL;
import static dev.trinoai.connector.AiAttributes.OUTPUT_TOKENS;
import static dev.trinoai.connector.AiAttributes.STREAMED;
import static dev.trinoai.connector.Spans.inSpan;
import static java.util.Objects.requireNonNull;

/**
 * The catalog's language model, each call counted with its tokens and time, also for the question it was made for,
 * and traced as a span {@code ai.llm}.
 */
final class ObservedLlmClient
        implements LlmClient
{
    private final LlmClient client;
    private final LlmStats stats;
    private final Tracer tracer;

    ObservedLlmClient(LlmClient client, LlmStats stats, Tracer tracer)
    {
        this.client = requireNonNull(client, "client is null");
        this.stats = requireNonNull(stats, "stats is null");
        this.tracer = requireNonNull(tracer, "tracer is null");
    }

    @Override
    public String describe()
    {
        return client.describe();
    }

    @Override
    public LlmReply complete(LlmRequest request)
    {
        return call(false, () -> client.complete(request), LlmReply::usage);
    }

    @Override
    public LlmUsage stream(LlmRequest request, Consumer<String> chunks)
    {
        return call(true, () -> client.stream(request, chunks), Function.identity());
    }

    private <T> T call(boolean streamed, Supplier<T> call, Function<T, LlmUsage> usageOf)
    {
        long start = System.nanoTime();
        try {
            T result = inSpan(tracer.spanBuilder("ai.llm").setAttribute(LLM_MODEL, client.describe()).setAttribute(STREAMED, streamed), call, (span, done) -> {
                LlmUsage usage = usageOf.apply(done);
                span.setAttribute(INPUT_TOKENS, usage.inputTokens());
                span.setAttribute(OUTPUT_TOKENS, usage.outputTokens());
            });
            LlmUsage usage = usageOf.apply(result);
            Optional<Double> cost = stats.called(System.nanoTime() - start, usage.inputTokens(), usage.outputTokens());
            ObservedQuestion.current().ifPresent(question -> question.calledLlm(client.describe(), usage, cost));
            return result;
        }
        catch (RuntimeException e) {
            stats.failed(System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public void close()
    {
        client.close();
    }
}
