package dev.trinoai.core.embedding;

import dev.trinoai.core.remote.AwsFailures;
import dev.trinoai.core.remote.Backoff;
import dev.trinoai.core.remote.BedrockTarget;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An embedding model on Amazon Bedrock (Cohere Embed v3 or Titan Text Embeddings v2), called with InvokeModel over the
 * JDK's HTTP client with the default AWS credential chain.
 * <p>
 * Retries are this class's own loop, not the SDK's: the SDK's standard strategy also keeps a retry token bucket
 * shared by all calls of the client, so how many attempts a throttled batch gets would depend on what other batches did
 * before. Here every request gets exactly {@code maxAttempts}, with exponential backoff from {@code retryBaseDelay}.
 */
final class BedrockEmbeddingModel
        implements EmbeddingModel
{
    // Cohere's limit per request; Titan's one-text requests are looped here so callers can batch either model alike.
    private static final int MAX_BATCH = 96;

    private final BedrockRuntimeClient client;
    private final DefaultCredentialsProvider credentials;
    private final BedrockFormat format;
    private final BedrockTarget target;
    private final int maxAttempts;
    private final Duration retryBaseDelay;

    private BedrockEmbeddingModel(BedrockRuntimeClient client, DefaultCredentialsProvider credentials, BedrockFormat format, BedrockTarget target, int maxAttempts, Duration retryBaseDelay)
    {
        this.client = requireNonNull(client, "client is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.format = requireNonNull(format, "format is null");
        this.target = requireNonNull(target, "target is null");
        this.maxAttempts = maxAttempts;
        this.retryBaseDelay = requireNonNull(retryBaseDelay, "retryBaseDelay is null");
    }

    static BedrockEmbeddingModel create(EmbeddingSettings settings)
    {
        BedrockFormat format = BedrockFormat.forModel(settings.bedrockModel(), settings.titanDimensions());
        Region region = settings.region().map(Region::of).orElseGet(BedrockEmbeddingModel::defaultRegion);
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        BedrockTarget target = new BedrockTarget(format.modelId(), region.id(), settings.endpoint());
        return new BedrockEmbeddingModel(builder.build(), credentials, format, target, settings.maxAttempts(), settings.retryBaseDelay());
    }

    private static Region defaultRegion()
    {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        }
        catch (SdkException e) {
            throw new EmbeddingException("no AWS region for Bedrock: set ai.embedding.bedrock.region or AWS_REGION", e);
        }
    }

    @Override
    public String id()
    {
        return format.id();
    }

    @Override
    public int dimension()
    {
        return format.dimension();
    }

    @Override
    public int maxBatchSize()
    {
        return MAX_BATCH;
    }

    @Override
    public List<float[]> embed(List<String> texts, EmbeddingPurpose purpose)
    {
        requireNonNull(purpose, "purpose is null");
        if (texts.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most %d texts per call, got %d".formatted(MAX_BATCH, texts.size()));
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += format.textsPerRequest()) {
            List<String> request = texts.subList(start, Math.min(texts.size(), start + format.textsPerRequest()));
            byte[] response = invoke(format.request(request, purpose));
            for (float[] vector : format.vectors(response, request.size())) {
                vectors.add(Vectors.normalize(vector));
            }
        }
        return vectors;
    }

    private byte[] invoke(byte[] body)
    {
        InvokeModelRequest request = InvokeModelRequest.builder()
                .modelId(format.modelId())
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromByteArrayUnsafe(body))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                return client.invokeModel(request).body().asByteArrayUnsafe();
            }
            catch (SdkException e) {
                if (attempt >= maxAttempts || !AwsFailures.retryable(e)) {
                    throw BedrockErrors.describe(e, target, attempt);
                }
                Backoff.sleep(Backoff.delay(retryBaseDelay, attempt), interrupted -> new EmbeddingException("interrupted while waiting to retry Bedrock", interrupted));
            }
        }
    }

    @Override
    public void close()
    {
        client.close();
        credentials.close();
    }
}
