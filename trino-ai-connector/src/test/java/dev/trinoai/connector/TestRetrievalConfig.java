package dev.trinoai.connector;

import com.google.common.collect.ImmutableMap;
import dev.trinoai.core.retrieve.RetrievalBackend;
import io.airlift.units.Duration;
import org.junit.jupiter.api.Test;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.testing.ValidationAssertions.assertFailsValidation;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

final class TestRetrievalConfig
{
    @Test
    void defaults()
    {
        assertRecordedDefaults(recordDefaults(RetrievalConfig.class)
                .setBackend(RetrievalBackend.PGVECTOR)
                .setOpensearchUrl(null)
                .setIndexPrefix("trino-ai-chunks")
                .setAwsRegion(null)
                .setTimeout(new Duration(10, SECONDS)));
    }

    @Test
    void explicitPropertyMappings()
    {
        assertFullMapping(
                ImmutableMap.of(
                        "ai.retrieval.backend", "opensearch",
                        "ai.retrieval.opensearch.url", "https://search-pmo.eu-west-1.es.amazonaws.com",
                        "ai.retrieval.opensearch.index-prefix", "pmo-chunks",
                        "ai.retrieval.opensearch.aws-region", "eu-west-1",
                        "ai.retrieval.opensearch.timeout", "5s"),
                new RetrievalConfig()
                        .setBackend(RetrievalBackend.OPENSEARCH)
                        .setOpensearchUrl("https://search-pmo.eu-west-1.es.amazonaws.com")
                        .setIndexPrefix("pmo-chunks")
                        .setAwsRegion("eu-west-1")
                        .setTimeout(new Duration(5, SECONDS)));
    }

    @Test
    void theOpenSearchBackendNeedsItsUrl()
    {
        assertFailsValidation(new RetrievalConfig().setBackend(RetrievalBackend.OPENSEARCH), "opensearchUrlSet",
                "ai.retrieval.backend=opensearch needs ai.retrieval.opensearch.url, an http:// or https:// URL", jakarta.validation.constraints.AssertTrue.class);
        assertFailsValidation(new RetrievalConfig().setIndexPrefix("Chunks"), "indexPrefix",
                "must be lower-case letters, digits, '-' and '_', starting with a letter or digit (an OpenSearch index name)", jakarta.validation.constraints.Pattern.class);
    }

    @Test
    void theSettingsAreWhatTheEngineSearchesWith()
    {
        assertThat(new RetrievalConfig().setBackend(RetrievalBackend.OPENSEARCH).setOpensearchUrl("http://127.0.0.1:9251").setAwsRegion("eu-west-1").toSettings())
                .satisfies(settings -> {
                    assertThat(settings.backend()).isEqualTo(RetrievalBackend.OPENSEARCH);
                    assertThat(settings.opensearchUrl()).hasValueSatisfying(url -> assertThat(url).hasToString("http://127.0.0.1:9251"));
                    assertThat(settings.awsRegion()).contains("eu-west-1");
                    assertThat(settings.indexPrefix()).isEqualTo("trino-ai-chunks");
                });
    }
}
