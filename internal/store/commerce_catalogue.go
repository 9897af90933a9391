package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/ledgersync/ledgersync"
)

// writeCatalogue replaces a data type's set (SPEC §8.3): every id is first
// marked removed, then the pushed ones are stored and revived. Removed
// rows stay, so the account mappings of their ids are hidden but kept.
func writeCatalogue(ctx context.Context, s *Store, tx *sql.Tx, ds *ledgersync.Dataset, recs []ledgersync.PushedRecord) error {
	_, err := tx.ExecContext(ctx, `UPDATE commerce_catalogue SET removed = true WHERE company_id = $1 AND data_type = $2 AND removed = false`,
		ds.CompanyID, ds.DataType)
	if err != nil {
		return fmt.Errorf("replace catalogue: %w", err)
	}
	err = s.insertMany(ctx, tx, `INSERT INTO commerce_catalogue (company_id, data_type, dataset_id, id, name, record) VALUES `,
		` ON CONFLICT (company_id, data_type, id) DO UPDATE SET
		name = excluded.name, record = excluded.record, removed = false, dataset_id = excluded.dataset_id`,
		[]any{ds.CompanyID, ds.DataType, ds.ID}, 3, len(recs), func(i int, args []any) []any {
			h := recs[i].Record.Header()
			return append(args, h.ID, h.Name, string(recs[i].JSON))
		})
	if err != nil {
		return fmt.Errorf("store catalogue: %w", err)
	}
	return nil
}

// ProductCategories returns a company's current product categories (those
// of its last PUT), by id.
func (s *Store) ProductCategories(ctx context.Context, companyID string) ([]ledgersync.ProductCategory, error) {
	return readCatalogue[ledgersync.ProductCategory](ctx, s, companyID, ledgersync.DataProductCategories)
}

// Locations returns a company's current locations, by id.
func (s *Store) Locations(ctx context.Context, companyID string) ([]ledgersync.Location, error) {
	return readCatalogue[ledgersync.Location](ctx, s, companyID, ledgersync.DataLocations)
}

// TaxComponents returns a company's current tax components, by id.
func (s *Store) TaxComponents(ctx context.Context, companyID string) ([]ledgersync.TaxComponent, error) {
	return readCatalogue[ledgersync.TaxComponent](ctx, s, companyID, ledgersync.DataTaxComponents)
}

func readCatalogue[T any](ctx context.Context, s *Store, companyID, dataType string) ([]T, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT record FROM commerce_catalogue
		WHERE company_id = $1 AND data_type = $2 AND removed = false ORDER BY id`+s.dialect.collate, companyID, dataType)
	if err != nil {
		return nil, fmt.Errorf("store: read %s of %s: %w", dataType, companyID, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := rows.Scan(jsonScan{&v}); err != nil {
			return nil, fmt.Errorf("store: read %s of %s: %w", dataType, companyID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CommerceTaxPercentages lists the taxPercentage values ever pushed on a
// company's order lines and service charges, as canonical text ("5.5"),
// in increasing order. A value stays listed once pushed.
func (s *Store) CommerceTaxPercentages(ctx context.Context, companyID string) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT percentage FROM commerce_tax_percentages WHERE company_id = $1`, companyID)
	if err != nil {
		return nil, fmt.Errorf("store: read tax percentages of %s: %w", companyID, err)
	}
	defer rows.Close()
	var byValue []ledgersync.Amount
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("store: read tax percentages of %s: %w", companyID, err)
		}
		a, err := ledgersync.ParseAmount(p)
		if err != nil {
			return nil, fmt.Errorf("store: bad stored tax percentage %q: %w", p, err)
		}
		byValue = append(byValue, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Sort(byValue)
	out := make([]string, len(byValue))
	for i, v := range byValue {
		out[i] = v.String()
	}
	return out, nil
}
