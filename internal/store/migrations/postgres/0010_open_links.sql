-- The links a new link voids: a company's unused, unvoided ones.
CREATE INDEX flow_links_open ON flow_links (company_id) WHERE used_at IS NULL AND voided = false;
