package dev.trinoai.connector;

import dev.trinoai.core.llm.LlmProvider;
import dev.trinoai.core.llm.LlmSettings;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MaxDuration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * The language model that plans the questions the offline interpreter declines and writes the narrative of answers
 * that explain; {@code none} keeps the catalog offline. What the provider needs besides is in its own config
 * ({@link BedrockLlmConfig}, {@link OpenAiLlmConfig}), read only when it is the provider.
 */
public class LlmConfig
{
    // backoff before the second attempt; not a setting, since the provider's throttling decides how long is enough
    private static final java.time.Duration RETRY_BASE_DELAY = java.time.Duration.ofMillis(500);

    private LlmProvider provider = LlmProvider.NONE;
    private Duration timeout = new Duration(30, SECONDS);
    private int maxAttempts = 3;
    private int maxConcurrent = 4;
    private Double pricePer1kInputTokens;
    private Double pricePer1kOutputTokens;

    @NotNull
    public LlmProvider getProvider()
    {
        return provider;
    }

    @Config("ai.llm.provider")
    @ConfigDescription("none (offline), bedrock, or openai for any OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenAI)")
    public LlmConfig setProvider(LlmProvider provider)
    {
        this.provider = provider;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    @MaxDuration("10m")
    public Duration getTimeout()
    {
        return timeout;
    }

    @Config("ai.llm.timeout")
    @ConfigDescription("Longest one call to the model may take, first byte to last; a call that times out is not retried")
    public LlmConfig setTimeout(Duration timeout)
    {
        this.timeout = timeout;
        return this;
    }

    @Min(1)
    @Max(10)
    public int getMaxAttempts()
    {
        return maxAttempts;
    }

    @Config("ai.llm.max-attempts")
    @ConfigDescription("Attempts per call when the model is throttled or fails on its side")
    public LlmConfig setMaxAttempts(int maxAttempts)
    {
        this.maxAttempts = maxAttempts;
        return this;
    }

    @Min(1)
    @Max(256)
    public int getMaxConcurrent()
    {
        return maxConcurrent;
    }

    @Config("ai.llm.max-concurrent")
    @ConfigDescription("Calls to the model at once from this catalog; more wait, within ai.llm.timeout")
    public LlmConfig setMaxConcurrent(int maxConcurrent)
    {
        this.maxConcurrent = maxConcurrent;
        return this;
    }

    @DecimalMin("0")
    public Double getPricePer1kInputTokens()
    {
        return pricePer1kInputTokens;
    }

    @Config("ai.llm.price-per-1k-input-tokens")
    @ConfigDescription("What the provider charges for 1000 input tokens of the model, in your currency; unset: no cost is estimated")
    public LlmConfig setPricePer1kInputTokens(Double pricePer1kInputTokens)
    {
        this.pricePer1kInputTokens = pricePer1kInputTokens;
        return this;
    }

    @DecimalMin("0")
    public Double getPricePer1kOutputTokens()
    {
        return pricePer1kOutputTokens;
    }

    @Config("ai.llm.price-per-1k-output-tokens")
    @ConfigDescription("What the provider charges for 1000 output tokens of the model, in your currency; unset: no cost is estimated")
    public LlmConfig setPricePer1kOutputTokens(Double pricePer1kOutputTokens)
    {
        this.pricePer1kOutputTokens = pricePer1kOutputTokens;
        return this;
    }

    @AssertTrue(message = "ai.llm.price-per-1k-input-tokens and ai.llm.price-per-1k-output-tokens go together: set both (the model's prices), or neither")
    public boolean isPriceComplete()
    {
        return (pricePer1kInputTokens == null) == (pricePer1kOutputTokens == null);
    }

    /**
     * The model's prices; empty when none are configured, and then no cost is estimated rather than a guessed one.
     */
    public Optional<LlmPrice> price()
    {
        if (pricePer1kInputTokens == null || pricePer1kOutputTokens == null) {
            return Optional.empty();
        }
        return Optional.of(new LlmPrice(pricePer1kInputTokens, pricePer1kOutputTokens));
    }

    // the provider configs' URLs and the other configs' endpoint overrides are checked alike
    static boolean isHttpUrl(String url)
    {
        if (url == null) {
            return true;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * {@code settings}, the provider's, within this catalog's bounds on calls to the model.
     */
    public LlmSettings limit(LlmSettings settings)
    {
        return settings.withLimits(java.time.Duration.ofMillis(timeout.toMillis()), maxAttempts, maxConcurrent, RETRY_BASE_DELAY);
    }
}
