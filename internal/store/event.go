package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

// insertEvents writes events in the caller's transaction, so an event
// exists exactly when the change that caused it does, with the deliveries
// to the rules they match and, through the enqueuer, the jobs that send
// them.
func (s *Store) insertEvents(ctx context.Context, tx *sql.Tx, events []ledgersync.Event) error {
	if err := s.insertEventRows(ctx, tx, events); err != nil {
		return err
	}
	ids, err := s.insertDeliveries(ctx, tx, events)
	if err != nil || len(ids) == 0 || s.enqueueDeliveries == nil {
		return err
	}
	return s.enqueueDeliveries(ctx, tx, ids)
}

func (s *Store) insertEventRows(ctx context.Context, tx *sql.Tx, events []ledgersync.Event) error {
	for i := range events {
		e := &events[i]
		e.ID, e.Created = uuid.NewString(), s.clock()
		var data any
		if e.Data != nil {
			data = jsonText(e.Data)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO events (id, client_id, company_id, connection_id, type, message, data, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, e.ID, e.ClientID, e.CompanyID, e.ConnectionID, e.Type, e.Message, data, dbTime(e.Created))
		if err != nil {
			return fmt.Errorf("store: record event: %w", err)
		}
	}
	return nil
}

const eventColumns = `id, client_id, company_id, connection_id, type, message, data, created_at`

func scanEvent(row interface{ Scan(...any) error }) (*ledgersync.Event, error) {
	var e ledgersync.Event
	err := row.Scan(&e.ID, &e.ClientID, &e.CompanyID, &e.ConnectionID, &e.Type, &e.Message, jsonScan{&e.Data}, scanTime(&e.Created))
	return &e, err
}

// FindEvents returns a client's events, oldest first.
func (s *Store) FindEvents(ctx context.Context, clientID string) ([]ledgersync.Event, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE client_id = $1 ORDER BY created_at, id`, clientID)
	if err != nil {
		return nil, fmt.Errorf("store: find events: %w", err)
	}
	defer rows.Close()
	var out []ledgersync.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: find events: %w", err)
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

func (s *Store) findEvent(ctx context.Context, id string) (*ledgersync.Event, error) {
	e, err := scanEvent(s.read.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Event %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find event %s: %w", id, err)
	}
	return e, nil
}

// clientOfCompany returns the client owning a company, for events.
func clientOfCompany(ctx context.Context, q querier, companyID string) (string, error) {
	var id string
	if err := q.QueryRowContext(ctx, `SELECT client_id FROM companies WHERE id = $1`, companyID).Scan(&id); err != nil {
		return "", fmt.Errorf("store: find company %s: %w", companyID, err)
	}
	return id, nil
}

// RecordEvents writes events on their own, for changes already stored.
func (s *Store) RecordEvents(ctx context.Context, events []ledgersync.Event) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.insertEvents(ctx, tx, events) })
}

// DueSchedules returns the companies whose next sync is due at or before
// now and that are not auto-disabled, oldest due first.
func (s *Store) DueSchedules(ctx context.Context, now time.Time, limit int) ([]*ledgersync.ScheduleState, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT company_id FROM sync_schedules WHERE next_due_at <= $1 AND auto_disabled = $2
		ORDER BY next_due_at LIMIT $3`, dbTime(now), false, limit)
	if err != nil {
		return nil, fmt.Errorf("store: due schedules: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: due schedules: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]*ledgersync.ScheduleState, 0, len(ids))
	for _, id := range ids {
		st, err := s.FindScheduleState(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}
