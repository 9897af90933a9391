-- One row per sync: its type, period, outcome and the contract's status.
CREATE TABLE sync_runs (
    id                TEXT PRIMARY KEY,
    company_id        TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    sync_type         TEXT NOT NULL,
    period_start      TIMESTAMPTZ NOT NULL,
    period_finish     TIMESTAMPTZ NOT NULL,
    due_at            TIMESTAMPTZ,
    status_code       INTEGER NOT NULL,
    status            TEXT NOT NULL,
    error_message     TEXT,
    exception_message TEXT,
    data_pushed       BOOLEAN NOT NULL DEFAULT false,
    queued_at         TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ
);
CREATE INDEX sync_runs_company_queued ON sync_runs (company_id, queued_at);
-- At most one sync per company waits or runs at a time.
CREATE UNIQUE INDEX sync_runs_one_active ON sync_runs (company_id) WHERE status_code IN (1000, 1010);

-- The durable schedule of each company (SPEC §7).
CREATE TABLE sync_schedules (
    company_id          TEXT PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    next_due_at         TIMESTAMPTZ,
    anchor_at           TIMESTAMPTZ,
    floor_at            TIMESTAMPTZ,
    first_failed_due_at TIMESTAMPTZ,
    auto_disabled       BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX sync_schedules_due ON sync_schedules (next_due_at);
