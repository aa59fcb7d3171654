package dev.trinoai.core.llm;

/**
 * The tokens one question used, over all its calls to the model.
 */
final class TokenMeter
{
    private LlmUsage total = LlmUsage.NONE;
    private int calls;

    void add(LlmUsage usage)
    {
        total = total.plus(usage);
        calls++;
    }

    LlmUsage total()
    {
        return total;
    }

    int calls()
    {
        return calls;
    }
}
