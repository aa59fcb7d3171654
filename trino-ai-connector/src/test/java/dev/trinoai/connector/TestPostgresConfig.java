package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestPostgresConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(PostgresConfig.class)
                .setUrl(null)
                .setUser(null)
                .setPassword(null)
                .setStagingSchema("staging")
                .setStarSchema("star")
                .setAskSchema("ask")
                .setConnectTimeout(new Duration(10, SECONDS)));
    }

    @Test
    void explicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.<String, String>builder()
                .put("ai.postgres.url", "jdbc:postgresql://db.internal:5432/pmo")
                .put("ai.postgres.user", "trino_ai_reader")
                .put("ai.postgres.password", "secret")
                .put("ai.postgres.staging-schema", "raw")
                .put("ai.postgres.star-schema", "warehouse")
                .put("ai.postgres.ask-schema", "vectors")
                .put("ai.postgres.connect-timeout", "3s")
                .buildOrThrow();

        assertFullMapping(properties, new PostgresConfig()
                .setUrl("jdbc:postgresql://db.internal:5432/pmo")
                .setUser("trino_ai_reader")
                .setPassword("secret")
                .setStagingSchema("raw")
                .setStarSchema("warehouse")
                .setAskSchema("vectors")
                .setConnectTimeout(new Duration(3, SECONDS)));
    }
}
