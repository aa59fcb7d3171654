-- Top-10 retrieval in ask.text_chunk: HNSW against exact search, per hnsw.ef_search, with and without a
-- metadata filter. Queries are the vectors of :queries chunks drawn with a fixed seed. Run by scripts/bench.sh.
\set ON_ERROR_STOP on
SELECT setseed(0.42);
CREATE TEMP TABLE q AS
SELECT row_number() OVER () AS id, embedding::vector(384) AS v, metadata->>'program' AS program
FROM (SELECT embedding, metadata FROM ask.text_chunk WHERE metadata ? 'program' ORDER BY random() LIMIT :queries) s;

-- Recall counts a returned chunk as a true neighbour when it is at least as close as the exact 10th: the generated
-- texts repeat, so many chunks tie at the same distance and which of them fill the ten places is arbitrary.
CREATE TEMP TABLE results (mode text, ef int, filtered boolean, id bigint, ms double precision, distances float8[]);

CREATE OR REPLACE FUNCTION pg_temp.top10(qv vector(384), qprogram text, filtered boolean) RETURNS float8[] LANGUAGE sql AS $$
    SELECT array_agg(d ORDER BY d) FROM (
        SELECT embedding::vector(384) <=> qv AS d FROM ask.text_chunk
        WHERE model_id = 'local:all-minilm-l6-v2-q' AND (NOT filtered OR metadata->>'program' = qprogram)
        ORDER BY embedding::vector(384) <=> qv LIMIT 10) t
$$;

DO $$
DECLARE
    r record; t0 timestamptz; got float8[]; ef int; f boolean;
BEGIN
    SET LOCAL plan_cache_mode = force_custom_plan;
    SET LOCAL hnsw.iterative_scan = relaxed_order;
    FOREACH f IN ARRAY ARRAY[false, true] LOOP
        -- exact: no index scans, so every row is compared
        SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off;
        FOR r IN SELECT * FROM q LOOP
            t0 := clock_timestamp(); got := pg_temp.top10(r.v, r.program, f);
            INSERT INTO results VALUES ('exact', NULL, f, r.id, extract(epoch FROM clock_timestamp() - t0) * 1000, got);
        END LOOP;
        SET LOCAL enable_indexscan = on; SET LOCAL enable_bitmapscan = on;
        FOREACH ef IN ARRAY ARRAY[40, 100, 200] LOOP
            PERFORM set_config('hnsw.ef_search', ef::text, true);
            FOR r IN SELECT * FROM q LOOP
                t0 := clock_timestamp(); got := pg_temp.top10(r.v, r.program, f);
                INSERT INTO results VALUES ('hnsw', ef, f, r.id, extract(epoch FROM clock_timestamp() - t0) * 1000, got);
            END LOOP;
        END LOOP;
    END LOOP;
END $$;

SELECT h.mode, coalesce(h.ef::text, '-') AS ef_search, CASE WHEN h.filtered THEN 'program = x' ELSE 'none' END AS filter,
       count(*) AS queries,
       round(avg((SELECT count(*) FROM unnest(h.distances) AS d WHERE d <= e.distances[cardinality(e.distances)] + 1e-6)::numeric
                 / greatest(cardinality(e.distances), 1)), 3) AS recall_at_10,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY h.ms)::numeric, 2) AS median_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY h.ms)::numeric, 2) AS p95_ms
FROM results h JOIN results e ON e.mode = 'exact' AND e.id = h.id AND e.filtered = h.filtered
GROUP BY h.mode, h.ef, h.filtered
ORDER BY h.filtered, h.mode, h.ef NULLS FIRST;
