package dev.trinoai.jobs.embed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.retrieve.RetrievalSettings;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.retrieve.opensearch.VectorDocument;
import dev.trinoai.core.retrieve.opensearch.VectorIndex;
import dev.trinoai.jobs.AdvisoryLock;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Brings a model's OpenSearch index in step with its rows of the vector table, which stays the record of what was
 * embedded: a document whose content hash equals the row's is left alone, a changed or missing one is written with
 * the row's vector, and a document no row has any more is deleted. So the first sync moves a whole corpus, and each
 * later one costs only what changed; a sync that dies half-way is finished by the next.
 */
public final class OpenSearchSync
{
    private static final ObjectMapper JSON = new ObjectMapper();
    // documents per bulk request: a 384-d vector is about 4 kB of JSON, so a request stays near 2 MB
    private static final int BULK = 500;
    private static final int PROGRESS_EVERY = 50 * BULK;

    private final String schema;
    private final PrintStream progress;

    public OpenSearchSync(String schema, PrintStream progress)
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * What one sync did.
     *
     * @param written documents written, new or changed
     * @param unchanged documents already equal to their row
     * @param deleted documents whose row is gone
     */
    public record Summary(String index, String modelId, long written, long unchanged, long deleted)
    {
        public void print(PrintStream out)
        {
            out.printf("OpenSearch index %s (model %s): %d written, %d unchanged, %d deleted%n", index, modelId, written, unchanged, deleted);
        }
    }

    /**
     * Moves the vector table into OpenSearch: every model that has vectors (or the one named) into its own index,
     * while holding the embed job's lock, so no embed run changes the rows under the copy.
     *
     * @return what was done per model, or empty when an embed run holds the lock
     */
    public Optional<List<Summary>> syncModels(Connection connection, RetrievalSettings settings, Optional<String> onlyModel)
            throws SQLException
    {
        Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(connection, EmbedJob.LOCK_ID);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try (AdvisoryLock _ = lock.get()) {
            Map<String, Integer> models = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT model_id, dimension FROM %s.embed_model WHERE ? IS NULL OR model_id = ? ORDER BY model_id".formatted(schema))) {
                statement.setString(1, onlyModel.orElse(null));
                statement.setString(2, onlyModel.orElse(null));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        models.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            if (models.isEmpty()) {
                throw new IllegalStateException(onlyModel.map(model -> "the model %s has no vectors in %s.text_chunk: run the embed job with it first, or pass a model id of %s.embed_model".formatted(model, schema, schema))
                        .orElse("%s.text_chunk holds no vectors: run the embed job first (scripts/jobs.sh embed --once)".formatted(schema)));
            }
            connection.setAutoCommit(false);
            List<Summary> summaries = new ArrayList<>();
            for (Map.Entry<String, Integer> model : models.entrySet()) {
                summaries.add(sync(connection, Retrievers.index(settings, model.getKey()), model.getValue()));
            }
            connection.setAutoCommit(true);
            return Optional.of(summaries);
        }
    }

    /**
     * @param connection with auto-commit off, as the rows are read through a cursor
     * @param dimension the model's vector size, which the index keeps for good
     */
    public Summary sync(Connection connection, VectorIndex index, int dimension)
            throws SQLException
    {
        index.create(dimension);
        Map<String, String> stored = index.contentHashes();
        long written = 0;
        long unchanged = 0;
        List<VectorDocument> batch = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT source, source_id, chunk, title, content, content_hash, text_hash, metadata::text, embedding::text
                FROM %s.text_chunk WHERE model_id = ?
                """.formatted(schema))) {
            statement.setFetchSize(BULK);
            statement.setString(1, index.modelId());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String id = VectorDocument.id(rs.getString(1), rs.getString(2), rs.getInt(3));
                    if (rs.getString(6).equals(stored.remove(id))) {
                        unchanged++;
                        continue;
                    }
                    batch.add(new VectorDocument(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4) == null ? "" : rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), metadata(rs.getString(8)), vector(rs.getString(9))));
                    if (batch.size() == BULK) {
                        index.write(batch);
                        written += batch.size();
                        batch.clear();
                        if (written % PROGRESS_EVERY == 0) {
                            progress.printf("  written %,d documents to OpenSearch index %s%n", written, index.name());
                        }
                    }
                }
            }
        }
        connection.commit();
        index.write(batch);
        written += batch.size();
        List<String> gone = List.copyOf(stored.keySet());
        for (int i = 0; i < gone.size(); i += BULK * 2) {
            index.delete(gone.subList(i, Math.min(gone.size(), i + BULK * 2)));
        }
        index.refresh();
        return new Summary(index.name(), index.modelId(), written, unchanged, gone.size());
    }

    private static Map<String, String> metadata(String json)
    {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        }
        catch (IOException e) {
            throw new IllegalStateException("a chunk's metadata is not a JSON object of strings: " + json, e);
        }
    }

    /**
     * pgvector's text form, {@code [0.1,-0.2,...]}.
     */
    static float[] vector(String text)
    {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }
}
