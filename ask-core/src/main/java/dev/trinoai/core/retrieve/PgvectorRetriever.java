package dev.trinoai.core.retrieve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.AskException;
import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingPurpose;
import dev.trinoai.core.embedding.Vectors;
import dev.trinoai.core.warehouse.Warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.trinoai.core.AskFailure.DATABASE_NOT_READY;
import static java.util.Objects.requireNonNull;

/**
 * Hybrid retrieval over the vector table: k nearest neighbours in pgvector (HNSW, cosine) fused with PostgreSQL
 * full-text ranks by reciprocal rank fusion, filtered by the chunks' metadata, one citation per source row. The
 * fusion runs in the statement, so only the k citations leave the database.
 */
public final class PgvectorRetriever
        implements Retriever
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;
    private final EmbeddingModel embeddings;
    private final String schema;
    private final Duration statementTimeout;

    public PgvectorRetriever(Warehouse warehouse, EmbeddingModel embeddings, String schema, Duration statementTimeout)
    {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.statementTimeout = requireNonNull(statementTimeout, "statementTimeout is null");
    }

    @Override
    public List<Citation> search(String text, SearchScope scope, int k)
    {
        float[] vector = embeddings.embed(List.of(text), EmbeddingPurpose.QUERY).getFirst();
        int dimension = embeddings.dimension();
        List<Object> parameters = new ArrayList<>();
        String where = where(scope, parameters);
        String sql = """
                WITH semantic AS (
                    -- rows that share a text share its vector: their ties are broken by id, as every backend breaks them
                    SELECT source, source_id, chunk, row_number() OVER (ORDER BY distance, source, source_id, chunk) AS rank
                    FROM (
                        SELECT c.source, c.source_id, c.chunk, c.embedding::vector(%1$d) <=> ?::vector(%1$d) AS distance
                        FROM %2$s.text_chunk AS c
                        WHERE %3$s
                        ORDER BY c.embedding::vector(%1$d) <=> ?::vector(%1$d)
                        LIMIT %4$d
                    ) AS nearest
                ),
                lexical AS (
                    SELECT c.source, c.source_id, c.chunk, row_number() OVER (ORDER BY ts_rank_cd(c.tsv, q.query) DESC, c.source, c.source_id, c.chunk) AS rank
                    FROM %2$s.text_chunk AS c, (SELECT replace(plainto_tsquery('english', ?)::text, '&', '|')::tsquery AS query) AS q
                    WHERE %3$s AND c.tsv @@ q.query
                    ORDER BY ts_rank_cd(c.tsv, q.query) DESC, c.source, c.source_id, c.chunk
                    LIMIT %4$d
                ),
                fused AS (
                    SELECT source, source_id, chunk, sum(1.0 / (%5$d + rank)) AS score
                    FROM (SELECT * FROM semantic UNION ALL SELECT * FROM lexical) AS ranked
                    GROUP BY source, source_id, chunk
                )
                SELECT source, source_id, title, content, metadata, score FROM (
                    SELECT DISTINCT ON (f.source, f.source_id) f.source, f.source_id, c.title, c.content, c.metadata::text AS metadata, f.score
                    FROM fused AS f
                    JOIN %2$s.text_chunk AS c ON c.model_id = ? AND c.source = f.source AND c.source_id = f.source_id AND c.chunk = f.chunk
                    ORDER BY f.source, f.source_id, f.score DESC
                ) AS best
                ORDER BY score DESC, source, source_id
                LIMIT ?
                """.formatted(dimension, schema, where, RankFusion.CANDIDATES, RankFusion.RRF_K);
        String literal = Vectors.toPgvector(vector);
        List<Object> all = new ArrayList<>();
        all.add(literal);
        all.addAll(parameters);
        all.add(literal);
        all.add(text);
        all.addAll(parameters);
        all.add(embeddings.id());
        all.add(k);

        try (Connection connection = warehouse.openReadOnly()) {
            connection.setAutoCommit(false);
            try {
                requireIndex(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
                    // the partial HNSW index of a model is only usable when the plan sees the model id
                    statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                    statement.execute("SET LOCAL hnsw.ef_search = 100");
                    statement.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < all.size(); i++) {
                        Object value = all.get(i);
                        if (value instanceof String[] array) {
                            statement.setArray(i + 1, connection.createArrayOf("text", array));
                        }
                        else {
                            statement.setObject(i + 1, value);
                        }
                    }
                    List<Citation> citations = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            citations.add(new Citation(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3), rs.getString(4),
                                    metadata(rs.getString(5)), rs.getDouble(6)));
                        }
                    }
                    return citations;
                }
            }
            finally {
                connection.rollback();
            }
        }
        catch (SQLException e) {
            throw warehouse.translate(e);
        }
    }

    private String where(SearchScope scope, List<Object> parameters)
    {
        List<String> conditions = new ArrayList<>();
        conditions.add("c.model_id = ?");
        parameters.add(embeddings.id());
        if (!scope.sources().isEmpty()) {
            conditions.add("c.source = ANY(?)");
            parameters.add(scope.sources().toArray(String[]::new));
        }
        scope.filters().forEach((key, values) -> {
            conditions.add("c.metadata->>? = ANY(?)");
            parameters.add(key);
            parameters.add(values.toArray(String[]::new));
        });
        scope.sourceFilters().forEach((source, filters) -> filters.forEach((key, values) -> {
            conditions.add("(c.source <> ? OR c.metadata->>? = ANY(?))");
            parameters.add(source);
            parameters.add(key);
            parameters.add(values.toArray(String[]::new));
        }));
        scope.access().ifPresent(access -> {
            // each source on its own terms; none left means nothing may be read, not everything
            List<String> bySource = new ArrayList<>();
            access.forEach((source, filters) -> {
                List<String> sourceConditions = new ArrayList<>(List.of("c.source = ?"));
                parameters.add(source);
                filters.forEach((key, values) -> {
                    sourceConditions.add("c.metadata->>? = ANY(?)");
                    parameters.add(key);
                    parameters.add(values.toArray(String[]::new));
                });
                bySource.add("(" + String.join(" AND ", sourceConditions) + ")");
            });
            conditions.add(bySource.isEmpty() ? "FALSE" : "(" + String.join(" OR ", bySource) + ")");
        });
        scope.from().ifPresent(from -> {
            // ISO dates compare as text in date order, so the btree-free comparison needs no cast that could fail
            conditions.add("c.metadata->>'date' >= ?");
            parameters.add(from.toString());
        });
        scope.to().ifPresent(to -> {
            conditions.add("c.metadata->>'date' <= ?");
            parameters.add(to.toString());
        });
        return String.join(" AND ", conditions);
    }

    private void requireIndex(Connection connection)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL, to_regclass(?) IS NOT NULL")) {
            statement.setString(1, schema + ".text_chunk");
            statement.setString(2, schema + ".embed_model");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1) || !rs.getBoolean(2)) {
                    throw new AskException(DATABASE_NOT_READY, "The vector table %s.text_chunk does not exist yet. %s".formatted(schema, Retriever.EMBED_HINT));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT index_name, to_regclass(quote_ident(?) || '.' || quote_ident(index_name)) IS NOT NULL FROM %s.embed_model WHERE model_id = ?".formatted(schema))) {
            statement.setString(1, schema);
            statement.setString(2, embeddings.id());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(2)) {
                    throw new AskException(DATABASE_NOT_READY, "There is no vector index for the embedding model %s in %s. %s".formatted(embeddings.id(), schema, Retriever.EMBED_HINT));
                }
            }
        }
    }

    private static Map<String, String> metadata(String json)
    {
        try {
            Map<String, Object> raw = JSON.readValue(json, new TypeReference<>() {});
            Map<String, String> metadata = new HashMap<>();
            raw.forEach((key, value) -> {
                if (value != null) {
                    metadata.put(key, value.toString());
                }
            });
            return metadata;
        }
        catch (java.io.IOException e) {
            return Map.of();
        }
    }
}
