package ledgersync_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

func TestCheckWebhookURL(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		url      string
		loopback bool // allowed only with allowLoopback
		bad      bool // refused either way
	}{
		{url: "https://hooks.partner.example/ledgersync"},
		{url: "HTTPS://Hooks.Partner.Example:8443/a?b=c"},
		{url: "https://93.184.215.14/hook"},
		{url: "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook"},
		{url: "http://127.0.0.1:9000/hook", loopback: true},
		{url: "https://127.0.0.1/hook", loopback: true},
		{url: "http://[::1]:9000/hook", loopback: true},
		{url: "http://[::ffff:127.0.0.1]/hook", loopback: true},
		{url: "http://localhost:3000/hook", loopback: true},
		{url: "http://api.localhost/hook", loopback: true},
		{url: "http://hooks.partner.example/", bad: true},
		{url: "ftp://127.0.0.1/", bad: true},
		{url: "https://user:pw@hooks.partner.example/", bad: true},
		{url: "https://hooks.partner.example@127.0.0.1/", bad: true},
		{url: "https://hooks.partner.example/#frag", bad: true},
		{url: "/relative/hook", bad: true},
		{url: "https:hooks.partner.example", bad: true},
		{url: "https://hooks partner.example/", bad: true},
		{url: "https://hooks.partner.example\\@evil/", bad: true},
		{url: "https://hooks.partner.example:99999/", bad: true},
		{url: "https://hooks.partner.example:/", bad: true},
		{url: "https://0.0.0.0/", bad: true},
		{url: "https://10.1.2.3/", bad: true},
		{url: "https://172.16.0.1/", bad: true},
		{url: "https://192.168.1.1/", bad: true},
		{url: "https://169.254.169.254/latest/meta-data", bad: true},
		{url: "https://100.64.0.1/", bad: true},
		{url: "https://[fc00::1]/", bad: true},
		{url: "https://[fe80::1]/", bad: true},
		{url: "https://[::ffff:10.0.0.1]/", bad: true},
		{url: "https://[64:ff9b::a00:1]/", bad: true},
		{url: "https://224.0.0.1/", bad: true},
		{url: "https://255.255.255.255/", bad: true},
		{url: "https://2130706433/", bad: true},
		{url: "https://127.1/", bad: true},
		{url: "https://0x7f.0.0.1/", bad: true},
		{url: "https://[fe80::1%25eth0]/", bad: true},
		{url: "https://" + strings.Repeat("a", 2049) + ".example/", bad: true},
	} {
		strict := ledgersync.CheckWebhookURL(tc.url, false, webhook.Guard{}.Check)
		lenient := ledgersync.CheckWebhookURL(tc.url, true, webhook.Guard{}.Check)
		switch {
		case tc.bad && (strict == nil || lenient == nil):
			t.Errorf("%s accepted (strict %v, with loopback %v)", tc.url, strict, lenient)
		case tc.loopback && (strict == nil || lenient != nil):
			t.Errorf("%s: strict %v, with loopback %v", tc.url, strict, lenient)
		case !tc.bad && !tc.loopback && (strict != nil || lenient != nil):
			t.Errorf("%s refused: %v / %v", tc.url, strict, lenient)
		}
	}
}

func validRule() *ledgersync.Rule {
	return &ledgersync.Rule{ClientID: "c", Type: "sync completed",
		Notifiers: ledgersync.Notifiers{Webhook: "https://hooks.partner.example/", Emails: []string{"ops@partner.example"}}}
}

func TestRuleValidate(t *testing.T) {
	t.Parallel()
	check := func(s string) error { return ledgersync.CheckWebhookURL(s, false, webhook.Guard{}.Check) }
	r := validRule()
	if err := r.Validate(check); err != nil {
		t.Fatal(err)
	}
	if r.Type != ledgersync.EventSyncCompleted {
		t.Fatalf("type not canonical: %q", r.Type)
	}
	tooMany := make([]string, ledgersync.MaxRuleEmails+1)
	for i := range tooMany {
		tooMany[i] = "a@b.example"
	}
	for _, tc := range []struct {
		name, field, message string
		edit                 func(*ledgersync.Rule)
	}{
		{"unknown type", "type", "Unknown rule type", func(r *ledgersync.Rule) { r.Type = "Push Operation Status Changed" }},
		{"no type", "type", "Unknown rule type", func(r *ledgersync.Rule) { r.Type = "" }},
		{"no notifier", "notifiers", "", func(r *ledgersync.Rule) { r.Notifiers = ledgersync.Notifiers{} }},
		{"bad email", "notifiers.emails[1]", "notifiers.emails[1] is not a valid email address.",
			func(r *ledgersync.Rule) { r.Notifiers.Emails = []string{"a@b.example", "not an email"} }},
		{"display name", "notifiers.emails[0]", "", func(r *ledgersync.Rule) { r.Notifiers.Emails = []string{"Ops <ops@b.example>"} }},
		{"too many emails", "notifiers.emails", "", func(r *ledgersync.Rule) { r.Notifiers.Emails = tooMany }},
		{"http webhook", "notifiers.webhook", "notifiers.webhook is not allowed: it must use https.",
			func(r *ledgersync.Rule) { r.Notifiers.Webhook = "http://hooks.partner.example/" }},
	} {
		r := validRule()
		tc.edit(r)
		var e *ledgersync.Error
		if err := r.Validate(check); !errors.As(err, &e) || e.Code != ledgersync.EInvalid || e.Field != tc.field ||
			(tc.message != "" && e.Message != tc.message) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	r = validRule()
	r.Notifiers = ledgersync.Notifiers{Emails: []string{"a@b.example", "a@b.example", "c@d.example"}}
	if err := r.Validate(check); err != nil || !slices.Equal(r.Notifiers.Emails, []string{"a@b.example", "c@d.example"}) {
		t.Fatalf("emails only: %v %v", err, r.Notifiers.Emails)
	}
}
