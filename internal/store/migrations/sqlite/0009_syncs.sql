-- One row per sync: its type, period, outcome and the contract's status.
CREATE TABLE sync_runs (
    id                TEXT PRIMARY KEY,
    company_id        TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    sync_type         TEXT NOT NULL,
    period_start      TEXT NOT NULL,
    period_finish     TEXT NOT NULL,
    due_at            TEXT,
    status_code       INTEGER NOT NULL,
    status            TEXT NOT NULL,
    error_message     TEXT,
    exception_message TEXT,
    data_pushed       INTEGER NOT NULL DEFAULT 0,
    queued_at         TEXT NOT NULL,
    started_at        TEXT,
    finished_at       TEXT
);
CREATE INDEX sync_runs_company_queued ON sync_runs (company_id, queued_at);
-- At most one sync per company waits or runs at a time.
CREATE UNIQUE INDEX sync_runs_one_active ON sync_runs (company_id) WHERE status_code IN (1000, 1010);

-- The durable schedule of each company (SPEC §7).
CREATE TABLE sync_schedules (
    company_id          TEXT PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    next_due_at         TEXT,
    anchor_at           TEXT,
    floor_at            TEXT,
    first_failed_due_at TEXT,
    auto_disabled       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_schedules_due ON sync_schedules (next_due_at);
