import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The two retrieval backends side by side on the same synthetic vectors: N unit vectors of 384 dimensions drawn around
 * 200 random centres (so neighbourhoods are dense, as embeddings of related texts are), each with one of 10 programs.
 * Both are searched as ask() searches them (pgvector: HNSW m=16, ef_construction=64, ef_search=100, iterative scan;
 * OpenSearch: Lucene HNSW m=16, ef_construction=100, k=40 with the filter inside the knn clause), 40 candidates of
 * which the first 10 are compared with the exact top 10 computed here.
 *
 * Usage: java -cp ... BackendBench.java POSTGRES_JDBC_URL OPENSEARCH_URL N QUERIES
 */
public final class BackendBench
{
    private static final int DIMENSION = 384;
    private static final int CENTRES = 200;
    private static final int PROGRAMS = 10;
    private static final int CANDIDATES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BackendBench() {}

    public static void main(String[] args)
            throws Exception
    {
        String jdbc = args[0];
        String opensearch = args[1];
        int n = Integer.parseInt(args[2]);
        int queries = Integer.parseInt(args[3]);

        Random random = new Random(42);
        float[][] centres = new float[CENTRES][];
        for (int i = 0; i < CENTRES; i++) {
            centres[i] = gaussian(random, 1.0f);
        }
        float[][] vectors = new float[n][];
        int[] programs = new int[n];
        for (int i = 0; i < n; i++) {
            vectors[i] = around(centres[random.nextInt(CENTRES)], random);
            programs[i] = random.nextInt(PROGRAMS);
        }
        float[][] probes = new float[queries][];
        int[] probePrograms = new int[queries];
        for (int i = 0; i < queries; i++) {
            probes[i] = around(centres[random.nextInt(CENTRES)], random);
            probePrograms[i] = random.nextInt(PROGRAMS);
        }
        List<Set<Integer>> exact = new ArrayList<>();
        List<Set<Integer>> exactFiltered = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            exact.add(exactTop10(vectors, programs, probes[q], -1));
            exactFiltered.add(exactTop10(vectors, programs, probes[q], probePrograms[q]));
        }

        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbc)) {
            rows.putAll(pgvector(connection, vectors, programs, probes, probePrograms, exact, exactFiltered));
        }
        rows.putAll(opensearch(opensearch, vectors, programs, probes, probePrograms, exact, exactFiltered));
        System.out.printf(Locale.ROOT, "%d synthetic vectors of %d dimensions around %d centres, %d programs; %d queries, each measured after a warm-up pass%n%n", n, DIMENSION, CENTRES, PROGRAMS, queries);
        System.out.println("| backend | index time | size on disk | recall@10 | p50 ms | p95 ms | recall@10, filtered | p50 ms, filtered | p95 ms, filtered |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.values().forEach(System.out::println);
    }

    private static Map<String, String> pgvector(Connection connection, float[][] vectors, int[] programs, float[][] probes, int[] probePrograms, List<Set<Integer>> exact, List<Set<Integer>> exactFiltered)
            throws Exception
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            statement.execute("DROP TABLE IF EXISTS bench_vectors");
            statement.execute("CREATE TABLE bench_vectors (id integer PRIMARY KEY, program text NOT NULL, embedding vector(384) NOT NULL)");
        }
        long start = System.nanoTime();
        StringBuilder copy = new StringBuilder();
        CopyManager copier = new CopyManager(connection.unwrap(BaseConnection.class));
        for (int i = 0; i < vectors.length; i++) {
            copy.append(i).append('\t').append("p").append(programs[i]).append('\t').append(literal(vectors[i])).append('\n');
            if (copy.length() > 8_000_000 || i == vectors.length - 1) {
                copier.copyIn("COPY bench_vectors FROM STDIN", new StringReader(copy.toString()));
                copy.setLength(0);
            }
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '512MB'");
            statement.execute("CREATE INDEX bench_vectors_hnsw ON bench_vectors USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
            statement.execute("CREATE INDEX bench_vectors_program ON bench_vectors (program)");
            statement.execute("ANALYZE bench_vectors");
        }
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        String size;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT pg_size_pretty(pg_relation_size('bench_vectors_hnsw')), pg_size_pretty(pg_total_relation_size('bench_vectors'))")) {
            rs.next();
            size = "HNSW %s, with the table %s".formatted(rs.getString(1), rs.getString(2));
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL hnsw.ef_search = 100");
            statement.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
        }
        Measured plain;
        Measured filtered;
        try (PreparedStatement all = connection.prepareStatement("SELECT id FROM bench_vectors ORDER BY embedding <=> ?::vector LIMIT " + CANDIDATES);
                PreparedStatement one = connection.prepareStatement("SELECT id FROM bench_vectors WHERE program = ? ORDER BY embedding <=> ?::vector LIMIT " + CANDIDATES)) {
            Search search = (probe, program) -> {
                PreparedStatement statement = program < 0 ? all : one;
                int p = 1;
                if (program >= 0) {
                    statement.setString(p++, "p" + program);
                }
                statement.setString(p, literal(probe));
                List<Integer> ids = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
                return ids;
            };
            plain = measure(search, probes, null, exact);
            filtered = measure(search, probes, probePrograms, exactFiltered);
        }
        connection.rollback();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE bench_vectors");
        }
        return Map.of("pgvector", row("pgvector 0.8 (HNSW)", "%.1f s (COPY %.1f s + index)".formatted(indexSeconds, loadSeconds), size, plain, filtered));
    }

    private static Map<String, String> opensearch(String url, float[][] vectors, int[] programs, float[][] probes, int[] probePrograms, List<Set<Integer>> exact, List<Set<Integer>> exactFiltered)
            throws Exception
    {
        String index = url + "/bench-vectors";
        send("DELETE", index, null);
        send("PUT", index, JSON.writeValueAsString(Map.of(
                "settings", Map.of("index", Map.of("knn", true, "number_of_shards", 1, "number_of_replicas", 0, "refresh_interval", "-1")),
                "mappings", Map.of("properties", Map.of(
                        "program", Map.of("type", "keyword"),
                        "embedding", Map.of("type", "knn_vector", "dimension", DIMENSION,
                                "method", Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil")))))));
        long start = System.nanoTime();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < vectors.length; i++) {
            bulk.append("{\"index\":{\"_index\":\"bench-vectors\",\"_id\":\"").append(i).append("\"}}\n");
            bulk.append("{\"program\":\"p").append(programs[i]).append("\",\"embedding\":").append(literal(vectors[i])).append("}\n");
            if ((i + 1) % 500 == 0 || i == vectors.length - 1) {
                JsonNode answer = send("POST", url + "/_bulk", bulk.toString());
                if (answer.path("errors").asBoolean()) {
                    throw new IllegalStateException("bulk failed: " + answer.toString().substring(0, 500));
                }
                bulk.setLength(0);
            }
        }
        double bulkSeconds = (System.nanoTime() - start) / 1e9;
        send("POST", index + "/_refresh", null);
        send("POST", index + "/_forcemerge?max_num_segments=1", null);
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        JsonNode stats = send("GET", index + "/_stats/store", null);
        long bytes = stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
        JsonNode jvm = send("GET", url + "/_nodes/stats/jvm", null).path("nodes").elements().next().path("jvm").path("mem");
        Search search = (probe, program) -> {
            Map<String, Object> knn = new LinkedHashMap<>();
            knn.put("vector", probe);
            knn.put("k", CANDIDATES);
            if (program >= 0) {
                knn.put("filter", Map.of("term", Map.of("program", "p" + program)));
            }
            JsonNode hits = send("POST", index + "/_search", JSON.writeValueAsString(Map.of("size", CANDIDATES, "_source", false, "query", Map.of("knn", Map.of("embedding", knn)))))
                    .path("hits").path("hits");
            List<Integer> ids = new ArrayList<>();
            hits.forEach(hit -> ids.add(Integer.parseInt(hit.path("_id").asText())));
            return ids;
        };
        Measured plain = measure(search, probes, null, exact);
        Measured filtered = measure(search, probes, probePrograms, exactFiltered);
        send("DELETE", index, null);
        String size = "%.0f MB (one segment); node heap used %d MB".formatted(bytes / 1e6, jvm.path("heap_used_in_bytes").asLong() >> 20);
        return Map.of("opensearch", row("OpenSearch 2.19.1 (Lucene HNSW)", "%.1f s (bulk %.1f s + refresh, merge)".formatted(indexSeconds, bulkSeconds), size, plain, filtered));
    }

    private interface Search
    {
        List<Integer> search(float[] probe, int program)
                throws Exception;
    }

    private record Measured(double recall, double p50, double p95) {}

    private static Measured measure(Search search, float[][] probes, int[] programs, List<Set<Integer>> exact)
            throws Exception
    {
        for (int q = 0; q < probes.length; q++) {
            search.search(probes[q], programs == null ? -1 : programs[q]);
        }
        double[] millis = new double[probes.length];
        double found = 0;
        for (int q = 0; q < probes.length; q++) {
            long start = System.nanoTime();
            List<Integer> ids = search.search(probes[q], programs == null ? -1 : programs[q]);
            millis[q] = (System.nanoTime() - start) / 1e6;
            Set<Integer> top = new HashSet<>(ids.subList(0, Math.min(10, ids.size())));
            top.retainAll(exact.get(q));
            found += top.size();
        }
        Arrays.sort(millis);
        return new Measured(found / (10.0 * probes.length), millis[probes.length / 2], millis[(int) Math.ceil(probes.length * 0.95) - 1]);
    }

    private static String row(String backend, String time, String size, Measured plain, Measured filtered)
    {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.1f | %.1f | %.3f | %.1f | %.1f |", backend, time, size, plain.recall(), plain.p50(), plain.p95(), filtered.recall(), filtered.p50(), filtered.p95());
    }

    private static Set<Integer> exactTop10(float[][] vectors, int[] programs, float[] probe, int program)
    {
        // unit vectors: the largest dot product is the smallest cosine distance
        int[] best = new int[10];
        double[] scores = new double[10];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            if (program >= 0 && programs[i] != program) {
                continue;
            }
            double dot = 0;
            for (int d = 0; d < DIMENSION; d++) {
                dot += vectors[i][d] * probe[d];
            }
            if (dot > scores[9]) {
                int at = 9;
                while (at > 0 && scores[at - 1] < dot) {
                    scores[at] = scores[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                scores[at] = dot;
                best[at] = i;
            }
        }
        Set<Integer> top = new HashSet<>();
        for (int id : best) {
            top.add(id);
        }
        return top;
    }

    private static float[] gaussian(Random random, float scale)
    {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) random.nextGaussian() * scale;
        }
        return vector;
    }

    private static float[] around(float[] centre, Random random)
    {
        float[] vector = gaussian(random, 0.6f);
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] += centre[d];
            norm += vector[d] * vector[d];
        }
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] /= (float) Math.sqrt(norm);
        }
        return vector;
    }

    private static String literal(float[] vector)
    {
        StringBuilder text = new StringBuilder("[");
        for (int d = 0; d < vector.length; d++) {
            if (d > 0) {
                text.append(',');
            }
            text.append(vector[d]);
        }
        return text.append(']').toString();
    }

    private static JsonNode send(String method, String url, String body)
            throws Exception
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", url.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException("%s %s: %d %s".formatted(method, url, response.statusCode(), response.body()));
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
