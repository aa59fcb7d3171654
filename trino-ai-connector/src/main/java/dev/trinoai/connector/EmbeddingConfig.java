package dev.trinoai.connector;

import dev.trinoai.core.embedding.EmbeddingProvider;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Which model embeds questions for retrieval. It must be the model the embed job used: vectors of two models are
 * never compared, so a mismatch finds no vector index.
 */
public class EmbeddingConfig
{
    private EmbeddingProvider provider = EmbeddingProvider.LOCAL;
    private String bedrockModel = "cohere.embed-english-v3";
    private String region;
    private String endpoint;
    private int localThreads = Math.min(4, Runtime.getRuntime().availableProcessors());

    @NotNull
    public EmbeddingProvider getProvider()
    {
        return provider;
    }

    @Config("ai.embedding.provider")
    @ConfigDescription("local (ONNX all-MiniLM-L6-v2 in-process, no network) or bedrock")
    public EmbeddingConfig setProvider(EmbeddingProvider provider)
    {
        this.provider = provider;
        return this;
    }

    @NotNull
    public String getBedrockModel()
    {
        return bedrockModel;
    }

    @Config("ai.embedding.bedrock.model")
    @ConfigDescription("Bedrock model id: cohere.embed-english-v3, cohere.embed-multilingual-v3 or amazon.titan-embed-text-v2:0")
    public EmbeddingConfig setBedrockModel(String bedrockModel)
    {
        this.bedrockModel = bedrockModel;
        return this;
    }

    public String getRegion()
    {
        return region;
    }

    @Config("ai.embedding.bedrock.region")
    @ConfigDescription("AWS region of Bedrock; unset for the SDK's default chain")
    public EmbeddingConfig setRegion(String region)
    {
        this.region = region;
        return this;
    }

    public String getEndpoint()
    {
        return endpoint;
    }

    @Config("ai.embedding.bedrock.endpoint")
    @ConfigDescription("Bedrock Runtime endpoint other than the region's public one, e.g. a VPC endpoint")
    public EmbeddingConfig setEndpoint(String endpoint)
    {
        this.endpoint = endpoint;
        return this;
    }

    @Min(1)
    @Max(64)
    public int getLocalThreads()
    {
        return localThreads;
    }

    @Config("ai.embedding.local.threads")
    @ConfigDescription("Threads one embedding call of the local model may use")
    public EmbeddingConfig setLocalThreads(int localThreads)
    {
        this.localThreads = localThreads;
        return this;
    }
}
