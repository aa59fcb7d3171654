package dev.trinoai.core.retrieve.opensearch;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One embedding model's chunks in OpenSearch: an index of its own (as pgvector gives each model its own partial HNSW
 * index), k-NN with HNSW on the Lucene engine (cosine, no native library), and the title and content as full text that
 * ranks as PostgreSQL's does, so both backends rank the same chunks the same way: PostgreSQL's English stop words and
 * Snowball English stemmer, and a score that counts the occurrences of the query's words (what {@code ts_rank_cd}
 * gives a query of words joined by OR) rather than BM25, whose rarity weighting ranks differently.
 */
public final class VectorIndex
{
    private static final int SCAN_PAGE = 5000;
    // PostgreSQL's english.stop (tsearch_data), the words its 'english' configuration leaves out
    private static final List<String> STOP_WORDS = stopWords();

    private final OpenSearchClient client;
    private final String prefix;
    private final String modelId;
    private final String name;

    public VectorIndex(OpenSearchClient client, String prefix, String modelId)
    {
        this.client = requireNonNull(client, "client is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.modelId = requireNonNull(modelId, "modelId is null");
        this.name = name(prefix, modelId);
    }

    /**
     * The index of a model: its name is derived from the model id, which may hold any characters.
     */
    public static String name(String prefix, String modelId)
    {
        return prefix + "-" + OpenSearchClient.sha256(modelId.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    public String name()
    {
        return name;
    }

    public String modelId()
    {
        return modelId;
    }

    public OpenSearchClient client()
    {
        return client;
    }

    public boolean exists()
    {
        return client.exists("/" + name);
    }

    /**
     * Creates the index when missing. A model id once indexed keeps its dimension: a model whose vectors change must
     * change its id, or its old and new vectors would be compared.
     */
    public void create(int dimension)
    {
        if (exists()) {
            JsonNode meta = client.send("GET", "/%s/_mapping".formatted(name), Optional.empty()).path(name).path("mappings").path("_meta");
            int stored = meta.path("dimension").asInt();
            if (stored != dimension) {
                throw new IllegalStateException("the model %s has vectors of %d dimensions in the OpenSearch index %s, but now makes %d: a model whose vectors change needs a new id"
                        .formatted(modelId, stored, name, dimension));
            }
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("source", Map.of("type", "keyword"));
        properties.put("source_id", Map.of("type", "keyword"));
        properties.put("chunk", Map.of("type", "integer"));
        properties.put("title", Map.of("type", "text", "copy_to", "text"));
        properties.put("content", Map.of("type", "text", "copy_to", "text"));
        properties.put("content_hash", Map.of("type", "keyword"));
        properties.put("text_hash", Map.of("type", "keyword"));
        properties.put("metadata", Map.of("type", "object"));
        properties.put("embedding", Map.of("type", "knn_vector", "dimension", dimension,
                "method", Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil")));
        Map<String, Object> mappings = Map.of(
                "_meta", Map.of("model_id", modelId, "dimension", dimension),
                // metadata values are compared whole, as PostgreSQL compares metadata->>key
                "dynamic_templates", List.of(Map.of("metadata", Map.of("path_match", "metadata.*", "mapping", Map.of("type", "keyword")))),
                "properties", properties);
        properties.put("text", Map.of("type", "text", "analyzer", "postgres_english", "similarity", "occurrences"));
        Map<String, Object> settings = Map.of(
                "knn", true,
                "analysis", Map.of(
                        "filter", Map.of(
                                "postgres_english_stop", Map.of("type", "stop", "stopwords", STOP_WORDS),
                                "postgres_english_stem", Map.of("type", "snowball", "language", "English")),
                        "analyzer", Map.of("postgres_english", Map.of("type", "custom", "tokenizer", "standard",
                                "filter", List.of("lowercase", "postgres_english_stop", "postgres_english_stem")))),
                "similarity", Map.of("occurrences", Map.of("type", "scripted", "script", Map.of("source", "return query.boost * doc.freq;"))));
        try {
            client.send("PUT", "/" + name, Optional.of(Map.of("settings", Map.of("index", settings), "mappings", mappings)));
        }
        catch (OpenSearchException e) {
            // two writers creating it at once: the other one won
            if (!exists()) {
                throw e;
            }
        }
    }

    /**
     * Writes the documents (replacing those with the same ids), in one request.
     */
    public void write(List<VectorDocument> documents)
    {
        if (documents.isEmpty()) {
            return;
        }
        List<Object> lines = new ArrayList<>();
        for (VectorDocument document : documents) {
            lines.add(Map.of("index", Map.of("_index", name, "_id", document.id())));
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", document.source());
            source.put("source_id", document.sourceId());
            source.put("chunk", document.chunk());
            source.put("title", document.title());
            source.put("content", document.content());
            source.put("content_hash", document.contentHash());
            source.put("text_hash", document.textHash());
            source.put("metadata", document.metadata());
            source.put("embedding", document.embedding());
            lines.add(source);
        }
        requireNoErrors(client.sendLines("/_bulk", lines));
    }

    public void delete(List<String> ids)
    {
        if (ids.isEmpty()) {
            return;
        }
        List<Object> lines = ids.stream().<Object>map(id -> Map.of("delete", Map.of("_index", name, "_id", id))).toList();
        requireNoErrors(client.sendLines("/_bulk", lines));
    }

    /**
     * Makes what was written visible to searches.
     */
    public void refresh()
    {
        client.send("POST", "/%s/_refresh".formatted(name), Optional.empty());
    }

    /**
     * Every document's id and content hash, read page by page in id order.
     */
    public Map<String, String> contentHashes()
    {
        Map<String, String> hashes = new HashMap<>();
        if (!exists()) {
            return hashes;
        }
        Optional<JsonNode> after = Optional.empty();
        while (true) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("size", SCAN_PAGE);
            body.put("_source", List.of("source", "source_id", "chunk", "content_hash"));
            body.put("sort", List.of(Map.of("source", "asc"), Map.of("source_id", "asc"), Map.of("chunk", "asc")));
            body.put("query", Map.of("match_all", Map.of()));
            after.ifPresent(values -> body.put("search_after", values));
            JsonNode hits = client.send("POST", "/%s/_search".formatted(name), Optional.of(body)).path("hits").path("hits");
            for (JsonNode hit : hits) {
                hashes.put(hit.path("_id").asText(), hit.path("_source").path("content_hash").asText());
            }
            if (hits.size() < SCAN_PAGE) {
                return hashes;
            }
            after = Optional.of(hits.get(hits.size() - 1).path("sort"));
        }
    }

    public long count()
    {
        return client.send("GET", "/%s/_count".formatted(name), Optional.empty()).path("count").asLong();
    }

    public void drop()
    {
        if (exists()) {
            client.send("DELETE", "/" + name, Optional.empty());
        }
    }

    /**
     * Drops the indexes under this index's prefix that belong to other models.
     *
     * @return their names
     */
    public List<String> dropOtherModels()
    {
        JsonNode indexes = client.send("GET", "/_cat/indices/%s-*?format=json&h=index".formatted(prefix), Optional.empty());
        List<String> others = new ArrayList<>();
        for (JsonNode index : indexes) {
            String other = index.path("index").asText();
            if (!other.equals(name) && other.matches("\\Q" + prefix + "\\E-[0-9a-f]{12}")) {
                client.send("DELETE", "/" + other, Optional.empty());
                others.add(other);
            }
        }
        return others;
    }

    private static List<String> stopWords()
    {
        try (InputStream in = VectorIndex.class.getResourceAsStream("english.stop")) {
            return new String(requireNonNull(in, "english.stop is missing").readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireNoErrors(JsonNode response)
    {
        if (!response.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : response.path("items")) {
            JsonNode result = item.elements().next();
            JsonNode error = result.path("error");
            // deleting what is already gone is what was wanted
            if (!error.isMissingNode() && !(result.path("status").asInt() == 404)) {
                throw new OpenSearchException(result.path("status").asInt(), "OpenSearch index %s refused document %s: %s (%s)"
                        .formatted(name, result.path("_id").asText(), error.path("reason").asText(), error.path("type").asText()));
            }
        }
    }
}
