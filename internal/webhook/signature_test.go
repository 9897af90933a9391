package webhook

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/ledgersync/ledgersync"
)

// newSecret makes a secret as the store does: whsec_ and the standard
// base64 of 32 random bytes.
func newSecret(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// verify checks headers and body with the official library.
func verify(t *testing.T, secret string, body []byte, h http.Header) error {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	return wh.Verify(body, h)
}

func TestSignKnownVector(t *testing.T) {
	t.Parallel()
	// The Standard Webhooks libraries' own test vector.
	s, err := NewSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		t.Fatal(err)
	}
	got := s.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("Sign = %q, want %q", got, want)
	}
}

func TestOfficialLibraryVerifies(t *testing.T) {
	t.Parallel()
	secret := newSecret(t)
	s, err := NewSigner(secret)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"ClientId":"c","Message":"é & <b>"}`)
	h := http.Header{}
	s.SetHeaders(h, testRule, time.Now(), body)
	if err := verify(t, secret, body, h); err != nil {
		t.Fatalf("official library: %v", err)
	}
	if n := strings.Count(h.Get(HeaderSignature), "v1,"); n != 1 {
		t.Errorf("%d signatures without a rotation, want 1", n)
	}
	tampered := append([]byte{}, body...)
	tampered[2] = 'K'
	if verify(t, secret, tampered, h) == nil {
		t.Error("a changed body verified")
	}
	if verify(t, newSecret(t), body, h) == nil {
		t.Error("another secret verified")
	}
}

func TestRotationSignsWithBoth(t *testing.T) {
	t.Parallel()
	current, previous, now := newSecret(t), newSecret(t), time.Now()
	until := now.Add(ledgersync.WebhookSecretGrace)
	p := &ledgersync.Profile{WebhookSecret: current, PreviousWebhookSecret: previous, PreviousSecretUntil: &until}
	s, err := ProfileSigner(p, now)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"RuleType":"Sync Completed"}`)
	h := http.Header{}
	s.SetHeaders(h, testRule, now, body)
	sigs := strings.Split(h.Get(HeaderSignature), " ")
	if len(sigs) != 2 || !strings.HasPrefix(sigs[0], "v1,") || !strings.HasPrefix(sigs[1], "v1,") {
		t.Fatalf("webhook-signature = %q, want two space-separated v1 signatures", h.Get(HeaderSignature))
	}
	for name, secret := range map[string]string{"current": current, "previous": previous} {
		if err := verify(t, secret, body, h); err != nil {
			t.Errorf("%s secret: official library: %v", name, err)
		}
	}

	expired, err := ProfileSigner(p, until)
	if err != nil {
		t.Fatal(err)
	}
	h = http.Header{}
	expired.SetHeaders(h, testRule, now, body)
	if n := len(strings.Split(h.Get(HeaderSignature), " ")); n != 1 || verify(t, previous, body, h) == nil {
		t.Errorf("after the grace period: %d signatures, and the previous secret must no longer verify", n)
	}
}

func TestHeadersPerAttempt(t *testing.T) {
	t.Parallel()
	s, err := NewSigner(newSecret(t))
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{}`)
	first, retry := http.Header{}, http.Header{}
	s.SetHeaders(first, testRule, time.Unix(1700000000, 0), body)
	s.SetHeaders(retry, testRule, time.Unix(1700000005, 0), body)
	if first.Get(HeaderID) != testRule || retry.Get(HeaderID) != testRule {
		t.Errorf("webhook-id = %q, %q, want %q on both", first.Get(HeaderID), retry.Get(HeaderID), testRule)
	}
	if first.Get(HeaderTimestamp) != "1700000000" || retry.Get(HeaderTimestamp) != "1700000005" {
		t.Errorf("webhook-timestamp = %q, %q", first.Get(HeaderTimestamp), retry.Get(HeaderTimestamp))
	}
	if first.Get(HeaderSignature) == retry.Get(HeaderSignature) {
		t.Error("the signature does not cover the timestamp")
	}
}

func TestBadSecrets(t *testing.T) {
	t.Parallel()
	short := "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, 16))
	for _, secret := range []string{"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not*base64", "whsec_" + base64.RawStdEncoding.EncodeToString(make([]byte, 32)), short} {
		_, err := NewSigner(secret)
		if err == nil {
			t.Errorf("NewSigner(%q) succeeded", secret)
			continue
		}
		if strings.Contains(err.Error(), strings.TrimPrefix(secret, "whsec_")) {
			t.Errorf("error %q quotes the secret", err)
		}
	}
	if _, err := NewSigner("", ""); err == nil {
		t.Error("NewSigner with no secret succeeded")
	}
}
