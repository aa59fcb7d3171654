-- What the product needs in its database; idempotent. Run by scripts/postgres.sh and by the
-- PostgreSQL container of docker/compose.yaml at its first start.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS star;
CREATE SCHEMA IF NOT EXISTS ask;
