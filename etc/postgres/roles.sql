-- The database roles of the product; idempotent, run as a superuser (or the database owner) after
-- init.sql, and again after the jobs created new tables: psql -d trino_ai -f etc/postgres/roles.sql
--
--   trino_ai_reader  the connector: reads star and ask, writes nothing anywhere
--   trino_ai_writer  the ingest and embed jobs: owns and writes staging, star and ask
--
-- Both are group roles without login. Give each deployment its own login in one of them, e.g.
--   CREATE ROLE trino_ai_connector LOGIN PASSWORD '...' IN ROLE trino_ai_reader;
--   CREATE ROLE trino_ai_jobs LOGIN PASSWORD '...' IN ROLE trino_ai_writer;
--   ALTER ROLE trino_ai_jobs SET role = 'trino_ai_writer';  -- the tables the jobs create belong to the group
-- and put the connector's in ai.postgres.user (SECURITY.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'trino_ai_reader') THEN
        CREATE ROLE trino_ai_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'trino_ai_writer') THEN
        CREATE ROLE trino_ai_writer NOLOGIN;
    END IF;
END
$$;

-- the reader: nothing in public or staging, SELECT on star and ask
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA staging FROM trino_ai_reader;
GRANT USAGE ON SCHEMA star, ask TO trino_ai_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA star, ask TO trino_ai_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE trino_ai_writer IN SCHEMA star, ask GRANT SELECT ON TABLES TO trino_ai_reader;

-- the writer: everything the jobs do (create tables, upsert, delete stale chunks, keep watermarks)
GRANT USAGE, CREATE ON SCHEMA staging, star, ask TO trino_ai_writer;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON ALL TABLES IN SCHEMA staging, star, ask TO trino_ai_writer;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA staging, star, ask TO trino_ai_writer;
-- the embed job runs CREATE SCHEMA IF NOT EXISTS ask, which PostgreSQL checks against the database's CREATE right first
DO $$
BEGIN
    EXECUTE format('GRANT CREATE ON DATABASE %I TO trino_ai_writer', current_database());
END
$$;
