package dev.trinoai.core.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which model answers and how calls to it are bounded.
 *
 * @param openAiApiKey a secret: {@link #toString()} leaves it out
 * @param timeout the longest one call may take, first byte to last; a call that times out is not retried
 * @param maxAttempts attempts per call when throttled or on a server error
 * @param maxConcurrent calls to the model at once per catalog; more wait, within the timeout
 */
public record LlmSettings(
        LlmProvider provider,
        String bedrockModel,
        Optional<String> bedrockRegion,
        Optional<URI> bedrockEndpoint,
        Optional<String> bedrockProfile,
        Optional<URI> openAiBaseUrl,
        Optional<String> openAiModel,
        Optional<String> openAiApiKey,
        Duration timeout,
        int maxAttempts,
        int maxConcurrent,
        Duration retryBaseDelay)
{
    public static final String DEFAULT_BEDROCK_MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

    public LlmSettings
    {
        requireNonNull(provider, "provider is null");
        requireNonNull(bedrockModel, "bedrockModel is null");
        requireNonNull(bedrockRegion, "bedrockRegion is null");
        requireNonNull(bedrockEndpoint, "bedrockEndpoint is null");
        requireNonNull(bedrockProfile, "bedrockProfile is null");
        requireNonNull(openAiBaseUrl, "openAiBaseUrl is null");
        requireNonNull(openAiModel, "openAiModel is null");
        requireNonNull(openAiApiKey, "openAiApiKey is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(retryBaseDelay, "retryBaseDelay is null");
        if (maxAttempts < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("maxAttempts and maxConcurrent must be positive");
        }
        if (provider == LlmProvider.OPENAI && (openAiBaseUrl.isEmpty() || openAiModel.isEmpty())) {
            throw new IllegalArgumentException("the openai provider needs a base URL and a model");
        }
    }

    public static LlmSettings bedrock(String model, Optional<String> region, Optional<URI> endpoint, Optional<String> profile)
    {
        return new LlmSettings(LlmProvider.BEDROCK, model, region, endpoint, profile, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), 3, 4, Duration.ofMillis(500));
    }

    public static LlmSettings openAi(URI baseUrl, String model, Optional<String> apiKey)
    {
        return new LlmSettings(LlmProvider.OPENAI, DEFAULT_BEDROCK_MODEL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(baseUrl), Optional.of(model), apiKey,
                Duration.ofSeconds(30), 3, 4, Duration.ofMillis(500));
    }

    public LlmSettings withLimits(Duration timeout, int maxAttempts, int maxConcurrent, Duration retryBaseDelay)
    {
        return new LlmSettings(provider, bedrockModel, bedrockRegion, bedrockEndpoint, bedrockProfile, openAiBaseUrl, openAiModel, openAiApiKey, timeout, maxAttempts, maxConcurrent, retryBaseDelay);
    }

    @Override
    public String toString()
    {
        return "LlmSettings[provider=%s, bedrockModel=%s, bedrockRegion=%s, bedrockEndpoint=%s, bedrockProfile=%s, openAiBaseUrl=%s, openAiModel=%s, openAiApiKey=%s, timeout=%s, maxAttempts=%d, maxConcurrent=%d]"
                .formatted(provider, bedrockModel, bedrockRegion, bedrockEndpoint, bedrockProfile, openAiBaseUrl, openAiModel, openAiApiKey.map(key -> "***"), timeout, maxAttempts, maxConcurrent);
    }
}
