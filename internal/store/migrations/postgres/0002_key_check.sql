-- One value sealed under the encryption key, opened at every start, so a
-- process with the wrong key refuses to start instead of failing later.
CREATE TABLE key_checks (
    id     INTEGER PRIMARY KEY,
    sealed BYTEA NOT NULL
);
