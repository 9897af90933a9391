// Package webhook holds the building blocks of event delivery (SPEC §10):
// the legacy envelope, Standard Webhooks signatures, one HTTP attempt
// behind an SSRF guard, the retry schedule and the e-mail notifier. It
// stores nothing; the delivery job calls it and records the outcome.
package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ledgersync/ledgersync"
)

// MaxBodySize bounds an envelope: a marshalled body is always strictly
// smaller (SPEC §10: bodies under 20 kB).
const MaxBodySize = 20_000

// ErrTooLarge is returned by Envelope.Marshal for a body of MaxBodySize
// bytes or more. Retrying cannot help, so the caller gives up at once.
var ErrTooLarge = errors.New("webhook: body is not under 20 kB")

// Envelope is the legacy webhook body. Field names are PascalCase on the
// wire; DataConnectionId and Data are omitted when empty.
type Envelope struct {
	ClientID         string         `json:"ClientId"`
	ClientName       string         `json:"ClientName"`
	CompanyID        string         `json:"CompanyId"`
	DataConnectionID string         `json:"DataConnectionId,omitempty"`
	RuleID           string         `json:"RuleId"`
	RuleType         string         `json:"RuleType"`
	AlertID          string         `json:"AlertId"`
	Message          string         `json:"Message"`
	Data             map[string]any `json:"Data,omitempty"`
}

// NewEnvelope returns the envelope of event e for the rule ruleID of the
// client named clientName. RuleType is the event's type, which is the
// rule's; alertID is the delivery's id, unique per event and rule and the
// same on every attempt.
func NewEnvelope(e *ledgersync.Event, ruleID, alertID, clientName string) *Envelope {
	return &Envelope{
		ClientID: e.ClientID, ClientName: clientName, CompanyID: e.CompanyID, DataConnectionID: e.ConnectionID,
		RuleID: ruleID, RuleType: e.Type, AlertID: alertID, Message: e.Message, Data: e.Data,
	}
}

// Marshal returns the JSON body, without HTML escaping and without a
// trailing newline. It fails with ErrTooLarge when the body is not under
// MaxBodySize bytes.
func (e *Envelope) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, fmt.Errorf("webhook: marshal envelope: %w", err)
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if len(body) >= MaxBodySize {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, len(body))
	}
	return body, nil
}
