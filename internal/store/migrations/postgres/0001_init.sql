CREATE TABLE clients (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    disabled              BOOLEAN NOT NULL DEFAULT false,
    company_limit         INTEGER NOT NULL DEFAULT 0,
    disabled_integrations TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    key_hash   BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
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
    alert_auth_header_sealed      BYTEA,
    frame_ancestors               TEXT NOT NULL DEFAULT '[]',
    interstitial_start            BOOLEAN NOT NULL DEFAULT false,
    webhook_secret_sealed         BYTEA NOT NULL,
    previous_webhook_secret_sealed BYTEA,
    previous_secret_until         TIMESTAMPTZ,
    updated_at                    TIMESTAMPTZ NOT NULL
);

CREATE TABLE companies (
    id                  TEXT PRIMARY KEY,
    client_id           TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    merchant_identifier TEXT,
    tags                TEXT NOT NULL DEFAULT '{}',
    created_at          TIMESTAMPTZ NOT NULL,
    last_sync_at        TIMESTAMPTZ
);
CREATE UNIQUE INDEX companies_merchant ON companies (client_id, merchant_identifier);
CREATE INDEX companies_client_created ON companies (client_id, created_at, id);

CREATE TABLE connections (
    id                 TEXT PRIMARY KEY,
    company_id         TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    integration_key    TEXT NOT NULL,
    source_type        TEXT NOT NULL,
    status             TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    last_sync_at       TIMESTAMPTZ,
    connection_info    TEXT NOT NULL DEFAULT '{}',
    errors             TEXT,
    credentials_sealed BYTEA
);
CREATE INDEX connections_company_created ON connections (company_id, created_at, id);
CREATE UNIQUE INDEX connections_one_active ON connections (company_id, source_type)
    WHERE status IN ('PendingAuth', 'Linked');
