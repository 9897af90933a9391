package webhook

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// MailOptions configure the e-mail notifier. SMTP is configured when Host
// is set; otherwise rules' e-mail addresses are stored but sent nothing
// (SPEC §11, open point 10).
type MailOptions struct {
	Host string
	// Port is 587 when 0. Port 465 uses implicit TLS; any other port
	// upgrades with STARTTLS whenever the server offers it.
	Port int
	// Username and Password enable SMTP AUTH. The password is sent only
	// over TLS, or by a mechanism that does not reveal it (SCRAM,
	// CRAM-MD5), and is never logged.
	Username string
	Password string
	// From is the sender's address.
	From string
	// Timeout bounds the connection; 0 means DefaultTimeout.
	Timeout time.Duration
	// TLSConfig replaces the default (system roots, ServerName = Host),
	// for tests that trust their own certificate.
	TLSConfig *tls.Config
}

// Configured reports whether SMTP is configured.
func (o MailOptions) Configured() bool { return o.Host != "" }

// LogValue lets slog log the options with the password redacted.
func (o MailOptions) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", o.Host), slog.Int("port", o.Port),
		slog.String("username", o.Username), slog.String("password", redact(o.Password)), slog.String("from", o.From))
}

// String describes the options with the password redacted, for fmt.
func (o MailOptions) String() string {
	return fmt.Sprintf("smtp://%s@%s:%d (password %s, from %s)", o.Username, o.Host, o.Port, redact(o.Password), o.From)
}

func redact(secret string) string {
	if secret == "" {
		return "unset"
	}
	return "[redacted]"
}

// Mailer sends e-mail notifications. It uses github.com/wneessen/go-mail
// rather than net/smtp, which is frozen: go-mail is maintained, does
// opportunistic STARTTLS, picks an AUTH mechanism that never sends a
// password in clear, and writes well-formed messages (Date, Message-ID,
// encoded headers). A nil *Mailer, SMTP not configured, sends nothing.
type Mailer struct {
	opts MailOptions
}

// NewMailer checks o and returns its Mailer, or nil when SMTP is not
// configured.
func NewMailer(o MailOptions) (*Mailer, error) {
	if !o.Configured() {
		return nil, nil
	}
	if o.Port == 0 {
		o.Port = 587
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if err := mail.NewMsg().From(o.From); err != nil {
		return nil, fmt.Errorf("webhook: smtp from address %q is not valid", o.From)
	}
	if _, err := o.client(); err != nil {
		return nil, err
	}
	return &Mailer{opts: o}, nil
}

// client returns a go-mail client for one sending.
func (o MailOptions) client() (*mail.Client, error) {
	opts := []mail.Option{mail.WithPort(o.Port), mail.WithTimeout(o.Timeout), mail.WithTLSPolicy(mail.TLSOpportunistic)}
	if o.Port == 465 {
		opts = append(opts, mail.WithSSL())
	}
	if o.TLSConfig != nil {
		opts = append(opts, mail.WithTLSConfig(o.TLSConfig))
	}
	if o.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(o.Username), mail.WithPassword(o.Password))
	}
	c, err := mail.NewClient(o.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("webhook: smtp client for %s: %w", o.Host, err)
	}
	return c, nil
}

// Send e-mails the envelope's event to the addresses, in one message.
// Nothing is sent, and nil returned, by a nil Mailer or to no address.
func (m *Mailer) Send(ctx context.Context, to []string, e *Envelope) error {
	to = slices.Compact(slices.Sorted(slices.Values(to)))
	if m == nil || len(to) == 0 {
		return nil
	}
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := msg.From(m.opts.From); err != nil {
		return fmt.Errorf("webhook: mail from: %w", err)
	}
	if err := msg.To(to...); err != nil {
		return fmt.Errorf("webhook: mail recipients: %w", err)
	}
	msg.Subject("ledgersync: " + e.RuleType + " for company " + e.CompanyID)
	msg.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(mail.TypeTextPlain, mailText(e))
	c, err := m.opts.client()
	if err != nil {
		return err
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("webhook: send mail via %s:%d: %w", m.opts.Host, m.opts.Port, redactError(err, m.opts.Password))
	}
	return nil
}

// redactError keeps err unless its text holds the secret, as it could if
// a server echoed the password in a reply.
func redactError(err error, secret string) error {
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), secret, "[redacted]"))
}

// mailText is the plain-text body: the message, then the envelope's ids
// and data, one per line.
func mailText(e *Envelope) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", e.Message)
	fmt.Fprintf(&b, "Client:      %s (%s)\nCompany:     %s\n", e.ClientName, e.ClientID, e.CompanyID)
	if e.DataConnectionID != "" {
		fmt.Fprintf(&b, "Connection:  %s\n", e.DataConnectionID)
	}
	fmt.Fprintf(&b, "Rule:        %s (%s)\nAlert:       %s\n", e.RuleID, e.RuleType, e.AlertID)
	for _, k := range slices.Sorted(maps.Keys(e.Data)) {
		fmt.Fprintf(&b, "%s: %v\n", k, e.Data[k])
	}
	return b.String()
}
