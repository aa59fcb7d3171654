package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.llm.LlmProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestOpenAiLlmConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(OpenAiLlmConfig.class)
                .setBaseUrl(null)
                .setModel(null)
                .setApiKey(null)
                .setApiKeyEnv(null));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.<String, String>builder()
                        .put("ai.llm.openai.base-url", "http://localhost:11434/v1")
                        .put("ai.llm.openai.model", "llama3.1")
                        .put("ai.llm.openai.api-key", "sk-secret")
                        .put("ai.llm.openai.api-key-env", "OPENAI_API_KEY")
                        .buildOrThrow(),
                new OpenAiLlmConfig()
                        .setBaseUrl("http://localhost:11434/v1")
                        .setModel("llama3.1")
                        .setApiKey("sk-secret")
                        .setApiKeyEnv("OPENAI_API_KEY"));
    }

    @Test
    void checksWhatBelongsTogether()
    {
        assertThat(new OpenAiLlmConfig().setModel("llama3.1").isComplete()).isFalse();
        assertThat(new OpenAiLlmConfig().setBaseUrl("http://localhost:11434/v1").setModel("llama3.1").isComplete()).isTrue();
        assertThat(new OpenAiLlmConfig().setBaseUrl("localhost:11434").isBaseUrlValid()).isFalse();
        assertThat(new OpenAiLlmConfig().setBaseUrl("http://localhost:11434/v1").isBaseUrlValid()).isTrue();
    }

    @Test
    void aModelThatIsNotPinnedToOneVersionIsRefusedAtStart()
    {
        OpenAiLlmConfig ollama = new OpenAiLlmConfig().setBaseUrl("http://localhost:11434/v1");
        assertThatThrownBy(() -> ollama.setModel("llama3.1").toSettings())
                .hasMessage("ai.llm.openai.model=llama3.1 has no tag, which Ollama reads as llama3.1:latest, an alias that moves to newer models: name the tag you pulled (ollama list), e.g. llama3.1:8b");
        assertThatThrownBy(() -> ollama.setModel("llama3.1:latest").toSettings())
                .hasMessageStartingWith("ai.llm.openai.model=llama3.1:latest is an alias that moves to newer models: name one version");
        assertThat(ollama.setModel("llama3.1:8b").toSettings().openAiModel()).contains("llama3.1:8b");

        OpenAiLlmConfig openAi = new OpenAiLlmConfig().setBaseUrl("https://api.openai.com/v1").setApiKey("sk-test");
        assertThatThrownBy(() -> openAi.setModel("chatgpt-4o-latest").toSettings()).hasMessageStartingWith("ai.llm.openai.model=chatgpt-4o-latest is an alias");
        assertThat(openAi.setModel("gpt-4o-mini-2024-07-18").toSettings().openAiModel()).contains("gpt-4o-mini-2024-07-18");
    }

    @Test
    void theKeyComesFromTheNamedVariableAndIsNeverPrinted()
    {
        OpenAiLlmConfig config = new OpenAiLlmConfig().setBaseUrl("http://localhost:11434/v1").setModel("llama3.1:8b");
        assertThatThrownBy(() -> config.setApiKeyEnv("AI_TEST_NO_SUCH_VARIABLE").toSettings())
                .hasMessage("ai.llm.openai.api-key-env names AI_TEST_NO_SUCH_VARIABLE, which is not set in the Trino server's environment");

        // the key itself wins over the variable
        var settings = config.setApiKey("sk-secret-0000").toSettings();
        assertThat(settings.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(settings.openAiApiKey()).contains("sk-secret-0000");
        assertThat(settings.openAiBaseUrl()).contains(URI.create("http://localhost:11434/v1"));
        assertThat(settings.toString()).doesNotContain("sk-secret-0000");
    }
}
