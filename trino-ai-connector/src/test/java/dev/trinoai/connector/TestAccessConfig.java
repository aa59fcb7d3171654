package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;

@Tag("security")
final class TestAccessConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(AccessConfig.class).setRulesFile(null));
    }

    @Test
    void explicitPropertyMappings()
    {
        // the file must exist: the shipped one
        String file = Path.of("../etc/ai/access-rules.yaml").toAbsolutePath().toString();
        assertFullMapping(ImmutableMap.of("ai.access.rules-file", file), new AccessConfig().setRulesFile(file));
    }
}
