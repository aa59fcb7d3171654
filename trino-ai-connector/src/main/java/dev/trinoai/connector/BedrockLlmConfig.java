package dev.trinoai.connector;

import dev.trinoai.core.llm.LlmSettings;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.util.Optional;

/**
 * The Bedrock model of {@code ai.llm.provider=bedrock}; its settings are read only for that provider.
 */
public class BedrockLlmConfig
{
    private String model = LlmSettings.DEFAULT_BEDROCK_MODEL;
    private String region;
    private String endpoint;
    private String profile;

    @NotNull
    public String getModel()
    {
        return model;
    }

    @Config("ai.llm.bedrock.model")
    @ConfigDescription("Bedrock model id or inference profile id, pinned")
    public BedrockLlmConfig setModel(String model)
    {
        this.model = model;
        return this;
    }

    public String getRegion()
    {
        return region;
    }

    @Config("ai.llm.bedrock.region")
    @ConfigDescription("AWS region of Bedrock; unset for the SDK's default chain")
    public BedrockLlmConfig setRegion(String region)
    {
        this.region = region;
        return this;
    }

    public String getEndpoint()
    {
        return endpoint;
    }

    @Config("ai.llm.bedrock.endpoint")
    @ConfigDescription("Bedrock Runtime endpoint other than the region's public one, e.g. a VPC endpoint")
    public BedrockLlmConfig setEndpoint(String endpoint)
    {
        this.endpoint = endpoint;
        return this;
    }

    public String getProfile()
    {
        return profile;
    }

    @Config("ai.llm.bedrock.profile")
    @ConfigDescription("Named AWS profile for the credentials; unset for the default credential chain")
    public BedrockLlmConfig setProfile(String profile)
    {
        this.profile = profile;
        return this;
    }

    @AssertTrue(message = "ai.llm.bedrock.endpoint must be an http or https URL")
    public boolean isEndpointValid()
    {
        return LlmConfig.isHttpUrl(endpoint);
    }

    /**
     * @throws IllegalArgumentException when the model is not pinned to one version ({@link PinnedModels})
     */
    public LlmSettings toSettings()
    {
        PinnedModels.check("ai.llm.bedrock.model", model, Optional.empty());
        return LlmSettings.bedrock(model, Optional.ofNullable(region), Optional.ofNullable(endpoint).map(URI::create), Optional.ofNullable(profile));
    }
}
