package dev.trinoai.core.llm;

/**
 * Tokens a call (or all calls of a question) consumed, as the provider counted them.
 */
public record LlmUsage(long inputTokens, long outputTokens)
{
    public static final LlmUsage NONE = new LlmUsage(0, 0);

    public LlmUsage plus(LlmUsage other)
    {
        return new LlmUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
