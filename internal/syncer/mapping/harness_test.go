package mapping_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testCompany is the company of every test input.
const testCompany = "0f2b6d0e-5c1a-4e7b-9a3d-2b8c4f6e1a90"

// fixture is pushed commerce data, as testdata/days holds it.
type fixture struct {
	Orders         []ledgersync.Order        `json:"orders"`
	Payments       []ledgersync.Payment      `json:"payments"`
	Transactions   []ledgersync.Transaction  `json:"transactions"`
	TaxComponents  []ledgersync.TaxComponent `json:"taxComponents"`
	LinkedOrders   []ledgersync.Order        `json:"linkedOrders"`
	LinkedPayments []ledgersync.Payment      `json:"linkedPayments"`
	Open           []mapping.OpenDocument    `json:"open"`
}

// readJSON decodes a file of testdata.
func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// testConfig is the Sandbox company's configuration in invoice mode.
func testConfig(t *testing.T) *ledgersync.Configuration {
	t.Helper()
	var cfg ledgersync.Configuration
	readJSON(t, "config.json", &cfg)
	return &cfg
}

// testAccounts is the Sandbox chart of accounts (SPEC §9.5).
func testAccounts(t *testing.T) map[string]ledgersync.Account {
	t.Helper()
	var list []ledgersync.Account
	readJSON(t, "accounts.json", &list)
	out := map[string]ledgersync.Account{}
	for _, a := range list {
		out[a.ID] = a
	}
	return out
}

// london is Europe/London, the time zone of the tests.
func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	return loc
}

// newInput is the input of testdata/days/{day}.json, mapped with the
// test configuration in Europe/London with H=0.
func newInput(t *testing.T, day string) mapping.Input {
	t.Helper()
	var fx fixture
	readJSON(t, filepath.Join("days", day+".json"), &fx)
	return mapping.Input{
		CompanyID: testCompany, Config: testConfig(t), Accounts: testAccounts(t), Location: london(t),
		Orders: fx.Orders, Payments: fx.Payments, Transactions: fx.Transactions, TaxComponents: fx.TaxComponents,
		LinkedOrders: fx.LinkedOrders, LinkedPayments: fx.LinkedPayments, Open: fx.Open,
	}
}

// mustMap maps an input that must succeed.
func mustMap(t *testing.T, in mapping.Input) *mapping.Output {
	t.Helper()
	out, err := mapping.Map(in)
	if err != nil {
		t.Fatalf("Map: %v", err)
	}
	return out
}

// checkGolden compares v, as indented JSON, with testdata/golden/{name}.json,
// or rewrites the file with -update.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", path, got)
	}
}

// wantError checks that err is a mapping error with the code and message.
func wantError(t *testing.T, err error, code int, message string) {
	t.Helper()
	var me *mapping.Error
	if !errors.As(err, &me) {
		t.Fatalf("error = %v, want a *mapping.Error", err)
	}
	if me.Code != code || me.Message != message {
		t.Errorf("error = %d %q, want %d %q", me.Code, me.Message, code, message)
	}
}

// find returns the document with a reference.
func find(t *testing.T, out *mapping.Output, ref string) mapping.Document {
	t.Helper()
	i := slices.IndexFunc(out.Documents, func(d mapping.Document) bool { return d.Reference == ref })
	if i < 0 {
		t.Fatalf("no document %s among %v", ref, references(out))
	}
	return out.Documents[i]
}

// references lists the output's references in order.
func references(out *mapping.Output) []string {
	refs := make([]string, len(out.Documents))
	for i, d := range out.Documents {
		refs[i] = d.Reference
	}
	return refs
}

// summary describes a document's content in one string per part: lines
// as "account rate net+tax", allocations as "account → reference amount",
// a transfer as "from → to".
func summary(d mapping.Document) []string {
	places := ledgersync.CurrencyExponent(d.Currency)
	var out []string
	for _, l := range d.Lines {
		out = append(out, fmt.Sprintf("%s %s %s+%s", l.AccountID, cmp.Or(l.TaxRateID, "-"), l.Net.Format(places), l.Tax.Format(places)))
	}
	for _, a := range d.Applies {
		out = append(out, fmt.Sprintf("%s → %s %s", d.AccountID, a.Reference, a.Amount.Format(places)))
	}
	if d.Kind == mapping.KindTransfer {
		out = append(out, d.FromAccountID+" → "+d.ToAccountID)
	}
	return out
}

// wantDocument checks a document's kind, total and summary.
func wantDocument(t *testing.T, out *mapping.Output, ref string, kind mapping.Kind, total string, parts ...string) {
	t.Helper()
	d := find(t, out, ref)
	if d.Kind != kind {
		t.Errorf("%s: kind %s, want %s", ref, d.Kind, kind)
	}
	if want := ledgersync.MustAmount(total); d.Total != want {
		t.Errorf("%s: total %s, want %s", ref, d.Total, want)
	}
	if got := summary(d); !slices.Equal(got, parts) {
		t.Errorf("%s:\n got %q\nwant %q", ref, got, parts)
	}
}

// wantReferences checks the output's references, in order.
func wantReferences(t *testing.T, out *mapping.Output, refs ...string) {
	t.Helper()
	if got := references(out); !slices.Equal(got, refs) {
		t.Errorf("references:\n got %q\nwant %q", got, refs)
	}
}
