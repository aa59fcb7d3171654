package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.llm.LlmProvider;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

final class TestLlmConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(LlmConfig.class)
                .setProvider(LlmProvider.NONE)
                .setBedrockModel("anthropic.claude-3-5-haiku-20241022-v1:0")
                .setBedrockRegion(null)
                .setBedrockEndpoint(null)
                .setBedrockProfile(null)
                .setOpenAiBaseUrl(null)
                .setOpenAiModel(null)
                .setOpenAiApiKey(null)
                .setOpenAiApiKeyEnv(null)
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
                        .put("ai.llm.bedrock.model", "us.anthropic.claude-3-5-haiku-20241022-v1:0")
                        .put("ai.llm.bedrock.region", "us-west-2")
                        .put("ai.llm.bedrock.endpoint", "https://vpce-1.bedrock-runtime.us-west-2.vpce.amazonaws.com")
                        .put("ai.llm.bedrock.profile", "analytics")
                        .put("ai.llm.openai.base-url", "http://localhost:11434/v1")
                        .put("ai.llm.openai.model", "llama3.1")
                        .put("ai.llm.openai.api-key", "sk-secret")
                        .put("ai.llm.openai.api-key-env", "OPENAI_API_KEY")
                        .put("ai.llm.timeout", "10s")
                        .put("ai.llm.max-attempts", "5")
                        .put("ai.llm.max-concurrent", "16")
                        .put("ai.llm.price-per-1k-input-tokens", "0.0008")
                        .put("ai.llm.price-per-1k-output-tokens", "0.004")
                        .buildOrThrow(),
                new LlmConfig()
                        .setProvider(LlmProvider.OPENAI)
                        .setBedrockModel("us.anthropic.claude-3-5-haiku-20241022-v1:0")
                        .setBedrockRegion("us-west-2")
                        .setBedrockEndpoint("https://vpce-1.bedrock-runtime.us-west-2.vpce.amazonaws.com")
                        .setBedrockProfile("analytics")
                        .setOpenAiBaseUrl("http://localhost:11434/v1")
                        .setOpenAiModel("llama3.1")
                        .setOpenAiApiKey("sk-secret")
                        .setOpenAiApiKeyEnv("OPENAI_API_KEY")
                        .setTimeout(new Duration(10, SECONDS))
                        .setMaxAttempts(5)
                        .setMaxConcurrent(16)
                        .setPricePer1kInputTokens(0.0008)
                        .setPricePer1kOutputTokens(0.004));
    }

    @Test
    void checksWhatBelongsTogether()
    {
        assertThat(new LlmConfig().setProvider(LlmProvider.OPENAI).setOpenAiModel("llama3.1").isOpenAiComplete()).isFalse();
        assertThat(new LlmConfig().setOpenAiBaseUrl("localhost:11434").isUrlsValid()).isFalse();
        assertThat(new LlmConfig().setProvider(LlmProvider.BEDROCK).isOpenAiComplete()).isTrue();
        assertThat(new LlmConfig().setPricePer1kInputTokens(0.001).isPriceComplete()).isFalse();
    }

    @Test
    void aCostIsEstimatedOnlyAtConfiguredPrices()
    {
        assertThat(new LlmConfig().price()).isEmpty();
        LlmPrice price = new LlmConfig().setPricePer1kInputTokens(0.0008).setPricePer1kOutputTokens(0.004).price().orElseThrow();
        assertThat(price.cost(2500, 500)).isCloseTo(0.004, within(1e-12));
    }

    @Test
    void aModelThatIsNotPinnedToOneVersionIsRefusedAtStart()
    {
        LlmConfig ollama = new LlmConfig().setProvider(LlmProvider.OPENAI).setOpenAiBaseUrl("http://localhost:11434/v1");
        assertThatThrownBy(() -> ollama.setOpenAiModel("llama3.1").toSettings())
                .hasMessage("ai.llm.openai.model=llama3.1 has no tag, which Ollama reads as llama3.1:latest, an alias that moves to newer models: name the tag you pulled (ollama list), e.g. llama3.1:8b");
        assertThatThrownBy(() -> ollama.setOpenAiModel("llama3.1:latest").toSettings())
                .hasMessageStartingWith("ai.llm.openai.model=llama3.1:latest is an alias that moves to newer models: name one version");
        assertThat(ollama.setOpenAiModel("llama3.1:8b").toSettings().openAiModel()).contains("llama3.1:8b");

        LlmConfig openAi = new LlmConfig().setProvider(LlmProvider.OPENAI).setOpenAiBaseUrl("https://api.openai.com/v1").setOpenAiApiKey("sk-test");
        assertThatThrownBy(() -> openAi.setOpenAiModel("chatgpt-4o-latest").toSettings()).hasMessageStartingWith("ai.llm.openai.model=chatgpt-4o-latest is an alias");
        assertThat(openAi.setOpenAiModel("gpt-4o-mini-2024-07-18").toSettings().openAiModel()).contains("gpt-4o-mini-2024-07-18");
        assertThatThrownBy(() -> new LlmConfig().setProvider(LlmProvider.BEDROCK).setBedrockModel("anthropic.claude-latest").toSettings())
                .hasMessageStartingWith("ai.llm.bedrock.model=anthropic.claude-latest is an alias");
    }

    @Test
    void theKeyComesFromTheNamedVariableAndIsNeverPrinted()
    {
        LlmConfig config = new LlmConfig().setProvider(LlmProvider.OPENAI).setOpenAiBaseUrl("http://localhost:11434/v1").setOpenAiModel("llama3.1:8b");
        assertThatThrownBy(() -> config.setOpenAiApiKeyEnv("AI_TEST_NO_SUCH_VARIABLE").toSettings())
                .hasMessage("ai.llm.openai.api-key-env names AI_TEST_NO_SUCH_VARIABLE, which is not set in the Trino server's environment");

        // the key itself wins over the variable
        var settings = config.setOpenAiApiKey("sk-secret-0000").toSettings();
        assertThat(settings.openAiApiKey()).contains("sk-secret-0000");
        assertThat(settings.openAiBaseUrl()).contains(URI.create("http://localhost:11434/v1"));
        assertThat(settings.bedrockProfile()).isEqualTo(Optional.empty());
        assertThat(settings.toString()).doesNotContain("sk-secret-0000");
    }
}
