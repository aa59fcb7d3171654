package dev.trinoai.connector;

import dev.trinoai.core.llm.LlmSettings;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.configuration.ConfigSecuritySensitive;
import jakarta.validation.constraints.AssertTrue;

import java.net.URI;
import java.util.Optional;

/**
 * The OpenAI-compatible server of {@code ai.llm.provider=openai} (Ollama, vLLM, LM Studio, OpenAI); its settings are
 * read only for that provider.
 */
public class OpenAiLlmConfig
{
    private String baseUrl;
    private String model;
    private String apiKey;
    private String apiKeyEnv;

    public String getBaseUrl()
    {
        return baseUrl;
    }

    @Config("ai.llm.openai.base-url")
    @ConfigDescription("Base URL of the OpenAI-compatible API, ending in /v1, e.g. http://localhost:11434/v1 for Ollama")
    public OpenAiLlmConfig setBaseUrl(String baseUrl)
    {
        this.baseUrl = baseUrl;
        return this;
    }

    public String getModel()
    {
        return model;
    }

    @Config("ai.llm.openai.model")
    @ConfigDescription("Model name the server knows, e.g. llama3.1 or gpt-4o-mini")
    public OpenAiLlmConfig setModel(String model)
    {
        this.model = model;
        return this;
    }

    public String getApiKey()
    {
        return apiKey;
    }

    @Config("ai.llm.openai.api-key")
    @ConfigSecuritySensitive
    @ConfigDescription("API key, sent as a bearer token; never logged")
    public OpenAiLlmConfig setApiKey(String apiKey)
    {
        this.apiKey = apiKey;
        return this;
    }

    public String getApiKeyEnv()
    {
        return apiKeyEnv;
    }

    @Config("ai.llm.openai.api-key-env")
    @ConfigDescription("Name of the environment variable that holds the API key, e.g. OPENAI_API_KEY; used when ai.llm.openai.api-key is unset")
    public OpenAiLlmConfig setApiKeyEnv(String apiKeyEnv)
    {
        this.apiKeyEnv = apiKeyEnv;
        return this;
    }

    @AssertTrue(message = "ai.llm.provider=openai needs ai.llm.openai.base-url and ai.llm.openai.model")
    public boolean isComplete()
    {
        return baseUrl != null && model != null;
    }

    @AssertTrue(message = "ai.llm.openai.base-url must be an http or https URL")
    public boolean isBaseUrlValid()
    {
        return LlmConfig.isHttpUrl(baseUrl);
    }

    /**
     * The settings the client is built from; the key comes from the environment here, at start-up.
     *
     * @throws IllegalArgumentException when the variable that should hold the key is not set, or the model is not
     *     pinned to one version ({@link PinnedModels})
     */
    public LlmSettings toSettings()
    {
        PinnedModels.check("ai.llm.openai.model", model, Optional.ofNullable(baseUrl).map(URI::create));
        Optional<String> key = Optional.ofNullable(apiKey);
        if (key.isEmpty() && apiKeyEnv != null) {
            String value = System.getenv(apiKeyEnv);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("ai.llm.openai.api-key-env names %s, which is not set in the Trino server's environment".formatted(apiKeyEnv));
            }
            key = Optional.of(value);
        }
        return LlmSettings.openAi(URI.create(baseUrl), model, key);
    }
}
