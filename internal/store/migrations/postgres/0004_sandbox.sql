-- The built-in Sandbox accounting platform (mqjo): organisations, their
-- chart of accounts and documents, and its OAuth2 grants and tokens. Ids of
-- seeded rows repeat in every organisation, so keys are (org_id, id).

CREATE TABLE sandbox_orgs (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    country_code  TEXT NOT NULL,
    base_currency TEXT NOT NULL,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_demo       BOOLEAN NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE sandbox_accounts (
    org_id            TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    id                TEXT NOT NULL,
    code              TEXT NOT NULL,
    name              TEXT NOT NULL,
    type              TEXT NOT NULL,
    status            TEXT NOT NULL,
    tax_type          TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    enable_payments   BOOLEAN NOT NULL DEFAULT false,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX sandbox_accounts_code ON sandbox_accounts (org_id, code);

CREATE TABLE sandbox_tax_rates (
    org_id     TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    tax_type   TEXT NOT NULL,
    name       TEXT NOT NULL,
    rate       TEXT NOT NULL,
    status     TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (org_id, tax_type)
);

CREATE TABLE sandbox_contacts (
    org_id      TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL,
    is_customer BOOLEAN NOT NULL DEFAULT false,
    is_supplier BOOLEAN NOT NULL DEFAULT false,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, id)
);

-- A document is stored as written (body, Xero's JSON) with the columns
-- that lookups, payments and the ledger need. Amounts are decimal text.
CREATE TABLE sandbox_documents (
    org_id      TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    type        TEXT NOT NULL DEFAULT '',
    number      TEXT NOT NULL DEFAULT '',
    reference   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    doc_date    TEXT NOT NULL,
    contact_id  TEXT NOT NULL DEFAULT '',
    sub_total   TEXT NOT NULL,
    total_tax   TEXT NOT NULL,
    total       TEXT NOT NULL,
    amount_paid TEXT NOT NULL DEFAULT '0',
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX sandbox_documents_kind ON sandbox_documents (org_id, kind, created_at);
CREATE UNIQUE INDEX sandbox_documents_number ON sandbox_documents (org_id, type, number)
    WHERE number <> '' AND type IN ('ACCREC', 'ACCRECCREDIT');

-- The double-entry lines of each document: debits positive, credits negative.
CREATE TABLE sandbox_postings (
    org_id      TEXT NOT NULL,
    document_id TEXT NOT NULL,
    line        INTEGER NOT NULL,
    account_id  TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    amount      TEXT NOT NULL,
    PRIMARY KEY (org_id, document_id, line),
    FOREIGN KEY (org_id, document_id) REFERENCES sandbox_documents (org_id, id) ON DELETE CASCADE
);

-- Responses kept per organisation and Idempotency-Key, for replay.
CREATE TABLE sandbox_idempotency (
    org_id       TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    idem_key     TEXT NOT NULL,
    request_hash BYTEA NOT NULL,
    status       INTEGER NOT NULL,
    body         BYTEA NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, idem_key)
);

-- One authorization of the OAuth client (Xero's auth event): its refresh
-- tokens rotate within it, and revoking it ends every token it issued.
CREATE TABLE sandbox_grants (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL,
    scope      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX sandbox_grants_org ON sandbox_grants (org_id);

-- Every secret the sandbox hands out, stored as its SHA-256 only: access
-- and refresh tokens, authorization codes, consent tickets and ledger
-- sign-ins. revoked_at marks one spent (used or revoked).
CREATE TABLE sandbox_tokens (
    hash       BYTEA PRIMARY KEY,
    kind       TEXT NOT NULL,
    org_id     TEXT NOT NULL REFERENCES sandbox_orgs (id) ON DELETE CASCADE,
    grant_id   TEXT REFERENCES sandbox_grants (id) ON DELETE CASCADE,
    data       TEXT NOT NULL DEFAULT '{}',
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX sandbox_tokens_expires ON sandbox_tokens (expires_at);
CREATE INDEX sandbox_tokens_grant ON sandbox_tokens (grant_id);
