-- Each push that changes a company's commerce records (an upsert or a
-- sparse delete) gives them the next revision of the company's counter;
-- pushes to a company are serialised, so revisions follow commit order.
-- A sync records the revision it posted (synced_revision): a record is
-- due when it has none yet or a later one, which a delete also gives.
CREATE TABLE commerce_revisions (
    company_id TEXT PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
    revision   BIGINT NOT NULL
);
ALTER TABLE commerce_orders ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE commerce_orders ADD COLUMN synced_revision BIGINT;
-- Records synced before keep their state: at their version, revision 0;
-- at an older one, -1, so the next sync posts the change.
UPDATE commerce_orders SET synced_revision = CASE WHEN synced_version = version THEN 0 ELSE -1 END
    WHERE synced_version IS NOT NULL;
ALTER TABLE commerce_orders DROP COLUMN synced_version;
ALTER TABLE commerce_payments ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE commerce_payments ADD COLUMN synced_revision BIGINT;
-- Records synced before keep their state: at their version, revision 0;
-- at an older one, -1, so the next sync posts the change.
UPDATE commerce_payments SET synced_revision = CASE WHEN synced_version = version THEN 0 ELSE -1 END
    WHERE synced_version IS NOT NULL;
ALTER TABLE commerce_payments DROP COLUMN synced_version;
ALTER TABLE commerce_transactions ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE commerce_transactions ADD COLUMN synced_revision BIGINT;
-- Records synced before keep their state: at their version, revision 0;
-- at an older one, -1, so the next sync posts the change.
UPDATE commerce_transactions SET synced_revision = CASE WHEN synced_version = version THEN 0 ELSE -1 END
    WHERE synced_version IS NOT NULL;
ALTER TABLE commerce_transactions DROP COLUMN synced_version;
