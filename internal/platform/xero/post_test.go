package xero

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// notPoster is a connector of another platform.
type notPoster struct{ ledgersync.Connector }

func TestAsPoster(t *testing.T) {
	t.Parallel()
	if _, ok := AsPoster(notPoster{}); ok {
		t.Error("another platform's connector is a Poster")
	}
	p := New(Options{Key: KeyXero, Endpoints: XeroEndpoints()})
	if _, ok := AsPoster(p.Connect(StaticTokenSource(&ledgersync.Token{}))); !ok {
		t.Error("the connector is not a Poster")
	}
}

func TestAllocationPart(t *testing.T) {
	t.Parallel()
	doc := &mapping.Document{Reference: "LS20240305-1-PAY-card", IdempotencyKey: "k",
		Applies: []mapping.Allocation{{Reference: "A"}}}
	if ref, key := allocationPart(doc, 0); ref != doc.Reference || key != "k" {
		t.Errorf("one allocation: %s %s, want the document's reference and key", ref, key)
	}
	doc.Applies = append(doc.Applies, mapping.Allocation{Reference: "B"})
	ref1, key1 := allocationPart(doc, 0)
	ref2, key2 := allocationPart(doc, 1)
	sum := sha256.Sum256([]byte("k/1"))
	if ref1 != doc.Reference+"/1" || ref2 != doc.Reference+"/2" || key1 != hex.EncodeToString(sum[:]) || key1 == key2 {
		t.Errorf("two allocations: %s %s, %s %s", ref1, key1, ref2, key2)
	}
	if again, _ := allocationPart(doc, 1); again != ref2 {
		t.Errorf("allocation references are not stable: %s, %s", ref2, again)
	}
}

func TestMoney(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ amount, currency, want string }{
		{"98.5", "GBP", "98.50"}, {"-6", "GBP", "-6.00"}, {"1200", "JPY", "1200"}, {"1.25", "KWD", "1.250"},
	} {
		if got := money(ledgersync.MustAmount(tt.amount), tt.currency); string(got) != tt.want {
			t.Errorf("money(%s %s) = %s, want %s", tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestJournalRendering(t *testing.T) {
	t.Parallel()
	doc := handDocument(mapping.KindJournal, "LS20240305-1-JNL")
	lines := []mapping.Line{
		{AccountID: "acc-1200", Net: ledgersync.MustAmount("10")},
		{AccountID: "acc-4000", Net: 0},
		{AccountID: "acc-4000", Net: ledgersync.MustAmount("-10")},
	}
	j := journal(doc, "n", lines)
	if len(j.JournalLines) != 2 || j.LineAmountTypes != "NoTax" || j.Status != "POSTED" || j.Date != "2024-03-05" {
		t.Errorf("journal without tax: %+v", j)
	}
	lines[2].TaxRateID, lines[2].Net, lines[2].Tax = "tr-20", ledgersync.MustAmount("-8.33"), ledgersync.MustAmount("-1.67")
	j = journal(doc, "n", lines)
	b, _ := json.Marshal(j.JournalLines)
	want := `[{"LineAmount":10.00,"AccountID":"acc-1200"},{"LineAmount":-8.33,"AccountID":"acc-4000","TaxType":"tr-20","TaxAmount":-1.67}]`
	if j.LineAmountTypes != "Exclusive" || string(b) != want {
		t.Errorf("journal with tax: %s %s, want Exclusive %s", j.LineAmountTypes, b, want)
	}
}

func TestTradeRendering(t *testing.T) {
	t.Parallel()
	bill := handInvoice("LS20240305-1-FEE", "acc-6100", "0.74", "0")
	bill.Kind, bill.Contact = mapping.KindFeeBill, "sup-1"
	got, err := trade(bill, tradeKinds[bill.Kind])
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	want := `{"Type":"ACCPAY","InvoiceNumber":"LS20240305-1-FEE","Reference":"LS20240305-1-FEE","Contact":{"ContactID":"sup-1"},` +
		`"Date":"2024-03-05","DueDate":"2024-03-05","Status":"AUTHORISED","LineAmountTypes":"Exclusive","CurrencyCode":"GBP",` +
		`"LineItems":[{"Description":"Sales","Quantity":1,"UnitAmount":0.74,"AccountID":"acc-6100","TaxType":"tr-20","TaxAmount":0.00,"LineAmount":0.74}]}`
	if string(b) != want {
		t.Errorf("bill:\n got %s\nwant %s", b, want)
	}
	credit := *bill
	credit.Kind, credit.Status = mapping.KindCreditNote, ledgersync.InvoiceDraft
	got, _ = trade(&credit, tradeKinds[credit.Kind])
	if got.Type != "ACCRECCREDIT" || got.CreditNoteNumber != credit.Reference || got.InvoiceNumber != "" ||
		got.DueDate != "" || got.Reference != "" || got.Status != "DRAFT" {
		t.Errorf("credit note: %+v", got)
	}
	credit.Status = "Paid"
	if _, err := trade(&credit, tradeKinds[credit.Kind]); err == nil {
		t.Error("a status Xero does not take was rendered")
	}
}

func TestPostUnknownKind(t *testing.T) {
	t.Parallel()
	p := New(Options{Key: KeyXero, Endpoints: XeroEndpoints()})
	c := p.Connect(StaticTokenSource(&ledgersync.Token{}))
	doc := handDocument("Deposit", "LS20240305-1-DEP")
	if _, err := mustPoster(t, c).Post(context.Background(), doc); err == nil || !strings.Contains(err.Error(), "Deposit") {
		t.Errorf("Post of an unknown kind: %v", err)
	}
	pay := handDocument(mapping.KindPayment, "LS20240305-1-PAY-card")
	if _, _, err := mustPoster(t, c).Find(context.Background(), pay); err == nil {
		t.Error("a payment applied to nothing was looked up")
	}
}

func TestRefusal(t *testing.T) {
	t.Parallel()
	var r wireRecord
	if err := json.Unmarshal([]byte(`{"ValidationErrors":[{"Message":"A."},{"Message":"B."}]}`), &r); err != nil {
		t.Fatal(err)
	}
	if got := r.refusal(); got != "A.; B." {
		t.Errorf("refusal = %q", got)
	}
}

// countingTransport counts the requests for one path.
type countingTransport struct {
	path string
	n    atomic.Int32
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, c.path) {
		c.n.Add(1)
	}
	return c.next.RoundTrip(r)
}

// TestPostReadsAccountsOnce: a connector reads the chart of accounts once,
// however many documents depend on account types.
func TestPostReadsAccountsOnce(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	counter := &countingTransport{path: "/Accounts", next: b.srv.Client().Transport}
	p := New(Options{Key: KeySandbox, ClientID: sandbox.ClientID, ClientSecret: sandboxSecret,
		Endpoints: SandboxEndpoints(b.srv.URL), HTTPClient: &http.Client{Transport: counter}})
	tok, err := b.sandbox.Grant(context.Background(), b.org.TenantID, sandbox.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	poster := mustPoster(t, p.Connect(StaticTokenSource(tok)))
	for _, ref := range []string{"LS20240305-1-XFR", "LS20240305-2-XFR", "LS20240305-3-XFR"} {
		doc := handDocument(mapping.KindTransfer, ref)
		doc.FromAccountID, doc.ToAccountID, doc.Total = "acc-1200", "acc-1010", ledgersync.MustAmount("1.00")
		mustPost(t, poster, doc)
		wantFound(t, poster, doc, mustPost(t, poster, doc))
	}
	if n := counter.n.Load(); n != 1 {
		t.Errorf("the chart of accounts was read %d times, want once", n)
	}
}
