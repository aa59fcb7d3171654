-- The ingest job's own state, in the staging schema it writes. Idempotent.
CREATE SEQUENCE IF NOT EXISTS staging.load_id_seq;

CREATE TABLE IF NOT EXISTS staging.ingest_run (
    run_id bigserial PRIMARY KEY,
    landing text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status text NOT NULL DEFAULT 'running',
    files_loaded integer,
    files_unchanged integer,
    files_failed integer,
    rows_inserted bigint,
    rows_updated bigint,
    rows_unchanged bigint,
    rows_quarantined bigint
);
-- Why a run failed, for a run that stopped before it could record its end (added after the table first shipped).
ALTER TABLE staging.ingest_run ADD COLUMN IF NOT EXISTS error text;

-- One row per (source, file): the version last loaded. A file whose checksum matches is not read again.
CREATE TABLE IF NOT EXISTS staging.ingest_file (
    source text NOT NULL,
    path text NOT NULL,
    sha256 text NOT NULL,
    size_bytes bigint NOT NULL,
    load_id bigint NOT NULL,
    run_id bigint NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    rows_read bigint NOT NULL,
    rows_inserted bigint NOT NULL,
    rows_updated bigint NOT NULL,
    rows_unchanged bigint NOT NULL,
    rows_quarantined bigint NOT NULL,
    PRIMARY KEY (source, path)
);

-- Rows that could not be loaded, with where they came from and why. Nothing is dropped silently.
CREATE TABLE IF NOT EXISTS staging.quarantine (
    quarantine_id bigserial PRIMARY KEY,
    load_id bigint NOT NULL,
    source text NOT NULL,
    path text NOT NULL,
    line integer NOT NULL,
    reason text NOT NULL,
    raw text,
    quarantined_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS quarantine_source ON staging.quarantine (source, path);

-- The version of its mapping file each file was loaded with: a file loaded under another version is loaded again.
ALTER TABLE staging.ingest_file ADD COLUMN IF NOT EXISTS mapping_sha256 text;

-- One row per source: the version of its mapping file whose transform every staging row of the source has been
-- through. A source whose mapping changed has its transform re-applied to all its staging rows.
CREATE TABLE IF NOT EXISTS staging.ingest_source (
    source text PRIMARY KEY,
    mapping_file text NOT NULL,
    mapping_sha256 text NOT NULL,
    run_id bigint NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- The data-quality report of each run (QualityReport): flaws in rows that loaded, for the operator to check.
CREATE TABLE IF NOT EXISTS staging.quality_warning (
    warning_id bigserial PRIMARY KEY,
    run_id bigint NOT NULL,
    source text NOT NULL,
    check_name text NOT NULL,        -- two_parents, far_off_peers, markup, implausible_date
    subject text NOT NULL,           -- the column or columns
    count bigint NOT NULL,           -- keys or rows with the flaw
    examples text[] NOT NULL,        -- a few, each with file:line
    found_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS quality_warning_run ON staging.quality_warning (run_id, source);
