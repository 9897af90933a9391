package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/query"
)

var ruleList = listable{
	"id":        {query.String, "id"},
	"type":      {query.String, "type"},
	"companyId": {query.String, "company_id"},
	"created":   {query.Time, "created_at"},
}

const ruleColumns = `id, client_id, company_id, type, emails, webhook, webhook_disabled_at, created_at`

func scanRule(row interface{ Scan(...any) error }) (*ledgersync.Rule, error) {
	var r ledgersync.Rule
	var company sql.NullString
	err := row.Scan(&r.ID, &r.ClientID, &company, &r.Type, jsonScan{&r.Notifiers.Emails}, &r.Notifiers.Webhook,
		scanNullTime(&r.WebhookDisabledAt), scanTime(&r.Created))
	if company.Valid {
		r.CompanyID = &company.String
	}
	return &r, err
}

// CreateRule stores a rule that has passed Validate, giving it its id and
// creation time. A CompanyID that is not one of the client's companies is
// EInvalid on companyId, whether it exists under another client or not.
func (s *Store) CreateRule(ctx context.Context, r *ledgersync.Rule) error {
	r.ID, r.Created, r.WebhookDisabledAt = uuid.NewString(), s.clock(), nil
	if r.Notifiers.Emails == nil {
		r.Notifiers.Emails = []string{}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var company any
		if r.CompanyID != nil {
			if err := s.companyOwned(ctx, tx, r.ClientID, *r.CompanyID); ledgersync.ErrorCode(err) == ledgersync.ENotFound {
				return ledgersync.FieldError("companyId", "companyId must be the id of one of your companies, or null for all of them.")
			} else if err != nil {
				return err
			}
			company = *r.CompanyID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO rules (id, client_id, company_id, type, emails, webhook, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.ID, r.ClientID, company, r.Type, jsonText(r.Notifiers.Emails),
			r.Notifiers.Webhook, dbTime(r.Created))
		if err != nil {
			return fmt.Errorf("store: create rule: %w", err)
		}
		return nil
	})
}

// FindRuleByID returns one of a client's rules, or ENotFound: another
// client's rule is not found.
func (s *Store) FindRuleByID(ctx context.Context, clientID, id string) (*ledgersync.Rule, error) {
	return s.findRule(ctx, s.read, clientID, id)
}

func (s *Store) findRule(ctx context.Context, q querier, clientID, id string) (*ledgersync.Rule, error) {
	r, err := scanRule(q.QueryRowContext(ctx, `SELECT `+ruleColumns+` FROM rules WHERE id = $1 AND client_id = $2`, id, clientID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ruleNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find rule %s: %w", id, err)
	}
	return r, nil
}

func ruleNotFound(id string) error {
	return ledgersync.Errorf(ledgersync.ENotFound, "Rule %s not found.", id)
}

// FindRules returns one page of a client's rules and the number matching
// the query, which may use id, type, companyId and created.
func (s *Store) FindRules(ctx context.Context, clientID string, o ledgersync.ListOptions) ([]*ledgersync.Rule, int, error) {
	l, err := s.buildList(ruleList, o, 1)
	if err != nil {
		return nil, 0, err
	}
	return findPage(ctx, s, page{name: "rules", columns: ruleColumns, from: "rules", scope: "client_id = $1", arg: clientID,
		list: l, opts: o}, scanRule)
}

// DeleteRule deletes one of a client's rules and, by cascade, its
// deliveries; a delivery job that then finds nothing has nothing to do.
func (s *Store) DeleteRule(ctx context.Context, clientID, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM rules WHERE id = $1 AND client_id = $2`, id, clientID)
	if err != nil {
		return fmt.Errorf("store: delete rule %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: delete rule %s: %w", id, err)
	} else if n == 0 {
		return ruleNotFound(id)
	}
	return nil
}

// DisableRuleWebhook stops sending to a rule's webhook, as its answer
// 410 Gone asks, and cancels the rule's pending deliveries. Disabling it
// again changes nothing.
func (s *Store) DisableRuleWebhook(ctx context.Context, ruleID string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return disableRuleWebhook(ctx, tx, ruleID, at) })
}

// webhookGone is the last error of the deliveries a 410 cancels.
const webhookGone = "Not sent: the webhook answered 410 Gone and was disabled."

func disableRuleWebhook(ctx context.Context, tx *sql.Tx, ruleID string, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE rules SET webhook_disabled_at = $2 WHERE id = $1 AND webhook_disabled_at IS NULL`,
		ruleID, dbTime(at)); err != nil {
		return fmt.Errorf("store: disable webhook of rule %s: %w", ruleID, err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = $2, last_error = $3, next_attempt_at = NULL, updated_at = $4
		WHERE rule_id = $1 AND status = $5`, ruleID, ledgersync.DeliveryCancelled, webhookGone, dbTime(at), ledgersync.DeliveryPending)
	if err != nil {
		return fmt.Errorf("store: cancel deliveries of rule %s: %w", ruleID, err)
	}
	return nil
}
