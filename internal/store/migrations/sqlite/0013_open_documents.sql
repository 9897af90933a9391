-- The invoices and credit notes of a company that still have an amount
-- due once its syncs' documents are written, as the mapping's list
-- (JSON): a later payment that exceeds its own day's invoice settles
-- them, oldest first.
CREATE TABLE open_documents (
    company_id TEXT PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    documents  TEXT NOT NULL
);
