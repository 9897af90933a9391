package webhook

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpServer is an SMTP server on loopback that records what it gets.
type smtpServer struct {
	host string
	port int
	mu   sync.Mutex
	mail []received
}

type received struct {
	from, user, pass string
	to               []string
	tls              bool
	data             string
}

// newSMTPServer starts one; with cert it offers STARTTLS, and AUTH only
// over TLS unless insecureAuth.
func newSMTPServer(t *testing.T, cert *tls.Certificate, insecureAuth bool) *smtpServer {
	t.Helper()
	srv := &smtpServer{}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &smtpSession{srv: srv, conn: c}, nil
	}))
	s.Domain, s.AllowInsecureAuth = "localhost", insecureAuth
	if cert != nil {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	srv.host, srv.port = "127.0.0.1", ln.Addr().(*net.TCPAddr).Port
	return srv
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.mail...)
}

type smtpSession struct {
	srv  *smtpServer
	conn *smtp.Conn
	cur  received
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		s.cur.user, s.cur.pass = user, pass
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error { s.cur.from = from; return nil }
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, s.cur.tls = s.conn.TLSConnectionState()
	s.cur.data = string(b)
	s.srv.mu.Lock()
	s.srv.mail = append(s.srv.mail, s.cur)
	s.srv.mu.Unlock()
	s.cur = received{user: s.cur.user, pass: s.cur.pass}
	return nil
}

// loopbackCert returns a self-signed certificate for 127.0.0.1 and a
// client TLS config that trusts it.
func loopbackCert(t *testing.T) (*tls.Certificate, *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{netip.MustParseAddr("127.0.0.1").AsSlice()}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature, IsCA: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

func testEnvelope() *Envelope {
	return &Envelope{ClientID: testClient, ClientName: "Bank of Dave", CompanyID: testCompany, DataConnectionID: testConn,
		RuleID: testRule, RuleType: "Sync Failed", AlertID: testAlert, Message: "Sync s1 failed",
		Data: map[string]any{"FailureStage": "Pushing", "syncId": "s1"}}
}

func TestMailerSTARTTLS(t *testing.T) {
	t.Parallel()
	cert, clientTLS := loopbackCert(t)
	srv := newSMTPServer(t, cert, false)
	m, err := NewMailer(MailOptions{Host: srv.host, Port: srv.port, Username: "alerts", Password: "hunter2-smtp",
		From: "ledgersync@example.com", TLSConfig: clientTLS, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	to := []string{"ops@example.com", "cfo@example.com", "ops@example.com"}
	if err := m.Send(context.Background(), to, testEnvelope()); err != nil {
		t.Fatal(err)
	}
	got := srv.received()
	if len(got) != 1 {
		t.Fatalf("server got %d messages, want 1", len(got))
	}
	r := got[0]
	data := strings.ReplaceAll(strings.ReplaceAll(r.data, "\r\n ", " "), "\r\n", "\n") // unfold headers
	if !r.tls || r.user != "alerts" || r.pass != "hunter2-smtp" {
		t.Errorf("tls %v, auth %q/%q: want STARTTLS, then AUTH", r.tls, r.user, r.pass)
	}
	if r.from != "ledgersync@example.com" || strings.Join(r.to, ",") != "cfo@example.com,ops@example.com" {
		t.Errorf("from %q to %q", r.from, r.to)
	}
	for _, want := range []string{"Subject: ledgersync: Sync Failed for company " + testCompany, "Auto-Submitted: auto-generated",
		"Content-Type: text/plain", "Message-ID: <", "To: <cfo@example.com>, <ops@example.com>", "Sync s1 failed", "Rule:        " + testRule + " (Sync Failed)",
		"Connection:  " + testConn, "FailureStage: Pushing", "Alert:       " + testAlert} {
		if !strings.Contains(data, want) {
			t.Errorf("message lacks %q:\n%s", want, data)
		}
	}
}

// TestMailerNoTLS: without STARTTLS the message still goes, but the
// password is never sent in clear.
func TestMailerNoTLS(t *testing.T) {
	t.Parallel()
	srv := newSMTPServer(t, nil, true)
	plain, err := NewMailer(MailOptions{Host: srv.host, Port: srv.port, From: "ledgersync@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if err := plain.Send(context.Background(), []string{"ops@example.com"}, testEnvelope()); err != nil {
		t.Fatalf("without TLS or AUTH: %v", err)
	}
	withPass, err := NewMailer(MailOptions{Host: srv.host, Port: srv.port, From: "ledgersync@example.com",
		Username: "alerts", Password: "hunter2-smtp"})
	if err != nil {
		t.Fatal(err)
	}
	err = withPass.Send(context.Background(), []string{"ops@example.com"}, testEnvelope())
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("AUTH PLAIN without TLS: err = %v, want a failure that does not quote the password", err)
	}
	for _, r := range srv.received() {
		if r.pass != "" || r.tls {
			t.Errorf("received %+v: the password went in clear", r)
		}
	}
	if n := len(srv.received()); n != 1 {
		t.Errorf("server got %d messages, want 1", n)
	}
}

func TestMailerNotConfigured(t *testing.T) {
	t.Parallel()
	m, err := NewMailer(MailOptions{Username: "alerts", Password: "x"})
	if m != nil || err != nil {
		t.Fatalf("NewMailer without a host = %v, %v; want nil, nil", m, err)
	}
	if err := m.Send(context.Background(), []string{"ops@example.com"}, testEnvelope()); err != nil {
		t.Errorf("nil Mailer: Send = %v", err)
	}
	if _, err := NewMailer(MailOptions{Host: "127.0.0.1", From: "not an address"}); err == nil {
		t.Error("NewMailer accepted a bad From")
	}
}

func TestMailOptionsRedactPassword(t *testing.T) {
	t.Parallel()
	o := MailOptions{Host: "smtp.example.com", Port: 587, Username: "alerts", Password: "hunter2-smtp", From: "a@example.com"}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("smtp", "options", o)
	for _, s := range []string{logged.String(), fmt.Sprint(o), fmt.Sprintf("%+v", o), fmt.Sprintf("%v", &o)} {
		if strings.Contains(s, "hunter2") || !strings.Contains(s, "smtp.example.com") {
			t.Errorf("%q: the password shows, or the host does not", s)
		}
	}
}
