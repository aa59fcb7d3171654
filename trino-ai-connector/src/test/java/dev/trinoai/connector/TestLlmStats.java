package dev.trinoai.connector;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The language model's estimated cost: the sum of its calls' tokens at the configured prices, and none at all
 * without prices.
 */
final class TestLlmStats
{
    @Test
    void theCostIsTheCallsTokensAtThePricesPer1000()
    {
        LlmStats stats = new LlmStats("openai llama3.1:8b", Optional.of(new LlmPrice(0.5, 1.5)));
        assertThat(stats.getEstimatedCost()).isZero();

        assertThat(stats.called(MILLISECONDS.toNanos(20), 100, 2)).hasValueSatisfying(cost -> assertThat(cost).isCloseTo(0.053, within(1e-12)));
        stats.called(MILLISECONDS.toNanos(30), 2000, 1000);

        assertThat(stats.getEstimatedCost()).isCloseTo(0.053 + 1 + 1.5, within(1e-12));
        assertThat(stats.getInputTokens().getTotalCount()).isEqualTo(2100);
        assertThat(stats.getCalls().getTotalCount()).isEqualTo(2);
    }

    @Test
    void withoutPricesNoCostIsEstimated()
    {
        LlmStats stats = new LlmStats("openai llama3.1:8b", Optional.empty());
        assertThat(stats.called(MILLISECONDS.toNanos(20), 100, 2)).isEmpty();
        assertThat(stats.getEstimatedCost()).isNull();
    }
}
