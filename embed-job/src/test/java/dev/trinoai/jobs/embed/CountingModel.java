package dev.trinoai.jobs.embed;

import dev.trinoai.core.embedding.EmbeddingException;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingPurpose;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static java.util.Objects.requireNonNull;

/**
 * The real model, with its calls counted, optionally under another id (a "new model" that shares the weights), and
 * optionally failing on the calls a predicate picks (a provider that goes down half-way).
 */
public final class CountingModel
        implements EmbeddingModel
{
    private final EmbeddingModel delegate;
    private final String id;
    private final IntPredicate failsOnCall;
    private final AtomicInteger calls = new AtomicInteger();

    public CountingModel(EmbeddingModel delegate)
    {
        this(delegate, delegate.id(), _ -> false);
    }

    public CountingModel(EmbeddingModel delegate, String id, IntPredicate failsOnCall)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.id = requireNonNull(id, "id is null");
        this.failsOnCall = requireNonNull(failsOnCall, "failsOnCall is null");
    }

    public int calls()
    {
        return calls.get();
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public int dimension()
    {
        return delegate.dimension();
    }

    @Override
    public int maxBatchSize()
    {
        return delegate.maxBatchSize();
    }

    @Override
    public List<float[]> embed(List<String> texts, EmbeddingPurpose purpose)
    {
        int call = calls.incrementAndGet();
        if (failsOnCall.test(call)) {
            throw new EmbeddingException("planted failure on call " + call);
        }
        return delegate.embed(texts, purpose);
    }

    @Override
    public void close()
    {
        // the delegate is shared by the whole test class and closed by it
    }
}
