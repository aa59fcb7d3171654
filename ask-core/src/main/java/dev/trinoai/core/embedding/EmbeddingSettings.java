package dev.trinoai.core.embedding;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to build an {@link EmbeddingModel}; the connector's catalog file and the embed job's command line both end
 * here, so both sides of a search build the same model from the same words.
 *
 * @param bedrockModel Bedrock model id, e.g. {@code cohere.embed-english-v3} or {@code amazon.titan-embed-text-v2:0}
 * @param titanDimensions vector size asked of Titan v2 (256, 512 or 1024)
 * @param maxAttempts Bedrock calls per batch before a throttled or failing batch fails the run
 * @param localThreads threads one call of the local model may use
 */
public record EmbeddingSettings(
        EmbeddingProvider provider,
        String bedrockModel,
        Optional<String> region,
        Optional<URI> endpoint,
        int titanDimensions,
        int maxAttempts,
        Duration retryBaseDelay,
        int localThreads)
{
    public EmbeddingSettings
    {
        requireNonNull(provider, "provider is null");
        requireNonNull(bedrockModel, "bedrockModel is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(retryBaseDelay, "retryBaseDelay is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (localThreads < 1) {
            throw new IllegalArgumentException("localThreads must be at least 1");
        }
    }

    public static EmbeddingSettings defaults()
    {
        return new EmbeddingSettings(
                EmbeddingProvider.LOCAL,
                "cohere.embed-english-v3",
                Optional.empty(),
                Optional.empty(),
                1024,
                5,
                Duration.ofMillis(200),
                Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public EmbeddingSettings withProvider(EmbeddingProvider provider)
    {
        return new EmbeddingSettings(provider, bedrockModel, region, endpoint, titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }

    public EmbeddingSettings withBedrockModel(String bedrockModel)
    {
        return new EmbeddingSettings(provider, bedrockModel, region, endpoint, titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }

    public EmbeddingSettings withRegion(String region)
    {
        return new EmbeddingSettings(provider, bedrockModel, Optional.of(region), endpoint, titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }

    public EmbeddingSettings withEndpoint(URI endpoint)
    {
        return new EmbeddingSettings(provider, bedrockModel, region, Optional.of(endpoint), titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }

    public EmbeddingSettings withTitanDimensions(int titanDimensions)
    {
        return new EmbeddingSettings(provider, bedrockModel, region, endpoint, titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }

    public EmbeddingSettings withRetries(int maxAttempts, Duration retryBaseDelay)
    {
        return new EmbeddingSettings(provider, bedrockModel, region, endpoint, titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }

    public EmbeddingSettings withLocalThreads(int localThreads)
    {
        return new EmbeddingSettings(provider, bedrockModel, region, endpoint, titanDimensions, maxAttempts, retryBaseDelay, localThreads);
    }
}
