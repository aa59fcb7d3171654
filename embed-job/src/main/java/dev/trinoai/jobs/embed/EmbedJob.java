package dev.trinoai.jobs.embed;

import dev.trinoai.core.embedding.EmbeddingModel;
import dev.trinoai.core.embedding.EmbeddingPurpose;
import dev.trinoai.core.embedding.Vectors;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.TextSource;
import dev.trinoai.core.model.TextSourceQuery;
import dev.trinoai.core.remote.Backoff;
import dev.trinoai.core.retrieve.RetrievalBackend;
import dev.trinoai.core.retrieve.Retrievers;
import dev.trinoai.core.retrieve.opensearch.VectorIndex;
import dev.trinoai.jobs.AdvisoryLock;
import dev.trinoai.jobs.JobDatabase;
import dev.trinoai.jobs.Reconnect;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.trinoai.jobs.SqlScripts.execute;
import static dev.trinoai.jobs.SqlScripts.resource;
import static java.util.Objects.requireNonNull;

/**
 * The embed job: the text sources of the semantic model, read from the star schema, chunked and embedded into the
 * vector table of the ask schema. Only what changed costs an embedding call: every chunk carries a hash of what it
 * holds, so an unchanged chunk is skipped, a chunk whose text is already stored under the model reuses that vector,
 * and a chunk whose row is gone is deleted. Batches are committed one by one, so a run that dies half-way keeps what
 * it did and the next run finds exactly the chunks still missing; a run whose connection is lost (PostgreSQL
 * restarted) starts again by itself on a new one, a few times (see {@link Reconnect}). With the OpenSearch backend the
 * vector table stays the record of what was embedded, and each run then brings the model's index in step with it
 * ({@link OpenSearchSync}).
 */
public final class EmbedJob
{
    // Two runs at once would embed the same chunks twice and race on their rows.
    static final long LOCK_ID = 0x656D_6265_645F_6A6FL;
    // Rows per commit when writing reused vectors or deleting, so one statement batch stays small.
    private static final int WRITE_BATCH = 1000;
    private static final String UPSERT = """
            INSERT INTO %s.text_chunk (model_id, source, source_id, chunk, title, content, content_hash, text_hash, metadata, embedding)
            %s
            ON CONFLICT (model_id, source, source_id, chunk) DO UPDATE SET title = EXCLUDED.title, content = EXCLUDED.content,
                content_hash = EXCLUDED.content_hash, text_hash = EXCLUDED.text_hash, metadata = EXCLUDED.metadata,
                embedding = EXCLUDED.embedding, embedded_at = now()
            """;

    private final JobDatabase database;
    private final List<SemanticModel> domains;
    private final EmbeddingModel embeddings;
    private final EmbedOptions options;
    private final Chunker chunker;
    private final PrintStream progress;
    private final String schema;

    public EmbedJob(JobDatabase database, SemanticModel model, EmbeddingModel embeddings, EmbedOptions options, Chunker chunker, PrintStream progress)
    {
        this(database, List.of(model), embeddings, options, chunker, progress);
    }

    /**
     * @param domains every domain's model: their text sources are embedded, each once (domains that share a source
     *     define it alike, which the loader checks)
     */
    public EmbedJob(JobDatabase database, List<SemanticModel> domains, EmbeddingModel embeddings, EmbedOptions options, Chunker chunker, PrintStream progress)
    {
        this.database = requireNonNull(database, "database is null");
        this.domains = List.copyOf(domains);
        this.embeddings = requireNonNull(embeddings, "embeddings is null");
        this.options = requireNonNull(options, "options is null");
        this.chunker = requireNonNull(chunker, "chunker is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.schema = options.schema();
    }

    /**
     * The HNSW index of one model's rows: its name is derived from the model id, which may hold any characters.
     */
    public static String indexName(String modelId)
    {
        return "text_chunk_hnsw_" + Chunk.sha256(modelId).substring(0, 12);
    }

    /**
     * One run, or empty when another run holds the lock: that run is doing this one's work already, so this one
     * stops at once rather than wait for it.
     */
    public Optional<EmbedSummary> runOnce()
            throws SQLException
    {
        return options.reconnect().run("embed", database, progress, this::attempt);
    }

    private Optional<EmbedSummary> attempt(Connection connection)
            throws SQLException
    {
        long start = System.nanoTime();
        Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(connection, LOCK_ID);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try (AdvisoryLock held = lock.get()) {
            requireVectorExtension(connection);
            execute(connection, resource(EmbedJob.class, "embed-schema.sql").replace("{schema}", schema));
            held.closeAbandonedRuns(schema + ".embed_run");
            registerModel(connection);
            long runId = startRun(connection);
            Run run = new Run(connection, runId);
            try {
                run.execute();
            }
            catch (SQLException | RuntimeException e) {
                run.error = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
                recordFailure(connection, run.summary(start), e);
                throw e;
            }
            EmbedSummary summary = run.summary(start);
            finishRun(connection, summary);
            return Optional.of(summary);
        }
    }

    /**
     * The state of one run: its counters, and the steps that move them.
     */
    private final class Run
    {
        private final Connection connection;
        private final long runId;
        private final List<Pending> pending = new ArrayList<>();
        private final List<Chunk.Key> gone = new ArrayList<>();
        private long scanned;
        private long embedded;
        private long reused;
        private long skipped;
        private long deleted;
        private long failed;
        private long texts;
        private long calls;
        private Optional<String> error = Optional.empty();

        Run(Connection connection, long runId)
        {
            this.connection = connection;
            this.runId = runId;
        }

        void execute()
                throws SQLException
        {
            connection.setAutoCommit(false);
            Set<String> scanned = new HashSet<>();
            for (SemanticModel model : domains) {
                for (TextSource source : model.textSources().values()) {
                    if (scanned.add(source.name())) {
                        scan(model, source);
                    }
                }
            }
            findRemovedSources();
            reuseStoredVectors();
            delete(gone);
            embedTheRest();
            if (options.pruneOtherModels() && failed == 0) {
                pruneOtherModels();
            }
            if (options.retrieval().backend() == RetrievalBackend.OPENSEARCH) {
                syncOpenSearch();
            }
            connection.setAutoCommit(true);
        }

        /**
         * Compares a source's rows with what is stored for this model: the chunks to write go to {@link #pending},
         * the stored chunks no row has any more go to {@link #gone}.
         */
        private void scan(SemanticModel model, TextSource source)
                throws SQLException
        {
            Map<Chunk.Key, String> stored = storedHashes(source.name());
            try (Statement statement = connection.createStatement()) {
                // a cursor, not the whole result in memory: a large star schema has millions of text rows
                statement.setFetchSize(2000);
                try (ResultSet rs = statement.executeQuery(TextSourceQuery.sql(model, source))) {
                    while (rs.next()) {
                        for (Chunk chunk : chunker.chunks(textRow(source, rs))) {
                            scanned++;
                            String hash = chunk.contentHash(embeddings.id());
                            if (hash.equals(stored.remove(chunk.key()))) {
                                skipped++;
                            }
                            else {
                                pending.add(new Pending(chunk, hash, chunk.textHash()));
                            }
                        }
                    }
                }
            }
            connection.commit();
            gone.addAll(stored.keySet());
        }

        private Map<Chunk.Key, String> storedHashes(String source)
                throws SQLException
        {
            Map<Chunk.Key, String> hashes = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT source_id, chunk, content_hash FROM %s.text_chunk WHERE model_id = ? AND source = ?".formatted(schema))) {
                statement.setFetchSize(10_000);
                statement.setString(1, embeddings.id());
                statement.setString(2, source);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        hashes.put(new Chunk.Key(source, rs.getString(1), rs.getInt(2)), rs.getString(3));
                    }
                }
            }
            return hashes;
        }

        /**
         * Chunks of text sources the semantic model no longer names would otherwise be found by every search.
         */
        private void findRemovedSources()
                throws SQLException
        {
            try (PreparedStatement statement = connection.prepareStatement("SELECT source, source_id, chunk FROM %s.text_chunk WHERE model_id = ? AND NOT source = ANY(?)".formatted(schema))) {
                statement.setString(1, embeddings.id());
                statement.setArray(2, connection.createArrayOf("text", domains.stream().flatMap(model -> model.textSources().keySet().stream()).distinct().toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        gone.add(new Chunk.Key(rs.getString(1), rs.getString(2), rs.getInt(3)));
                    }
                }
            }
            connection.commit();
        }

        /**
         * Writes the pending chunks whose text is already stored under this model with that vector, before any
         * row is deleted: a row that moved to a new id finds its vector under its old one.
         */
        private void reuseStoredVectors()
                throws SQLException
        {
            Set<String> stored = storedTextHashes();
            List<Pending> reusable = pending.stream().filter(chunk -> stored.contains(chunk.textHash())).toList();
            String sql = UPSERT.formatted(schema, "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, e.embedding FROM %s.text_chunk AS e WHERE e.model_id = ? AND e.text_hash = ? LIMIT 1".formatted(schema));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (List<Pending> batch : slices(reusable, WRITE_BATCH)) {
                    for (Pending chunk : batch) {
                        int next = bindChunk(statement, chunk);
                        statement.setString(next, embeddings.id());
                        statement.setString(next + 1, chunk.textHash());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    connection.commit();
                    reused += batch.size();
                }
            }
            pending.removeIf(chunk -> stored.contains(chunk.textHash()));
        }

        private Set<String> storedTextHashes()
                throws SQLException
        {
            Set<String> found = new HashSet<>();
            List<String> wanted = pending.stream().map(Pending::textHash).distinct().toList();
            try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT text_hash FROM %s.text_chunk WHERE model_id = ? AND text_hash = ANY(?)".formatted(schema))) {
                for (List<String> slice : slices(wanted, 10_000)) {
                    statement.setString(1, embeddings.id());
                    statement.setArray(2, connection.createArrayOf("text", slice.toArray()));
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
            connection.commit();
            return found;
        }

        private void delete(List<Chunk.Key> keys)
                throws SQLException
        {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM %s.text_chunk WHERE model_id = ? AND source = ? AND source_id = ? AND chunk = ?".formatted(schema))) {
                for (List<Chunk.Key> batch : slices(keys, WRITE_BATCH)) {
                    for (Chunk.Key key : batch) {
                        statement.setString(1, embeddings.id());
                        statement.setString(2, key.source());
                        statement.setString(3, key.sourceId());
                        statement.setInt(4, key.number());
                        statement.addBatch();
                    }
                    statement.executeBatch();
                    connection.commit();
                    deleted += batch.size();
                }
            }
        }

        /**
         * Embeds each distinct text once, in batches the model takes in one call, and commits each batch with
         * every chunk that holds one of its texts. A batch that fails for good stops the run: the model is likely
         * down, and the next run picks up from here.
         */
        private void embedTheRest()
                throws SQLException
        {
            Map<String, List<Pending>> byText = new LinkedHashMap<>();
            pending.forEach(chunk -> byText.computeIfAbsent(chunk.textHash(), _ -> new ArrayList<>()).add(chunk));
            List<List<Pending>> distinct = List.copyOf(byText.values());
            Progress meter = new Progress(progress, pending.size(), options.progressInterval());
            String sql = UPSERT.formatted(schema, "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::vector)");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (List<List<Pending>> batch : slices(distinct, embeddings.maxBatchSize())) {
                    List<float[]> vectors;
                    try {
                        vectors = embedWithRetries(batch.stream().map(chunks -> chunks.getFirst().chunk().embeddingText()).toList());
                    }
                    catch (RuntimeException e) {
                        error = Optional.of("the embedding model failed for good: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                        failed = pending.size() - embedded;
                        return;
                    }
                    int written = 0;
                    for (int i = 0; i < batch.size(); i++) {
                        String vector = Vectors.toPgvector(vectors.get(i));
                        for (Pending chunk : batch.get(i)) {
                            statement.setString(bindChunk(statement, chunk), vector);
                            statement.addBatch();
                            written++;
                        }
                    }
                    statement.executeBatch();
                    connection.commit();
                    embedded += written;
                    texts += batch.size();
                    meter.advance(written);
                }
            }
        }

        private List<float[]> embedWithRetries(List<String> texts)
        {
            Duration delay = options.retryDelay();
            for (int attempt = 1; ; attempt++) {
                calls++;
                try {
                    List<float[]> vectors = embeddings.embed(texts, EmbeddingPurpose.DOCUMENT);
                    if (vectors.size() != texts.size() || vectors.stream().anyMatch(vector -> vector.length != embeddings.dimension())) {
                        throw new IllegalStateException("the model %s returned %d vectors for %d texts, or vectors that are not %d long"
                                .formatted(embeddings.id(), vectors.size(), texts.size(), embeddings.dimension()));
                    }
                    return vectors;
                }
                catch (RuntimeException e) {
                    if (attempt >= options.maxAttempts()) {
                        throw e;
                    }
                    progress.printf("  embedding call failed (attempt %d of %d), retrying in %d ms: %s%n", attempt, options.maxAttempts(), delay.toMillis(), e.getMessage());
                    Backoff.sleep(delay, interrupted -> new IllegalStateException("interrupted while waiting to retry the embedding call", interrupted));
                    delay = delay.multipliedBy(2);
                }
            }
        }

        private int bindChunk(PreparedStatement statement, Pending pending)
                throws SQLException
        {
            Chunk chunk = pending.chunk();
            statement.setString(1, embeddings.id());
            statement.setString(2, chunk.source());
            statement.setString(3, chunk.sourceId());
            statement.setInt(4, chunk.number());
            statement.setString(5, chunk.title());
            statement.setString(6, chunk.content());
            statement.setString(7, pending.contentHash());
            statement.setString(8, pending.textHash());
            statement.setString(9, chunk.metadataJson());
            return 10;
        }

        private void pruneOtherModels()
                throws SQLException
        {
            List<String> indexes = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM %s.embed_model WHERE model_id <> ? RETURNING index_name".formatted(schema))) {
                statement.setString(1, embeddings.id());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        indexes.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM %s.text_chunk WHERE model_id <> ?".formatted(schema))) {
                statement.setString(1, embeddings.id());
                deleted += statement.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                for (String index : indexes) {
                    statement.execute("DROP INDEX IF EXISTS %s.\"%s\"".formatted(schema, index.replace("\"", "\"\"")));
                }
            }
            connection.commit();
        }

        /**
         * Even after a failed batch: what was embedded is searchable, and the next run adds the rest to both.
         */
        private void syncOpenSearch()
                throws SQLException
        {
            VectorIndex index = Retrievers.index(options.retrieval(), embeddings.id());
            new OpenSearchSync(schema, progress).sync(connection, index, embeddings.dimension()).print(progress);
            if (options.pruneOtherModels() && failed == 0) {
                index.dropOtherModels().forEach(dropped -> progress.printf("  dropped the OpenSearch index %s of another model%n", dropped));
            }
        }

        EmbedSummary summary(long start)
        {
            return new EmbedSummary(runId, embeddings.id(), scanned, embedded, reused, skipped, deleted, failed, texts, calls, Duration.ofNanos(System.nanoTime() - start), error);
        }
    }

    /**
     * A chunk to write, with its hashes computed once.
     */
    private record Pending(Chunk chunk, String contentHash, String textHash) {}

    private TextRow textRow(TextSource source, ResultSet rs)
            throws SQLException
    {
        Map<String, String> metadata = new HashMap<>();
        for (String dimension : source.metadata()) {
            Optional.ofNullable(rs.getString(dimension)).ifPresent(value -> metadata.put(dimension, value));
        }
        Optional.ofNullable(rs.getString("date")).ifPresent(value -> metadata.put("date", value));
        return new TextRow(source.name(), rs.getString("id"), Optional.ofNullable(rs.getString("title")).orElse(""), rs.getString("text"), metadata);
    }

    private static void requireVectorExtension(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        }
        catch (SQLException e) {
            throw new IllegalStateException("the pgvector extension is not available in this database (%s): run scripts/postgres.sh ensure, or CREATE EXTENSION vector as a superuser"
                    .formatted(e.getMessage()), e);
        }
    }

    /**
     * Records the model with its dimension and makes sure its index exists. An id once stored keeps its dimension:
     * a model whose vectors change must change its id, or its old and new vectors would be compared.
     */
    private void registerModel(Connection connection)
            throws SQLException
    {
        String index = indexName(embeddings.id());
        try (PreparedStatement statement = connection.prepareStatement("SELECT dimension FROM %s.embed_model WHERE model_id = ?".formatted(schema))) {
            statement.setString(1, embeddings.id());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next() && rs.getInt(1) != embeddings.dimension()) {
                    throw new IllegalStateException("the model %s has vectors of %d dimensions in %s, but now makes %d: a model whose vectors change needs a new id"
                            .formatted(embeddings.id(), rs.getInt(1), schema, embeddings.dimension()));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO %s.embed_model (model_id, dimension, index_name) VALUES (?, ?, ?) ON CONFLICT (model_id) DO NOTHING".formatted(schema))) {
            statement.setString(1, embeddings.id());
            statement.setInt(2, embeddings.dimension());
            statement.setString(3, index);
            statement.executeUpdate();
        }
        execute(connection, "CREATE INDEX IF NOT EXISTS %s ON %s.text_chunk USING hnsw ((embedding::vector(%d)) vector_cosine_ops) WHERE model_id = '%s'"
                .formatted(index, schema, embeddings.dimension(), embeddings.id().replace("'", "''")));
    }

    private long startRun(Connection connection)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO %s.embed_run (model_id) VALUES (?) RETURNING run_id".formatted(schema))) {
            statement.setString(1, embeddings.id());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void finishRun(Connection connection, EmbedSummary summary)
            throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE %s.embed_run SET finished_at = now(), status = ?, scanned = ?, embedded = ?, reused = ?, skipped = ?, deleted = ?, failed = ?,
                    texts = ?, embedding_calls = ?, error = ?
                WHERE run_id = ?
                """.formatted(schema))) {
            statement.setString(1, summary.succeeded() ? "succeeded" : "failed");
            statement.setLong(2, summary.scanned());
            statement.setLong(3, summary.embedded());
            statement.setLong(4, summary.reused());
            statement.setLong(5, summary.skipped());
            statement.setLong(6, summary.deleted());
            statement.setLong(7, summary.failed());
            statement.setLong(8, summary.texts());
            statement.setLong(9, summary.embeddingCalls());
            statement.setString(10, summary.error().orElse(null));
            statement.setLong(11, summary.runId());
            statement.executeUpdate();
        }
    }

    /**
     * Leaves the failed run in the history with what it did; a database that is gone cannot take it, and then the
     * first error is the one to report.
     */
    private void recordFailure(Connection connection, EmbedSummary summary, Exception failure)
    {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            finishRun(connection, summary);
        }
        catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static <T> List<List<T>> slices(List<T> items, int size)
    {
        List<List<T>> slices = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            slices.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return slices;
    }
}
