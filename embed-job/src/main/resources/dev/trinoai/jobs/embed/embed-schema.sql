-- The embed job's vector table and state, in the ask schema ({schema}). Idempotent; applied at the start of every run.
CREATE SCHEMA IF NOT EXISTS {schema};

-- One row per (model, source row, chunk). The embedding column has no fixed dimension so that models of different
-- sizes live side by side; each model has its own partial HNSW index over its rows cast to its dimension.
CREATE TABLE IF NOT EXISTS {schema}.text_chunk (
    model_id text NOT NULL,
    source text NOT NULL,
    source_id text NOT NULL,
    chunk integer NOT NULL,
    title text,
    content text NOT NULL,
    -- sha-256 of model, title, content and metadata: an equal hash means the row is up to date
    content_hash text NOT NULL,
    -- sha-256 of the text the model embedded: rows with equal text share one vector without a model call
    text_hash text NOT NULL,
    metadata jsonb NOT NULL,
    embedding vector NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || content)) STORED,
    embedded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, source, source_id, chunk)
);
CREATE INDEX IF NOT EXISTS text_chunk_tsv ON {schema}.text_chunk USING gin (tsv);
CREATE INDEX IF NOT EXISTS text_chunk_metadata ON {schema}.text_chunk USING gin (metadata);
CREATE INDEX IF NOT EXISTS text_chunk_text_hash ON {schema}.text_chunk (model_id, text_hash);

-- The models that have vectors here, with their dimension and the name of their HNSW index.
CREATE TABLE IF NOT EXISTS {schema}.embed_model (
    model_id text PRIMARY KEY,
    dimension integer NOT NULL,
    index_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS {schema}.embed_run (
    run_id bigserial PRIMARY KEY,
    model_id text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status text NOT NULL DEFAULT 'running',
    scanned bigint,
    embedded bigint,
    reused bigint,
    skipped bigint,
    deleted bigint,
    failed bigint,
    -- distinct texts through the model: fewer than embedded when chunks share a text
    texts bigint,
    embedding_calls bigint,
    error text
);
