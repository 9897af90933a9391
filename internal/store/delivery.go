package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/query"
)

// DeliveryEnqueuer schedules the sending of deliveries in the transaction
// that makes them pending, so a delivery is pending exactly when a job to
// send it exists (River's InsertTx).
type DeliveryEnqueuer func(ctx context.Context, tx *sql.Tx, deliveryIDs []string) error

// SetDeliveryEnqueuer makes every transaction that records events also
// schedule the deliveries they cause. Call it once, while wiring, before
// the store is in use; without it deliveries are only stored.
func (s *Store) SetDeliveryEnqueuer(e DeliveryEnqueuer) { s.enqueueDeliveries = e }

// deliveryFrom is the deliveries with their event's type, as one table,
// so list clauses and the default order name its columns plainly.
const deliveryFrom = `(SELECT d.*, e.type AS event_type FROM deliveries d JOIN events e ON e.id = d.event_id) AS x`

const deliveryColumns = `id, rule_id, event_id, client_id, company_id, event_type, status, attempts, last_status_code,
	last_error, last_attempt_at, next_attempt_at, delivered_at, created_at, updated_at`

var deliveryList = listable{
	"id":      {query.String, "id"},
	"eventId": {query.String, "event_id"},
	"status":  {query.String, "status"},
	"created": {query.Time, "created_at"},
}

func scanDelivery(row interface{ Scan(...any) error }) (*ledgersync.Delivery, error) {
	var d ledgersync.Delivery
	err := row.Scan(&d.ID, &d.RuleID, &d.EventID, &d.ClientID, &d.CompanyID, &d.EventType, &d.Status, &d.Attempts,
		&d.LastStatusCode, &d.LastError, scanNullTime(&d.LastAttemptAt), scanNullTime(&d.NextAttemptAt),
		scanNullTime(&d.DeliveredAt), scanTime(&d.Created), scanTime(&d.Updated))
	return &d, err
}

// insertDeliveries creates, in the caller's transaction, one pending
// delivery for each event and each rule it matches: same client and
// type, the event's company or all companies, and a webhook that is set
// and not disabled, or e-mail addresses. It returns the new deliveries' ids.
func (s *Store) insertDeliveries(ctx context.Context, tx *sql.Tx, events []ledgersync.Event) ([]string, error) {
	var ids []string
	for _, e := range events {
		rules, err := matchingRules(ctx, tx, e)
		if err != nil {
			return nil, err
		}
		for _, ruleID := range rules {
			id := uuid.NewString()
			_, err := tx.ExecContext(ctx, `INSERT INTO deliveries (id, rule_id, event_id, client_id, company_id, status,
				next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)`,
				id, ruleID, e.ID, e.ClientID, e.CompanyID, ledgersync.DeliveryPending, dbTime(e.Created))
			if err != nil {
				return nil, fmt.Errorf("store: create delivery: %w", err)
			}
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// matchingRules reads all the ids before the caller writes, as a
// PostgreSQL connection cannot write while a result is open.
func matchingRules(ctx context.Context, tx *sql.Tx, e ledgersync.Event) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM rules WHERE client_id = $1 AND type = $2
		AND (company_id IS NULL OR company_id = $3)
		AND ((webhook <> '' AND webhook_disabled_at IS NULL) OR emails NOT IN ('[]', 'null'))
		ORDER BY created_at, id`, e.ClientID, e.Type, e.CompanyID)
	if err != nil {
		return nil, fmt.Errorf("store: match rules: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: match rules: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// FindDelivery returns a delivery with its event and rule, for sending
// it; ENotFound when it is gone (its rule was deleted).
func (s *Store) FindDelivery(ctx context.Context, id string) (*ledgersync.DeliveryTarget, error) {
	d, err := scanDelivery(s.read.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM `+deliveryFrom+` WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, deliveryNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find delivery %s: %w", id, err)
	}
	e, err := s.findEvent(ctx, d.EventID)
	if err != nil {
		return nil, err
	}
	r, err := s.findRule(ctx, s.read, d.ClientID, d.RuleID)
	if err != nil {
		return nil, err
	}
	return &ledgersync.DeliveryTarget{Delivery: d, Event: e, Rule: r}, nil
}

func deliveryNotFound(id string) error {
	return ledgersync.Errorf(ledgersync.ENotFound, "Delivery %s not found.", id)
}

// FindRuleDeliveries returns one page of a client's rule's deliveries,
// newest first unless the options order them, and the number matching
// the query, which may use id, eventId, status and created.
func (s *Store) FindRuleDeliveries(ctx context.Context, clientID, ruleID string, o ledgersync.ListOptions) ([]*ledgersync.Delivery, int, error) {
	if _, err := s.FindRuleByID(ctx, clientID, ruleID); err != nil {
		return nil, 0, err
	}
	l, err := s.buildList(deliveryList, o, 1)
	if err != nil {
		return nil, 0, err
	}
	if o.OrderBy == "" {
		l.orderBy = " ORDER BY created_at DESC, id DESC"
	}
	return findPage(ctx, s, page{name: "deliveries", columns: deliveryColumns, from: deliveryFrom, scope: "rule_id = $1", arg: ruleID,
		list: l, opts: o}, scanDelivery)
}

// FindRuleDelivery returns one delivery of one of a client's rules, or
// ENotFound.
func (s *Store) FindRuleDelivery(ctx context.Context, clientID, ruleID, id string) (*ledgersync.Delivery, error) {
	if _, err := s.findRule(ctx, s.read, clientID, ruleID); err != nil {
		return nil, err
	}
	return findRuleDelivery(ctx, s.read, ruleID, id)
}

func findRuleDelivery(ctx context.Context, q querier, ruleID, id string) (*ledgersync.Delivery, error) {
	d, err := scanDelivery(q.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM `+deliveryFrom+` WHERE id = $1 AND rule_id = $2`, id, ruleID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, deliveryNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find delivery %s: %w", id, err)
	}
	return d, nil
}
