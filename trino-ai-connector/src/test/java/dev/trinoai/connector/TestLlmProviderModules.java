package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.trino.spi.connector.Connector;
import io.trino.testing.TestingConnectorContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog reads the settings of the provider it is configured with, and only those.
 */
final class TestLlmProviderModules
{
    // nobody listens there: the catalog starts without a database, as Trino starts catalogs
    private static final Map<String, String> OFFLINE = ImmutableMap.of(
            "ai.postgres.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
            "ai.semantic-model.path", TestingSampleWarehouse.SEMANTIC_MODEL.toString());

    @Test
    void aSettingOfAnotherProviderFailsTheCatalogAsUnused()
    {
        assertThatThrownBy(() -> create(ImmutableMap.of("ai.llm.bedrock.region", "us-west-2")))
                .hasMessageContaining("Configuration property 'ai.llm.bedrock.region' was not used");
        assertThatThrownBy(() -> create(ImmutableMap.of("ai.llm.provider", "bedrock", "ai.llm.openai.model", "llama3.1:8b")))
                .hasMessageContaining("Configuration property 'ai.llm.openai.model' was not used");
    }

    @Test
    void theChosenProvidersSettingsAreCheckedAtStart()
    {
        assertThatThrownBy(() -> create(ImmutableMap.of("ai.llm.provider", "openai", "ai.llm.openai.model", "llama3.1:8b")))
                .hasMessageContaining("ai.llm.provider=openai needs ai.llm.openai.base-url and ai.llm.openai.model");
        assertThatThrownBy(() -> create(ImmutableMap.of("ai.llm.provider", "bedrock", "ai.llm.bedrock.endpoint", "vpce-1.example.com")))
                .hasMessageContaining("ai.llm.bedrock.endpoint must be an http or https URL");
    }

    @Test
    void anOfflineCatalogStartsWithoutAModel()
    {
        Connector connector = create(ImmutableMap.of());
        try {
            assertThat(connector.getTableFunctions()).hasSize(2);
        }
        finally {
            connector.shutdown();
        }
    }

    private static Connector create(Map<String, String> llm)
    {
        return new AiConnectorFactory().create("ai", ImmutableMap.<String, String>builder().putAll(OFFLINE).putAll(llm).buildOrThrow(), new TestingConnectorContext());
    }
}
