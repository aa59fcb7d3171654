package dev.trinoai.connector;

import dev.trinoai.core.llm.LlmProvider;
import dev.trinoai.core.llm.LlmSettings;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
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
 * that explain; {@code none} keeps the catalog offline.
 */
public class LlmConfig
{
    // backoff before the second attempt; not a setting, since the provider's throttling decides how long is enough
    private static final java.time.Duration RETRY_BASE_DELAY = java.time.Duration.ofMillis(500);

    private LlmProvider provider = LlmProvider.NONE;
    private String bedrockModel = LlmSettings.DEFAULT_BEDROCK_MODEL;
    private String bedrockRegion;
    private String bedrockEndpoint;
    private String bedrockProfile;
    private String openAiBaseUrl;
    private String openAiModel;
    private String openAiApiKey;
    private String openAiApiKeyEnv;
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
    public String getBedrockModel()
    {
        return bedrockModel;
    }

    @Config("ai.llm.bedrock.model")
    @ConfigDescription("Bedrock model id or inference profile id, pinned")
    public LlmConfig setBedrockModel(String bedrockModel)
    {
        this.bedrockModel = bedrockModel;
        return this;
    }

    public String getBedrockRegion()
    {
        return bedrockRegion;
    }

    @Config("ai.llm.bedrock.region")
    @ConfigDescription("AWS region of Bedrock; unset for the SDK's default chain")
    public LlmConfig setBedrockRegion(String bedrockRegion)
    {
        this.bedrockRegion = bedrockRegion;
        return this;
    }

    public String getBedrockEndpoint()
    {
        return bedrockEndpoint;
    }

    @Config("ai.llm.bedrock.endpoint")
    @ConfigDescription("Bedrock Runtime endpoint other than the region's public one, e.g. a VPC endpoint")
    public LlmConfig setBedrockEndpoint(String bedrockEndpoint)
    {
        this.bedrockEndpoint = bedrockEndpoint;
        return this;
    }

    public String getBedrockProfile()
    {
        return bedrockProfile;
    }

    @Config("ai.llm.bedrock.profile")
    @ConfigDescription("Named AWS profile for the credentials; unset for the default credential chain")
    public LlmConfig setBedrockProfile(String bedrockProfile)
    {
        this.bedrockProfile = bedrockProfile;
        return this;
    }

    public String getOpenAiBaseUrl()
    {
        return openAiBaseUrl;
    }

    @Config("ai.llm.openai.base-url")
    @ConfigDescription("Base URL of the OpenAI-compatible API, ending in /v1, e.g. http://localhost:11434/v1 for Ollama")
    public LlmConfig setOpenAiBaseUrl(String openAiBaseUrl)
    {
        this.openAiBaseUrl = openAiBaseUrl;
        return this;
    }

    public String getOpenAiModel()
    {
        return openAiModel;
    }

    @Config("ai.llm.openai.model")
    @ConfigDescription("Model name the server knows, e.g. llama3.1 or gpt-4o-mini")
    public LlmConfig setOpenAiModel(String openAiModel)
    {
        this.openAiModel = openAiModel;
        return this;
    }

    public String getOpenAiApiKey()
    {
        return openAiApiKey;
    }

    @Config("ai.llm.openai.api-key")
    @ConfigSecuritySensitive
    @ConfigDescription("API key, sent as a bearer token; never logged")
    public LlmConfig setOpenAiApiKey(String openAiApiKey)
    {
        this.openAiApiKey = openAiApiKey;
        return this;
    }

    public String getOpenAiApiKeyEnv()
    {
        return openAiApiKeyEnv;
    }

    @Config("ai.llm.openai.api-key-env")
    @ConfigDescription("Name of the environment variable that holds the API key, e.g. OPENAI_API_KEY; used when ai.llm.openai.api-key is unset")
    public LlmConfig setOpenAiApiKeyEnv(String openAiApiKeyEnv)
    {
        this.openAiApiKeyEnv = openAiApiKeyEnv;
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

    @AssertTrue(message = "ai.llm.provider=openai needs ai.llm.openai.base-url and ai.llm.openai.model")
    public boolean isOpenAiComplete()
    {
        return provider != LlmProvider.OPENAI || (openAiBaseUrl != null && openAiModel != null);
    }

    @AssertTrue(message = "ai.llm.openai.base-url and ai.llm.bedrock.endpoint must be http or https URLs")
    public boolean isUrlsValid()
    {
        return isHttpUrl(openAiBaseUrl) && isHttpUrl(bedrockEndpoint);
    }

    // also checks the other configs' endpoint overrides
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
     * The settings the engine's client is built from; the key comes from the environment here, at start-up.
     *
     * @throws IllegalArgumentException when the variable that should hold the key is not set, or the model is not
     *     pinned to one version ({@link PinnedModels})
     */
    public LlmSettings toSettings()
    {
        switch (provider) {
            case OPENAI -> PinnedModels.check("ai.llm.openai.model", openAiModel, Optional.ofNullable(openAiBaseUrl).map(URI::create));
            case BEDROCK -> PinnedModels.check("ai.llm.bedrock.model", bedrockModel, Optional.empty());
            case NONE -> {}
        }
        Optional<String> apiKey = Optional.ofNullable(openAiApiKey);
        if (apiKey.isEmpty() && openAiApiKeyEnv != null && provider == LlmProvider.OPENAI) {
            String value = System.getenv(openAiApiKeyEnv);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("ai.llm.openai.api-key-env names %s, which is not set in the Trino server's environment".formatted(openAiApiKeyEnv));
            }
            apiKey = Optional.of(value);
        }
        return new LlmSettings(
                provider,
                bedrockModel,
                Optional.ofNullable(bedrockRegion),
                Optional.ofNullable(bedrockEndpoint).map(URI::create),
                Optional.ofNullable(bedrockProfile),
                Optional.ofNullable(openAiBaseUrl).map(URI::create),
                Optional.ofNullable(openAiModel),
                apiKey,
                java.time.Duration.ofMillis(timeout.toMillis()),
                maxAttempts,
                maxConcurrent,
                RETRY_BASE_DELAY);
    }
}
