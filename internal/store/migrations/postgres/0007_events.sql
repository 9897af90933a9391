-- The transactional outbox: events written with the change that causes
-- them, for delivery to the client's webhook rules.
CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    client_id     TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    company_id    TEXT NOT NULL,
    connection_id TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL,
    message       TEXT NOT NULL,
    data          TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_client_created ON events (client_id, created_at);
