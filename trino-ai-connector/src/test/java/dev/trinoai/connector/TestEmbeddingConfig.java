package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.embedding.EmbeddingProvider;
import org.junit.jupiter.api.Test;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;

final class TestEmbeddingConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(EmbeddingConfig.class)
                .setProvider(EmbeddingProvider.LOCAL)
                .setBedrockModel("cohere.embed-english-v3")
                .setRegion(null)
                .setEndpoint(null)
                .setLocalThreads(Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.of(
                        "ai.embedding.provider", "bedrock",
                        "ai.embedding.bedrock.model", "amazon.titan-embed-text-v2:0",
                        "ai.embedding.bedrock.region", "eu-west-1",
                        "ai.embedding.bedrock.endpoint", "https://vpce-1.bedrock-runtime.eu-west-1.vpce.amazonaws.com",
                        "ai.embedding.local.threads", "1"),
                new EmbeddingConfig()
                        .setProvider(EmbeddingProvider.BEDROCK)
                        .setBedrockModel("amazon.titan-embed-text-v2:0")
                        .setRegion("eu-west-1")
                        .setEndpoint("https://vpce-1.bedrock-runtime.eu-west-1.vpce.amazonaws.com")
                        .setLocalThreads(1));
    }
}
