package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.llm.LlmProvider;
import dev.trinoai.core.llm.LlmSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestBedrockLlmConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(BedrockLlmConfig.class)
                .setModel("anthropic.claude-3-5-haiku-20241022-v1:0")
                .setRegion(null)
                .setEndpoint(null)
                .setProfile(null));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.<String, String>builder()
                        .put("ai.llm.bedrock.model", "us.anthropic.claude-3-5-haiku-20241022-v1:0")
                        .put("ai.llm.bedrock.region", "us-west-2")
                        .put("ai.llm.bedrock.endpoint", "https://vpce-1.bedrock-runtime.us-west-2.vpce.amazonaws.com")
                        .put("ai.llm.bedrock.profile", "analytics")
                        .buildOrThrow(),
                new BedrockLlmConfig()
                        .setModel("us.anthropic.claude-3-5-haiku-20241022-v1:0")
                        .setRegion("us-west-2")
                        .setEndpoint("https://vpce-1.bedrock-runtime.us-west-2.vpce.amazonaws.com")
                        .setProfile("analytics"));
    }

    @Test
    void theEndpointIsAnHttpUrl()
    {
        assertThat(new BedrockLlmConfig().setEndpoint("vpce-1.bedrock-runtime.us-west-2.vpce.amazonaws.com").isEndpointValid()).isFalse();
        assertThat(new BedrockLlmConfig().setEndpoint("https://vpce-1.bedrock-runtime.us-west-2.vpce.amazonaws.com").isEndpointValid()).isTrue();
        assertThat(new BedrockLlmConfig().isEndpointValid()).isTrue();
    }

    @Test
    void theSettingsAreBedrocksWithWhatIsSet()
    {
        LlmSettings settings = new BedrockLlmConfig().setRegion("us-west-2").setEndpoint("https://bedrock.example.com").toSettings();
        assertThat(settings.provider()).isEqualTo(LlmProvider.BEDROCK);
        assertThat(settings.bedrockModel()).isEqualTo("anthropic.claude-3-5-haiku-20241022-v1:0");
        assertThat(settings.bedrockRegion()).contains("us-west-2");
        assertThat(settings.bedrockEndpoint()).contains(URI.create("https://bedrock.example.com"));
        assertThat(settings.bedrockProfile()).isEqualTo(Optional.empty());
    }

    @Test
    void aModelThatIsNotPinnedToOneVersionIsRefusedAtStart()
    {
        assertThatThrownBy(() -> new BedrockLlmConfig().setModel("anthropic.claude-latest").toSettings())
                .hasMessageStartingWith("ai.llm.bedrock.model=anthropic.claude-latest is an alias");
    }
}
