-- The postings ledger: every document a sync means to write, with its
-- outcome. A reference is written at most once per company; a posting
-- whose outcome is unknown (attempted, no answer recorded) is looked up by
-- reference before it is sent again.
CREATE TABLE postings (
    id              TEXT PRIMARY KEY,
    company_id      TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    sync_id         TEXT NOT NULL,
    reference       TEXT NOT NULL,
    kind            TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    business_day    TEXT NOT NULL,
    currency        TEXT NOT NULL,
    document        TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    platform_id     TEXT,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX postings_reference ON postings (company_id, reference);
CREATE INDEX postings_sync ON postings (sync_id);
