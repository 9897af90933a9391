-- Webhook rules: a client's subscriptions to one event type, for one
-- company or, when company_id is NULL, all of them. company_id has no
-- foreign key: a rule outlives its company, so the events of the company's
-- deletion still reach it.
CREATE TABLE rules (
    id                  TEXT PRIMARY KEY,
    client_id           TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    company_id          TEXT,
    type                TEXT NOT NULL,
    emails              TEXT NOT NULL DEFAULT '[]',
    webhook             TEXT NOT NULL DEFAULT '',
    webhook_disabled_at TEXT,
    created_at          TEXT NOT NULL
);
CREATE INDEX rules_client_created ON rules (client_id, created_at, id);
CREATE INDEX rules_client_type ON rules (client_id, type);

-- One row per event and rule whose webhook it goes to; the id is the
-- envelope's AlertId, the same on every attempt.
CREATE TABLE deliveries (
    id               TEXT PRIMARY KEY,
    rule_id          TEXT NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    client_id        TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    company_id       TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    last_attempt_at  TEXT,
    next_attempt_at  TEXT,
    delivered_at     TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX deliveries_event_rule ON deliveries (event_id, rule_id);
CREATE INDEX deliveries_rule_created ON deliveries (rule_id, created_at, id);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
