package dev.trinoai.connector;

/**
 * What the provider charges for the catalog's language model, per 1000 tokens, in the operator's currency
 * ({@code ai.llm.price-per-1k-input-tokens}, {@code ai.llm.price-per-1k-output-tokens}).
 */
public record LlmPrice(double per1kInputTokens, double per1kOutputTokens)
{
    public LlmPrice
    {
        if (per1kInputTokens < 0 || per1kOutputTokens < 0) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
    }

    /**
     * The estimated cost of a call that used these tokens.
     */
    public double cost(long inputTokens, long outputTokens)
    {
        return (inputTokens * per1kInputTokens + outputTokens * per1kOutputTokens) / 1000;
    }
}
