-- Commerce data pushed by the partner (SPEC §3.6, §8). Each dated record
-- keeps its latest version whole, as JSON; created_at is its createdDate,
-- which a sync scans by period; synced_version is the version the last
-- sync posted, NULL until one does.
CREATE TABLE commerce_orders (
    company_id     TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    version        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    currency       TEXT NOT NULL,
    record         TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    synced_version TEXT,
    dataset_id     TEXT NOT NULL,
    PRIMARY KEY (company_id, id)
);
CREATE INDEX commerce_orders_created ON commerce_orders (company_id, created_at);

CREATE TABLE commerce_payments (
    company_id     TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    version        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    currency       TEXT NOT NULL,
    record         TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    synced_version TEXT,
    dataset_id     TEXT NOT NULL,
    PRIMARY KEY (company_id, id)
);
CREATE INDEX commerce_payments_created ON commerce_payments (company_id, created_at);

-- A transaction's identity is (id, type): a fee reuses its payment's id.
CREATE TABLE commerce_transactions (
    company_id     TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,
    type           TEXT NOT NULL,
    version        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    currency       TEXT NOT NULL,
    record         TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    synced_version TEXT,
    dataset_id     TEXT NOT NULL,
    PRIMARY KEY (company_id, id, type)
);
CREATE INDEX commerce_transactions_created ON commerce_transactions (company_id, created_at);

-- Product categories, locations and tax components: each PUT replaces a
-- data type's set; ids left out are marked removed, not deleted, so their
-- account mappings stay hidden but kept.
CREATE TABLE commerce_catalogue (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    data_type  TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    record     TEXT NOT NULL,
    removed    INTEGER NOT NULL DEFAULT 0,
    dataset_id TEXT NOT NULL,
    PRIMARY KEY (company_id, data_type, id)
);

-- The taxPercentage values ever pushed on order lines and service charges:
-- the configuration offers a tax-rate slot for each.
CREATE TABLE commerce_tax_percentages (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    percentage TEXT NOT NULL,
    PRIMARY KEY (company_id, percentage)
);

-- One row per accepted push; a push is stored whole or not at all, so
-- every dataset is Complete.
CREATE TABLE datasets (
    id            TEXT PRIMARY KEY,
    company_id    TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    connection_id TEXT NOT NULL,
    data_type     TEXT NOT NULL,
    status        TEXT NOT NULL,
    requested_at  TEXT NOT NULL,
    completed_at  TEXT NOT NULL
);
CREATE INDEX datasets_company ON datasets (company_id, requested_at);
