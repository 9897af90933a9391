package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ledgersync/ledgersync"
)

// Standard Webhooks v1 header names. Header names are case-insensitive;
// Go sends them as Webhook-Id, Webhook-Timestamp and Webhook-Signature.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// secretPrefix starts every webhook secret (SPEC §3.7).
const secretPrefix = "whsec_"

// Signer signs webhook bodies with a client's secrets: the current one,
// and during a rotation the previous one too.
type Signer struct {
	keys [][]byte
}

// NewSigner returns a Signer for the given whsec_ secrets, current first.
// Empty secrets are skipped, so NewSigner(p.WebhookSecret,
// p.PreviousWebhookSecret) works whether or not a rotation is under way.
func NewSigner(secrets ...string) (*Signer, error) {
	s := &Signer{}
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		key, err := decodeSecret(secret)
		if err != nil {
			return nil, err
		}
		s.keys = append(s.keys, key)
	}
	if len(s.keys) == 0 {
		return nil, errors.New("webhook: no signing secret")
	}
	return s, nil
}

// ProfileSigner returns the Signer for a client's profile as the store
// returns it: the current secret, plus the previous one while now is
// before PreviousSecretUntil.
func ProfileSigner(p *ledgersync.Profile, now time.Time) (*Signer, error) {
	previous := p.PreviousWebhookSecret
	if p.PreviousSecretUntil == nil || !now.Before(*p.PreviousSecretUntil) {
		previous = ""
	}
	return NewSigner(p.WebhookSecret, previous)
}

// decodeSecret returns the key of a whsec_ secret: the standard (padded)
// base64 decoding of the text after the prefix. Errors never quote it.
func decodeSecret(secret string) ([]byte, error) {
	encoded, ok := strings.CutPrefix(secret, secretPrefix)
	if !ok {
		return nil, errors.New("webhook: secret does not start with whsec_")
	}
	key, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return nil, errors.New("webhook: secret is not standard base64 after whsec_")
	}
	if len(key) < 24 || len(key) > 64 {
		return nil, fmt.Errorf("webhook: secret key is %d bytes, not 24 to 64", len(key))
	}
	return key, nil
}

// Sign returns the webhook-signature value for a message: one
// "v1,{base64 HMAC-SHA256}" per secret, space-separated, over
// "{id}.{unix seconds}.{body}".
func (s *Signer) Sign(id string, ts time.Time, body []byte) string {
	sigs := make([]string, len(s.keys))
	for i, key := range s.keys {
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
		mac.Write(body)
		sigs[i] = "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	return strings.Join(sigs, " ")
}

// SetHeaders sets the three Standard Webhooks headers on h.
func (s *Signer) SetHeaders(h http.Header, id string, ts time.Time, body []byte) {
	h.Set(HeaderID, id)
	h.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	h.Set(HeaderSignature, s.Sign(id, ts, body))
}
