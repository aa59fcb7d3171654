package dev.trinoai.connector;

import io.airlift.stats.CounterStat;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import java.util.Optional;
import java.util.concurrent.atomic.DoubleAdder;

import static java.util.Objects.requireNonNull;

/**
 * The calls of this catalog's language model, each with its own retries, the tokens they used, and what they cost
 * at the configured prices.
 */
public final class LlmStats
        extends ModelCallStats
{
    private final CounterStat inputTokens = new CounterStat();
    private final CounterStat outputTokens = new CounterStat();
    private final Optional<LlmPrice> price;
    private final DoubleAdder estimatedCost = new DoubleAdder();

    /**
     * @param model the provider and model, as {@link dev.trinoai.core.llm.LlmClient#describe()} names them; {@code none}
     *     for a catalog without one
     * @param price the model's prices; empty: no cost is estimated
     */
    public LlmStats(String model, Optional<LlmPrice> price)
    {
        super(model);
        this.price = requireNonNull(price, "price is null");
    }

    /**
     * Counts a call; returns its estimated cost, empty without prices.
     */
    Optional<Double> called(long nanos, long inputTokens, long outputTokens)
    {
        called(nanos);
        this.inputTokens.update(inputTokens);
        this.outputTokens.update(outputTokens);
        Optional<Double> cost = price.map(prices -> prices.cost(inputTokens, outputTokens));
        cost.ifPresent(estimatedCost::add);
        return cost;
    }

    @Managed(description = "The calls' cost since start at ai.llm.price-per-1k-*-tokens; null when no price is configured")
    public Double getEstimatedCost()
    {
        return price.isPresent() ? estimatedCost.sum() : null;
    }

    @Managed
    @Nested
    public CounterStat getInputTokens()
    {
        return inputTokens;
    }

    @Managed
    @Nested
    public CounterStat getOutputTokens()
    {
        return outputTokens;
    }
}
