package dev.trinoai.jobs;

import dev.trinoai.core.retrieve.RetrievalSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The retrieval backend of the jobs, from the catalog's {@code ai.retrieval.*} keys upper-cased, so the embed job
 * writes where the catalog searches.
 */
final class RetrievalEnvironment
{
    static final String BACKEND = "AI_RETRIEVAL_BACKEND";
    static final String URL = "AI_RETRIEVAL_OPENSEARCH_URL";
    static final String INDEX_PREFIX = "AI_RETRIEVAL_OPENSEARCH_INDEX_PREFIX";
    static final String AWS_REGION = "AI_RETRIEVAL_OPENSEARCH_AWS_REGION";

    private RetrievalEnvironment() {}

    static RetrievalSettings settings(Map<String, String> environment)
    {
        String backend = value(environment, BACKEND).orElse("pgvector");
        return switch (backend.toLowerCase(Locale.ROOT)) {
            case "pgvector" -> RetrievalSettings.pgvector();
            case "opensearch" -> opensearch(environment);
            default -> throw new IllegalArgumentException("'%s' is not a retrieval backend: set %s to pgvector or opensearch".formatted(backend, BACKEND));
        };
    }

    /**
     * The OpenSearch settings whatever the backend, for moving a corpus there before the catalog switches.
     */
    static RetrievalSettings opensearch(Map<String, String> environment)
    {
        URI url = value(environment, URL).map(URI::create)
                .orElseThrow(() -> new IllegalArgumentException("%s is not set: the URL of OpenSearch, e.g. http://127.0.0.1:9251 (scripts/opensearch.sh start prints the local one)".formatted(URL)));
        RetrievalSettings settings = RetrievalSettings.opensearch(url);
        settings = value(environment, INDEX_PREFIX).map(settings::withIndexPrefix).orElse(settings);
        return value(environment, AWS_REGION).map(settings::withAwsRegion).orElse(settings);
    }

    private static Optional<String> value(Map<String, String> environment, String name)
    {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }
}
