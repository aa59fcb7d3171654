package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestSemanticModelConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(SemanticModelConfig.class)
                .setPath(null)
                .setDomains(null)
                .setRefresh(new Duration(10, MINUTES)));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.of("ai.semantic-model.path", "/etc/trino/ai/semantic-model.yaml", "ai.semantic-model.domains", "/etc/trino/ai/models", "ai.semantic-model.refresh", "30s"),
                new SemanticModelConfig().setPath("/etc/trino/ai/semantic-model.yaml").setDomains("/etc/trino/ai/models").setRefresh(new Duration(30, SECONDS)));
    }
}
