-- Partner requests made with an Idempotency-Key (SPEC W7): the first
-- request's fingerprint (a hash of method, path and body) and, once it
-- has answered, its answer to replay. The body is sealed, as an answer
-- may hold a secret. Kept 24 hours.
CREATE TABLE idempotency_keys (
    client_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    idem_key     TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    status       INTEGER,
    content_type TEXT NOT NULL DEFAULT '',
    body         BLOB,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (client_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
