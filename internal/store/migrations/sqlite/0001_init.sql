CREATE TABLE clients (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    disabled              INTEGER NOT NULL DEFAULT 0,
    company_limit         INTEGER NOT NULL DEFAULT 0,
    disabled_integrations TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    key_hash   BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX api_keys_client ON api_keys (client_id);

CREATE TABLE profiles (
    client_id                     TEXT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    name                          TEXT NOT NULL,
    logo_url                      TEXT NOT NULL DEFAULT '',
    icon_url                      TEXT NOT NULL DEFAULT '',
    primary_color                 TEXT NOT NULL DEFAULT '#1F4FD8',
    redirect_url                  TEXT NOT NULL DEFAULT '',
    white_list_urls               TEXT NOT NULL DEFAULT '[]',
    alert_auth_header_sealed      BLOB,
    frame_ancestors               TEXT NOT NULL DEFAULT '[]',
    interstitial_start            INTEGER NOT NULL DEFAULT 0,
    webhook_secret_sealed         BLOB NOT NULL,
    previous_webhook_secret_sealed BLOB,
    previous_secret_until         TEXT,
    updated_at                    TEXT NOT NULL
);

CREATE TABLE companies (
    id                  TEXT PRIMARY KEY,
    client_id           TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    merchant_identifier TEXT,
    tags                TEXT NOT NULL DEFAULT '{}',
    created_at          TEXT NOT NULL,
    last_sync_at        TEXT
);
CREATE UNIQUE INDEX companies_merchant ON companies (client_id, merchant_identifier);
CREATE INDEX companies_client_created ON companies (client_id, created_at, id);

CREATE TABLE connections (
    id                 TEXT PRIMARY KEY,
    company_id         TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    integration_key    TEXT NOT NULL,
    source_type        TEXT NOT NULL,
    status             TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    last_sync_at       TEXT,
    connection_info    TEXT NOT NULL DEFAULT '{}',
    errors             TEXT,
    credentials_sealed BLOB
);
CREATE INDEX connections_company_created ON connections (company_id, created_at, id);
CREATE UNIQUE INDEX connections_one_active ON connections (company_id, source_type)
    WHERE status IN ('PendingAuth', 'Linked');
