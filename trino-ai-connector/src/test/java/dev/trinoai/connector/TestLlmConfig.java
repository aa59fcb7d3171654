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
                .setMaxConcurrent(4));
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
                        .setMaxConcurrent(16));
    }

    @Test
    void checksWhatBelongsTogether()
    {
        assertThat(new LlmConfig().setProvider(LlmProvider.OPENAI).setOpenAiModel("llama3.1").isOpenAiComplete()).isFalse();
        assertThat(new LlmConfig().setOpenAiBaseUrl("localhost:11434").isUrlsValid()).isFalse();
        assertThat(new LlmConfig().setProvider(LlmProvider.BEDROCK).isOpenAiComplete()).isTrue();
    }

    @Test
    void theKeyComesFromTheNamedVariableAndIsNeverPrinted()
    {
        LlmConfig config = new LlmConfig().setProvider(LlmProvider.OPENAI).setOpenAiBaseUrl("http://localhost:11434/v1").setOpenAiModel("llama3.1");
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
