package dev.trinoai.core.retrieve;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where retrieval searches; the connector's catalog file and the jobs' environment both end here, so the catalog
 * searches the index the embed job writes.
 *
 * @param opensearchUrl the OpenSearch endpoint, for {@link RetrievalBackend#OPENSEARCH}
 * @param indexPrefix the start of the index names: each embedding model has its own index under it
 * @param awsRegion set for Amazon OpenSearch Service: requests are signed (SigV4) with the AWS SDK's default
 *     credential chain for this region
 * @param timeout how long one request may take
 */
public record RetrievalSettings(RetrievalBackend backend, Optional<URI> opensearchUrl, String indexPrefix, Optional<String> awsRegion, Duration timeout)
{
    public RetrievalSettings
    {
        requireNonNull(backend, "backend is null");
        requireNonNull(opensearchUrl, "opensearchUrl is null");
        requireNonNull(indexPrefix, "indexPrefix is null");
        requireNonNull(awsRegion, "awsRegion is null");
        requireNonNull(timeout, "timeout is null");
        if (!indexPrefix.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("the OpenSearch index prefix '%s' must be lower-case letters, digits, '-' and '_', starting with a letter or digit".formatted(indexPrefix));
        }
        if (backend == RetrievalBackend.OPENSEARCH && opensearchUrl.isEmpty()) {
            throw new IllegalArgumentException("the opensearch retrieval backend needs the OpenSearch URL (ai.retrieval.opensearch.url, or AI_OPENSEARCH_URL for the jobs)");
        }
    }

    public static RetrievalSettings pgvector()
    {
        return new RetrievalSettings(RetrievalBackend.PGVECTOR, Optional.empty(), "trino-ai-chunks", Optional.empty(), Duration.ofSeconds(30));
    }

    public static RetrievalSettings opensearch(URI url)
    {
        return new RetrievalSettings(RetrievalBackend.OPENSEARCH, Optional.of(url), "trino-ai-chunks", Optional.empty(), Duration.ofSeconds(30));
    }

    public RetrievalSettings withIndexPrefix(String indexPrefix)
    {
        return new RetrievalSettings(backend, opensearchUrl, indexPrefix, awsRegion, timeout);
    }

    public RetrievalSettings withAwsRegion(String awsRegion)
    {
        return new RetrievalSettings(backend, opensearchUrl, indexPrefix, Optional.of(awsRegion), timeout);
    }
}
