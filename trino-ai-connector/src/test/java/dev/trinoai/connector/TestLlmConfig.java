package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.llm.LlmProvider;
import dev.trinoai.core.llm.LlmSettings;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

final class TestLlmConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(LlmConfig.class)
                .setProvider(LlmProvider.NONE)
                .setTimeout(new Duration(30, SECONDS))
                .setMaxAttempts(3)
                .setMaxConcurrent(4)
                .setPricePer1kInputTokens(null)
                .setPricePer1kOutputTokens(null));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.<String, String>builder()
                        .put("ai.llm.provider", "openai")
                        .put("ai.llm.timeout", "10s")
                        .put("ai.llm.max-attempts", "5")
                        .put("ai.llm.max-concurrent", "16")
                        .put("ai.llm.price-per-1k-input-tokens", "0.0008")
                        .put("ai.llm.price-per-1k-output-tokens", "0.004")
                        .buildOrThrow(),
                new LlmConfig()
                        .setProvider(LlmProvider.OPENAI)
                        .setTimeout(new Duration(10, SECONDS))
                        .setMaxAttempts(5)
                        .setMaxConcurrent(16)
                        .setPricePer1kInputTokens(0.0008)
                        .setPricePer1kOutputTokens(0.004));
    }

    @Test
    void pricesGoTogether()
    {
        assertThat(new LlmConfig().setPricePer1kInputTokens(0.001).isPriceComplete()).isFalse();
        assertThat(new LlmConfig().setPricePer1kInputTokens(0.001).setPricePer1kOutputTokens(0.002).isPriceComplete()).isTrue();
    }

    @Test
    void aCostIsEstimatedOnlyAtConfiguredPrices()
    {
        assertThat(new LlmConfig().price()).isEmpty();
        LlmPrice price = new LlmConfig().setPricePer1kInputTokens(0.0008).setPricePer1kOutputTokens(0.004).price().orElseThrow();
        assertThat(price.cost(2500, 500)).isCloseTo(0.004, within(1e-12));
    }

    @Test
    void theProvidersSettingsAreBoundedByTheCatalogsLimits()
    {
        LlmSettings settings = new LlmConfig().setTimeout(new Duration(10, SECONDS)).setMaxAttempts(5).setMaxConcurrent(16)
                .limit(new BedrockLlmConfig().toSettings());
        assertThat(settings.timeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.maxConcurrent()).isEqualTo(16);
        assertThat(settings.provider()).isEqualTo(LlmProvider.BEDROCK);
    }
}
