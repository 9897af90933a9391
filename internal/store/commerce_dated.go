package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// datedTable is the table of one dated data type: orders, payments or
// transactions. The three have the same columns, but a transaction's
// identity also has its type.
type datedTable struct {
	name  string
	typed bool
}

var datedTables = map[string]datedTable{
	ledgersync.DataOrders:       {name: "commerce_orders"},
	ledgersync.DataPayments:     {name: "commerce_payments"},
	ledgersync.DataTransactions: {name: "commerce_transactions", typed: true},
}

// write upserts a push's records, applies its deletes and remembers its
// tax percentages.
func (t datedTable) write(ctx context.Context, s *Store, tx *sql.Tx, ds *ledgersync.Dataset, recs []ledgersync.PushedRecord) error {
	rev, err := nextRevision(ctx, tx, ds.CompanyID)
	if err != nil {
		return err
	}
	records := make([]ledgersync.PushedRecord, 0, len(recs))
	for _, r := range recs {
		if r.IsDelete() {
			if err := t.markDeleted(ctx, tx, ds, rev, r.Record.Header()); err != nil {
				return err
			}
			continue
		}
		records = append(records, r)
	}
	if err := t.upsert(ctx, s, tx, ds, rev, records); err != nil {
		return err
	}
	return s.addTaxPercentages(ctx, tx, ds.CompanyID, records)
}

// upsert inserts records, or replaces the stored ones whose version is
// older, or equal when the stored one is deleted (SPEC §8.3).
func (t datedTable) upsert(ctx context.Context, s *Store, tx *sql.Tx, ds *ledgersync.Dataset, rev int64, recs []ledgersync.PushedRecord) error {
	cols, key, per := "company_id, dataset_id, revision, id, version, created_at, currency, record", "company_id, id", 5
	if t.typed {
		cols, key, per = cols+", type", key+", type", 6
	}
	head := `INSERT INTO ` + t.name + ` AS t (` + cols + `) VALUES `
	tail := ` ON CONFLICT (` + key + `) DO UPDATE SET version = excluded.version, created_at = excluded.created_at,
		currency = excluded.currency, record = excluded.record, deleted = false, dataset_id = excluded.dataset_id,
		revision = excluded.revision
		WHERE excluded.version > t.version OR (t.deleted AND excluded.version >= t.version)`
	err := s.insertMany(ctx, tx, head, tail, []any{ds.CompanyID, ds.ID, rev}, per, len(recs), func(i int, args []any) []any {
		h := recs[i].Record.Header()
		args = append(args, h.ID, dbTime(h.Version), dbTime(h.Created), h.Currency, string(recs[i].JSON))
		if t.typed {
			args = append(args, h.Type)
		}
		return args
	})
	if err != nil {
		return fmt.Errorf("upsert into %s: %w", t.name, err)
	}
	return nil
}

// markDeleted applies a sparse delete; a transaction delete without a
// type deletes every transaction with the id. Unknown ids are ignored.
func (t datedTable) markDeleted(ctx context.Context, tx *sql.Tx, ds *ledgersync.Dataset, rev int64, h ledgersync.RecordHeader) error {
	q := `UPDATE ` + t.name + ` SET deleted = true, dataset_id = $2, revision = $4 WHERE company_id = $1 AND id = $3 AND deleted = false`
	args := []any{ds.CompanyID, ds.ID, h.ID, rev}
	if t.typed && h.Type != "" {
		q += ` AND type = $5`
		args = append(args, h.Type)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("delete from %s: %w", t.name, err)
	}
	return nil
}

// addTaxPercentages remembers the distinct taxPercentage values of pushed
// orders; the configuration offers a tax-rate slot for each.
func (s *Store) addTaxPercentages(ctx context.Context, tx *sql.Tx, companyID string, recs []ledgersync.PushedRecord) error {
	seen := map[string]bool{}
	var percentages []any
	for _, r := range recs {
		o, ok := r.Record.(*ledgersync.Order)
		if !ok {
			continue
		}
		for _, p := range o.TaxPercentages() {
			if !seen[p] {
				seen[p] = true
				percentages = append(percentages, p)
			}
		}
	}
	err := s.insertMany(ctx, tx, `INSERT INTO commerce_tax_percentages (company_id, percentage) VALUES `, ` ON CONFLICT DO NOTHING`,
		[]any{companyID}, 1, len(percentages), func(i int, args []any) []any { return append(args, percentages[i]) })
	if err != nil {
		return fmt.Errorf("record tax percentages: %w", err)
	}
	return nil
}

// nextRevision takes the company's next revision for a push's writes.
func nextRevision(ctx context.Context, tx *sql.Tx, companyID string) (int64, error) {
	var rev int64
	err := tx.QueryRowContext(ctx, `INSERT INTO commerce_revisions (company_id, revision) VALUES ($1, 1)
		ON CONFLICT (company_id) DO UPDATE SET revision = commerce_revisions.revision + 1 RETURNING revision`, companyID).Scan(&rev)
	if err != nil {
		return 0, fmt.Errorf("next revision of %s: %w", companyID, err)
	}
	return rev, nil
}

// orderByKey orders a table's rows by createdDate, then identity, byte-wise
// on both databases.
func (t datedTable) orderByKey(collate string) string {
	cols := []string{"created_at", "id" + collate}
	if t.typed {
		cols = append(cols, "type"+collate)
	}
	return " ORDER BY " + strings.Join(cols, ", ")
}
