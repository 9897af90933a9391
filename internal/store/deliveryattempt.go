package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ledgersync/ledgersync"
)

// ErrDeliveryNotPending answers an attempt recorded for a delivery that
// is no longer pending: delivered, failed, or cancelled meanwhile.
var ErrDeliveryNotPending = ledgersync.Errorf(ledgersync.EConflict, "Delivery is not pending.")

// RecordDeliveryAttempt records the outcome of one attempt at a pending
// delivery: Delivered on a 2xx, still Pending when a next attempt is
// planned, else Failed. With disableWebhook (the answer was 410 Gone) the
// failure is final, the rule's webhook is disabled and its other pending
// deliveries are cancelled, in the same transaction. A delivery that is
// gone (its rule was deleted) is ENotFound, one no longer pending is
// ErrDeliveryNotPending: either way, there is nothing left to send.
func (s *Store) RecordDeliveryAttempt(ctx context.Context, id string, a ledgersync.DeliveryAttempt, disableWebhook bool) error {
	status, next := ledgersync.DeliveryFailed, a.NextAttemptAt
	var delivered any
	switch {
	case a.Delivered:
		status, next, delivered = ledgersync.DeliveryDelivered, nil, dbTime(a.At)
	case disableWebhook:
		next = nil
	case next != nil:
		status = ledgersync.DeliveryPending
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var ruleID string
		err := tx.QueryRowContext(ctx, `UPDATE deliveries SET attempts = attempts + 1, status = $2, last_status_code = $3,
			last_error = $4, last_attempt_at = $5, next_attempt_at = $6, delivered_at = COALESCE($7, delivered_at), updated_at = $5
			WHERE id = $1 AND status = $8 RETURNING rule_id`, id, status, a.StatusCode, a.Error, dbTime(a.At), dbTimePtr(next),
			delivered, ledgersync.DeliveryPending).Scan(&ruleID)
		if errors.Is(err, sql.ErrNoRows) {
			return s.whyNotPending(ctx, tx, id)
		}
		if err != nil {
			return fmt.Errorf("store: record attempt of delivery %s: %w", id, err)
		}
		if disableWebhook {
			return disableRuleWebhook(ctx, tx, ruleID, a.At)
		}
		return nil
	})
}

func (s *Store) whyNotPending(ctx context.Context, tx *sql.Tx, id string) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM deliveries WHERE id = $1`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return deliveryNotFound(id)
	}
	if err != nil {
		return fmt.Errorf("store: find delivery %s: %w", id, err)
	}
	return ErrDeliveryNotPending
}

// RedeliverDelivery makes one of a client's rule's deliveries pending
// again, due now, and lets enqueue (which may be nil) schedule it in the
// same transaction. Its attempts and last answer are kept. A delivery
// still pending, or one whose webhook was disabled, is refused with
// EInvalid.
func (s *Store) RedeliverDelivery(ctx context.Context, clientID, ruleID, id string, enqueue DeliveryEnqueuer) (*ledgersync.Delivery, error) {
	now := s.clock()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.findRule(ctx, tx, clientID, ruleID)
		if err != nil {
			return err
		}
		d, err := findRuleDelivery(ctx, tx, ruleID, id)
		if err != nil {
			return err
		}
		if !r.WebhookActive() {
			return ledgersync.Errorf(ledgersync.EInvalid, "The rule's webhook was disabled after it answered 410 Gone; create a new rule to send to it again.")
		}
		if d.Status == ledgersync.DeliveryPending {
			return ledgersync.Errorf(ledgersync.EInvalid, "Delivery %s is already pending.", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = $2, next_attempt_at = $3, updated_at = $3 WHERE id = $1`,
			id, ledgersync.DeliveryPending, dbTime(now)); err != nil {
			return fmt.Errorf("store: redeliver %s: %w", id, err)
		}
		if enqueue == nil {
			return nil
		}
		return enqueue(ctx, tx, []string{id})
	})
	if err != nil {
		return nil, err
	}
	return s.FindRuleDelivery(ctx, clientID, ruleID, id)
}
