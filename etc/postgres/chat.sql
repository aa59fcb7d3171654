-- The chat page's conversations, kept by the SSE proxy (sse-proxy, chat.postgres.* in etc/proxy/proxy.properties);
-- idempotent, run as a superuser (or the database owner) after init.sql and roles.sql, as scripts/postgres.sh does:
--   psql -d trino_ai -f etc/postgres/chat.sql
--
--   trino_ai_chat    the proxy: reads and writes these tables, and nothing else (no other schema, no DDL)
--   trino_ai_review  the reviewer's feedback command (scripts/jobs.sh feedback): reads chat.feedback, no conversation
--
-- A group role without login; give the proxy a login of its own in it (SECURITY.md), e.g.
--   CREATE ROLE trino_ai_proxy LOGIN PASSWORD '...' IN ROLE trino_ai_chat;
-- The tables belong to whoever runs this file, never to that login. Every row names its owner, the user the proxy's
-- bearer token authenticated; the proxy's statements all name it, so a user reads and rates only their own.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'trino_ai_chat') THEN
        CREATE ROLE trino_ai_chat NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'trino_ai_review') THEN
        CREATE ROLE trino_ai_review NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS chat;

-- id is the page's (useChat's chat id): unique per owner only, so one user's id tells another nothing.
CREATE TABLE IF NOT EXISTS chat.conversation (
    owner      text        NOT NULL,
    id         text        NOT NULL,
    title      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, id)
);
CREATE INDEX IF NOT EXISTS conversation_latest ON chat.conversation (owner, updated_at DESC);

-- A message as the page holds it (the AI SDK's UI message: id, role, parts, metadata); seq keeps their order.
CREATE TABLE IF NOT EXISTS chat.message (
    owner           text        NOT NULL,
    conversation_id text        NOT NULL,
    id              text        NOT NULL,
    seq             bigint      GENERATED ALWAYS AS IDENTITY,
    role            text        NOT NULL CHECK (role IN ('user', 'assistant')),
    message         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, conversation_id, id),
    FOREIGN KEY (owner, conversation_id) REFERENCES chat.conversation ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS message_order ON chat.message (owner, conversation_id, seq);

-- A thumbs up or down on an answer, with what it was about copied beside it: the question, the restatement of what
-- was computed and the SQL, so a review (or promoting the answer into a verified question) needs no JSON.
CREATE TABLE IF NOT EXISTS chat.feedback (
    owner           text        NOT NULL,
    conversation_id text        NOT NULL,
    message_id      text        NOT NULL,
    rating          text        NOT NULL CHECK (rating IN ('up', 'down')),
    comment         text,
    question        text        NOT NULL,
    restatement     text,
    sql             text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, conversation_id, message_id),
    FOREIGN KEY (owner, conversation_id, message_id) REFERENCES chat.message ON DELETE CASCADE
);

REVOKE ALL ON SCHEMA chat FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA chat FROM PUBLIC;
GRANT USAGE ON SCHEMA chat TO trino_ai_chat;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA chat TO trino_ai_chat;
-- the ratings carry the question, restatement and SQL, so a review reads them and never a conversation
GRANT USAGE ON SCHEMA chat TO trino_ai_review;
GRANT SELECT ON chat.feedback TO trino_ai_review;
