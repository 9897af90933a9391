-- A client's overrides of the flow's texts, per locale; a key without a
-- row shows its default.
CREATE TABLE ui_texts (
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    locale    TEXT NOT NULL,
    text_key  TEXT NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (client_id, locale, text_key)
);

-- A client's visible account keys per platform, as a JSON array; no row,
-- or a NULL list, shows every key.
CREATE TABLE visible_accounts (
    client_id    TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    platform_key TEXT NOT NULL,
    keys         TEXT,
    PRIMARY KEY (client_id, platform_key)
);
