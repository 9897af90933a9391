-- One-time start links: the partner hands the URL to its merchant; the
-- link token and code are stored only as hashes.
CREATE TABLE flow_links (
    id                  TEXT PRIMARY KEY,
    token_hash          BLOB NOT NULL UNIQUE,
    code_hash           BLOB NOT NULL,
    client_id           TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    company_id          TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    commerce_key        TEXT NOT NULL,
    accounting_key      TEXT NOT NULL,
    merchant_identifier TEXT NOT NULL,
    redirect_url        TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    expires_at          TEXT NOT NULL,
    used_at             TEXT,
    voided              INTEGER NOT NULL DEFAULT 0,
    failures            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX flow_links_company ON flow_links (company_id, created_at);

-- Merchant sessions, bound to a client and a company; the cookie holds a
-- token whose hash is the key.
CREATE TABLE flow_sessions (
    token_hash     BLOB PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    company_id     TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    link_id        TEXT NOT NULL,
    redirect_url   TEXT NOT NULL DEFAULT '',
    locale         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    revoked        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX flow_sessions_company ON flow_sessions (company_id);

-- OAuth authorization requests in flight: state (hashed), the PKCE
-- verifier (sealed), and the session that started them.
CREATE TABLE flow_oauth_states (
    state_hash      BLOB PRIMARY KEY,
    session_hash    BLOB NOT NULL,
    company_id      TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    connection_id   TEXT NOT NULL,
    integration_key TEXT NOT NULL,
    verifier_sealed BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    used_at         TEXT
);

-- Attempt counters for rate limits that must survive a restart and be
-- shared by replicas: one row per key and one-minute window.
CREATE TABLE rate_counters (
    bucket       TEXT NOT NULL,
    window_start TEXT NOT NULL,
    hits         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, window_start)
);

-- A company's sync configuration, as the contract's JSON object.
CREATE TABLE sync_configurations (
    company_id  TEXT PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    document    TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL
);
