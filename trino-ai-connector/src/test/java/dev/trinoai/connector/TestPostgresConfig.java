package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.warehouse.PasswordSecret;
import io.airlift.configuration.ConfigurationFactory;
import io.airlift.units.Duration;
import jakarta.validation.constraints.AssertTrue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.testing.ValidationAssertions.assertFailsValidation;
import static io.airlift.testing.ValidationAssertions.assertValidates;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("security")
final class TestPostgresConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(PostgresConfig.class)
                .setUrl(null)
                .setUser(null)
                .setPassword(null)
                .setPasswordSecretId(null)
                .setSecretsRegion(null)
                .setSecretsEndpoint(null)
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
                .put("ai.postgres.password-secret-id", "prod/trino-ai/reader")
                .put("ai.postgres.secrets-region", "eu-west-1")
                .put("ai.postgres.secrets-endpoint", "https://vpce-0a1b.secretsmanager.eu-west-1.vpce.amazonaws.com")
                .put("ai.postgres.ask-schema", "vectors")
                .put("ai.postgres.connect-timeout", "3s")
                .buildOrThrow();

        assertFullMapping(properties, new PostgresConfig()
                .setUrl("jdbc:postgresql://db.internal:5432/pmo")
                .setUser("trino_ai_reader")
                .setPassword("secret")
                .setPasswordSecretId("prod/trino-ai/reader")
                .setSecretsRegion("eu-west-1")
                .setSecretsEndpoint("https://vpce-0a1b.secretsmanager.eu-west-1.vpce.amazonaws.com")
                .setAskSchema("vectors")
                .setConnectTimeout(new Duration(3, SECONDS)));
    }

    @Test
    void theRemovedSchemaSettingsAreRefusedByName()
    {
        // the star schema is the semantic model's; a catalog file that still names one is told so, not silently obeyed
        for (String removed : List.of("ai.postgres.star-schema", "ai.postgres.staging-schema")) {
            assertThatThrownBy(() -> new ConfigurationFactory(Map.of(removed, "warehouse")).build(PostgresConfig.class))
                    .hasMessageContaining(removed);
        }
    }

    @Test
    void thePasswordOrTheSecretHoldingIt()
    {
        PostgresConfig config = new PostgresConfig().setUrl("jdbc:postgresql://db.internal:5432/pmo");
        assertThat(config.passwordSecret()).isEmpty();
        assertThatThrownBy(new PostgresConfig().setUrl("jdbc:postgresql://db/pmo").setPassword("pw").setPasswordSecretId("prod/trino-ai/reader")::passwordSecret)
                .hasMessage("ai.postgres.password and ai.postgres.password-secret-id exclude each other: set the password or the secret that holds it, not both");
        assertFailsValidation(new PostgresConfig().setUrl("jdbc:postgresql://db/pmo").setSecretsRegion("eu-west-1"),
                "secretsSettingsUsed", "ai.postgres.secrets-region and ai.postgres.secrets-endpoint need ai.postgres.password-secret-id", AssertTrue.class);
        assertFailsValidation(new PostgresConfig().setUrl("jdbc:postgresql://db/pmo").setPasswordSecretId("s").setSecretsEndpoint("vpce.internal:443"),
                "secretsEndpointValid", "ai.postgres.secrets-endpoint must be an http or https URL", AssertTrue.class);
        // an empty password, as a catalog file naming an empty environment variable gives, is no password
        assertValidates(config.setPassword("").setPasswordSecretId("prod/trino-ai/reader").setSecretsRegion("eu-west-1").setSecretsEndpoint("https://secretsmanager.eu-west-1.amazonaws.com"));
        assertThat(config.passwordSecret()).contains(new PasswordSecret("prod/trino-ai/reader", Optional.of("eu-west-1"), Optional.of(URI.create("https://secretsmanager.eu-west-1.amazonaws.com"))));
    }
}
