package dev.trinoai.core.retrieve.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trinoai.core.AskException;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingPurpose;
import dev.trinoai.core.retrieve.Citation;
import dev.trinoai.core.retrieve.RankFusion;
import dev.trinoai.core.retrieve.RankFusion.Ranked;
import dev.trinoai.core.retrieve.Retriever;
import dev.trinoai.core.retrieve.SearchScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.trinoai.core.AskFailure.DATABASE_NOT_READY;
import static dev.trinoai.core.AskFailure.DATABASE_UNAVAILABLE;
import static java.util.Objects.requireNonNull;

/**
 * Hybrid retrieval over a model's OpenSearch index: k-NN (HNSW, cosine) and BM25 in one multi-search, each with the
 * scope as a filter (inside the k-NN clause, so the k nearest are found among the rows allowed, not filtered after),
 * fused by {@link RankFusion} as {@link dev.trinoai.core.retrieve.PgvectorRetriever} fuses in SQL.
 */
public final class OpenSearchRetriever
        implements Retriever
{
    private final VectorIndex index;
    private final EmbeddingModel embeddings;

    public OpenSearchRetriever(VectorIndex index, EmbeddingModel embeddings)
    {
        this.index = requireNonNull(index, "index is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
    }

    @Override
    public List<Citation> search(String text, SearchScope scope, int k)
    {
        float[] vector = embeddings.embed(List.of(text), EmbeddingPurpose.QUERY).getFirst();
        Optional<Map<String, Object>> filter = filter(scope);

        Map<String, Object> knn = new LinkedHashMap<>();
        knn.put("vector", vector);
        knn.put("k", RankFusion.CANDIDATES);
        filter.ifPresent(value -> knn.put("filter", value));
        Map<String, Object> semantic = request(Map.of("knn", Map.of("embedding", knn)));

        Map<String, Object> bool = new LinkedHashMap<>();
        bool.put("must", Map.of("match", Map.of("text", Map.of("query", text, "operator", "or"))));
        filter.ifPresent(value -> bool.put("filter", value));
        Map<String, Object> lexical = request(Map.of("bool", bool));

        JsonNode responses;
        try {
            responses = index.client().sendLines("/%s/_msearch".formatted(index.name()), List.of(Map.of(), semantic, Map.of(), lexical)).path("responses");
        }
        catch (OpenSearchException e) {
            throw new AskException(DATABASE_UNAVAILABLE, "Retrieval failed: %s".formatted(e.getMessage()), e);
        }
        List<List<Ranked>> lists = new ArrayList<>();
        for (JsonNode response : responses) {
            if (response.has("error")) {
                throw failure(response);
            }
            lists.add(ranked(response.path("hits").path("hits")));
        }
        return RankFusion.fuse(lists, k);
    }

    private static Map<String, Object> request(Map<String, Object> query)
    {
        // equal scores in the order PgvectorRetriever breaks their ties
        List<Object> sort = List.of(Map.of("_score", "desc"), Map.of("source", "asc"), Map.of("source_id", "asc"), Map.of("chunk", "asc"));
        return Map.of("size", RankFusion.CANDIDATES, "_source", Map.of("excludes", List.of("embedding")), "sort", sort, "query", query);
    }

    private AskException failure(JsonNode response)
    {
        JsonNode error = response.path("error");
        String type = error.path("type").asText();
        if (type.equals("index_not_found_exception")) {
            return new AskException(DATABASE_NOT_READY, "There is no OpenSearch index %s for the embedding model %s at %s. %s"
                    .formatted(index.name(), embeddings.id(), index.client().base(), EMBED_HINT));
        }
        JsonNode cause = error.path("root_cause").path(0);
        return new AskException(DATABASE_UNAVAILABLE, "OpenSearch at %s refused the search of %s: %s (%s)"
                .formatted(index.client().base(), index.name(), cause.path("reason").asText(error.path("reason").asText()), type));
    }

    private static List<Ranked> ranked(JsonNode hits)
    {
        List<Ranked> ranked = new ArrayList<>();
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            Map<String, String> metadata = new HashMap<>();
            source.path("metadata").properties().forEach(entry -> {
                if (!entry.getValue().isNull()) {
                    metadata.put(entry.getKey(), entry.getValue().asText());
                }
            });
            ranked.add(new Ranked(source.path("source").asText(), source.path("source_id").asText(), source.path("chunk").asInt(),
                    source.path("title").asText(""), source.path("content").asText(), metadata));
        }
        return ranked;
    }

    /**
     * The scope as an OpenSearch filter, condition for condition as {@code PgvectorRetriever} writes its WHERE clause;
     * empty when nothing is filtered.
     */
    static Optional<Map<String, Object>> filter(SearchScope scope)
    {
        List<Object> conditions = new ArrayList<>();
        if (!scope.sources().isEmpty()) {
            conditions.add(Map.of("terms", Map.of("source", scope.sources())));
        }
        scope.filters().forEach((key, values) -> conditions.add(metadata(key, values)));
        scope.sourceFilters().forEach((source, filters) -> filters.forEach((key, values) ->
                conditions.add(anyOf(List.of(Map.of("bool", Map.of("must_not", Map.of("term", Map.of("source", source)))), metadata(key, values))))));
        scope.access().ifPresent(access -> {
            // each source on its own terms; none left means nothing may be read, not everything
            List<Object> bySource = new ArrayList<>();
            access.forEach((source, filters) -> {
                List<Object> sourceConditions = new ArrayList<>(List.of(Map.of("term", Map.of("source", source))));
                filters.forEach((key, values) -> sourceConditions.add(metadata(key, values)));
                bySource.add(Map.of("bool", Map.of("filter", sourceConditions)));
            });
            conditions.add(bySource.isEmpty() ? Map.of("bool", Map.of("must_not", Map.of("match_all", Map.of()))) : anyOf(bySource));
        });
        Map<String, String> dates = new LinkedHashMap<>();
        // ISO dates compare as keywords in date order, as PostgreSQL compares them as text
        scope.from().ifPresent(from -> dates.put("gte", from.toString()));
        scope.to().ifPresent(to -> dates.put("lte", to.toString()));
        if (!dates.isEmpty()) {
            conditions.add(Map.of("range", Map.of("metadata.date", dates)));
        }
        return conditions.isEmpty() ? Optional.empty() : Optional.of(Map.of("bool", Map.of("filter", conditions)));
    }

    private static Map<String, Object> metadata(String key, List<String> values)
    {
        return Map.of("terms", Map.of("metadata." + key, values));
    }

    private static Map<String, Object> anyOf(List<Object> conditions)
    {
        return Map.of("bool", Map.of("should", conditions, "minimum_should_match", 1));
    }
}
