package dev.trinoai.connector;

import dev.trinoai.core.retrieve.RetrievalBackend;
import dev.trinoai.core.retrieve.RetrievalSettings;
import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.Duration;
import io.airlift.units.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.Optional;

import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * Where the text is searched: pgvector in the warehouse's database, or an OpenSearch cluster the embed job keeps in
 * step (run it with the same settings, as {@code AI_RETRIEVAL_*}).
 */
public class RetrievalConfig
{
    private RetrievalBackend backend = RetrievalBackend.PGVECTOR;
    private String opensearchUrl;
    private String indexPrefix = "trino-ai-chunks";
    private String awsRegion;
    private Duration timeout = new Duration(10, SECONDS);

    @NotNull
    public RetrievalBackend getBackend()
    {
        return backend;
    }

    @Config("ai.retrieval.backend")
    @ConfigDescription("pgvector (vectors in the warehouse's database) or opensearch (a k-NN index per embedding model)")
    public RetrievalConfig setBackend(RetrievalBackend backend)
    {
        this.backend = backend;
        return this;
    }

    public String getOpensearchUrl()
    {
        return opensearchUrl;
    }

    @Config("ai.retrieval.opensearch.url")
    @ConfigDescription("OpenSearch endpoint, e.g. https://search-domain.eu-west-1.es.amazonaws.com")
    public RetrievalConfig setOpensearchUrl(String opensearchUrl)
    {
        this.opensearchUrl = opensearchUrl;
        return this;
    }

    @NotNull
    @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be lower-case letters, digits, '-' and '_', starting with a letter or digit (an OpenSearch index name)")
    public String getIndexPrefix()
    {
        return indexPrefix;
    }

    @Config("ai.retrieval.opensearch.index-prefix")
    @ConfigDescription("Start of the index names; each embedding model has its own index under it")
    public RetrievalConfig setIndexPrefix(String indexPrefix)
    {
        this.indexPrefix = indexPrefix;
        return this;
    }

    public String getAwsRegion()
    {
        return awsRegion;
    }

    @Config("ai.retrieval.opensearch.aws-region")
    @ConfigDescription("Set for Amazon OpenSearch Service: requests are signed (SigV4) with the AWS SDK's default credential chain for this region")
    public RetrievalConfig setAwsRegion(String awsRegion)
    {
        this.awsRegion = awsRegion;
        return this;
    }

    @NotNull
    @MinDuration("1s")
    public Duration getTimeout()
    {
        return timeout;
    }

    @Config("ai.retrieval.opensearch.timeout")
    @ConfigDescription("How long one request to OpenSearch may take")
    public RetrievalConfig setTimeout(Duration timeout)
    {
        this.timeout = timeout;
        return this;
    }

    @AssertTrue(message = "ai.retrieval.backend=opensearch needs ai.retrieval.opensearch.url, an http:// or https:// URL")
    public boolean isOpensearchUrlSet()
    {
        if (backend != RetrievalBackend.OPENSEARCH) {
            return true;
        }
        return opensearchUrl != null && (opensearchUrl.startsWith("http://") || opensearchUrl.startsWith("https://"));
    }

    public RetrievalSettings toSettings()
    {
        return new RetrievalSettings(backend, Optional.ofNullable(opensearchUrl).map(URI::create), indexPrefix, Optional.ofNullable(awsRegion),
                java.time.Duration.ofMillis(timeout.toMillis()));
    }
}
