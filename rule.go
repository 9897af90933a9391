package ledgersync

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// Rule is a client's subscription to one event type (SPEC §3.8): the
// events of one company, or of all of them when CompanyID is nil, are
// sent to the notifiers.
type Rule struct {
	ID        string
	ClientID  string
	Type      string
	CompanyID *string
	Notifiers Notifiers
	Created   time.Time
	// WebhookDisabledAt is set when the webhook answered 410 Gone: nothing
	// more is sent to it.
	WebhookDisabledAt *time.Time
}

// Notifiers are where a rule's events go.
type Notifiers struct {
	Emails  []string
	Webhook string
}

// RuleTypes are the event types a rule can subscribe to (SPEC §10).
var RuleTypes = []string{EventSyncConnectionDeleted, EventDataConnectionStatusChanged, EventSyncCompleted, EventSyncFailed}

// MessageUnknownRuleType is the contract's refusal of any other type.
const MessageUnknownRuleType = "Unknown rule type"

// Limits on rule fields.
const (
	MaxRuleEmails  = 20
	MaxEmailLength = 254
)

// CanonicalRuleType returns the rule type matching s regardless of case,
// as the contract reads enums, and false for any other value.
func CanonicalRuleType(s string) (string, bool) {
	for _, t := range RuleTypes {
		if strings.EqualFold(s, t) {
			return t, true
		}
	}
	return "", false
}

// WebhookActive reports whether events are sent to the rule's webhook.
func (r *Rule) WebhookActive() bool { return r.Notifiers.Webhook != "" && r.WebhookDisabledAt == nil }

// Validate checks a rule before it is created and puts its type in
// canonical form. checkWebhook judges the webhook URL; the caller checks
// that CompanyID is one of the client's companies.
func (r *Rule) Validate(checkWebhook func(string) error) error {
	t, ok := CanonicalRuleType(r.Type)
	if !ok {
		return FieldError("type", MessageUnknownRuleType)
	}
	r.Type = t
	if len(r.Notifiers.Emails) == 0 && r.Notifiers.Webhook == "" {
		return FieldError("notifiers", "At least one notifier is required: notifiers.webhook or notifiers.emails.")
	}
	if err := r.Notifiers.validateEmails(); err != nil {
		return err
	}
	if r.Notifiers.Webhook != "" {
		if err := checkWebhook(r.Notifiers.Webhook); err != nil {
			return FieldError("notifiers.webhook", "notifiers.webhook is not allowed: %v.", err)
		}
	}
	return nil
}

// validateEmails accepts bare addresses only (no display name) and drops
// repeats.
func (n *Notifiers) validateEmails() error {
	if len(n.Emails) > MaxRuleEmails {
		return FieldError("notifiers.emails", "notifiers.emails may hold at most %d addresses.", MaxRuleEmails)
	}
	out := make([]string, 0, len(n.Emails))
	for i, e := range n.Emails {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e || a.Name != "" || len(e) > MaxEmailLength {
			field := fmt.Sprintf("notifiers.emails[%d]", i)
			return FieldError(field, "%s is not a valid email address.", field)
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	n.Emails = out
	return nil
}
