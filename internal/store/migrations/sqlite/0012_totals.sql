-- What the syncs posted for each business day of a company, as the
-- mapping's totals (JSON): the next sync of that day posts only the
-- difference.
CREATE TABLE posted_totals (
    company_id   TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    business_day TEXT NOT NULL,
    totals       TEXT NOT NULL,
    PRIMARY KEY (company_id, business_day)
);
