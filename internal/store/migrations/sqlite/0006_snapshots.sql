-- The accounting data last read from each connection's platform (chart of
-- accounts, tax rates, contacts, organisation), as JSON: the options of
-- the configuration come from it, refreshed when it grows old.
CREATE TABLE platform_snapshots (
    connection_id TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    document      TEXT NOT NULL,
    fetched_at    TEXT NOT NULL
);
