package ledgersync_test

import (
	"encoding/json"
	"testing"

	"github.com/ledgersync/ledgersync"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"18.5": "18.5", "18.50": "18.5", "-6.00": "-6", "0.0001": "0.0001", "1e2": "100", "2.5E-1": "0.25",
		"  7 ": "7", "-0.29": "-0.29", "123456789.1234": "123456789.1234", "0": "0", "-0": "0",
	} {
		a, err := ledgersync.ParseAmount(in)
		if err != nil || a.String() != want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %s", in, a, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1.23456", "1e-5", "1,5", "--1", "1.2.3", "NaN", "Inf", "0x10"} {
		if _, err := ledgersync.ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) accepted", in)
		}
	}
}

func TestAmountJSON(t *testing.T) {
	t.Parallel()
	var v struct{ A, B, C ledgersync.Amount }
	if err := json.Unmarshal([]byte(`{"A": 18.5, "B": "18.50", "C": null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != v.B || v.A != ledgersync.MustAmount("18.5") || v.C != 0 {
		t.Fatalf("%+v", v)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"A":18.5,"B":18.5,"C":0}` {
		t.Fatalf("marshal %s", b)
	}
	if err := json.Unmarshal([]byte(`{"A": 1.00001}`), &v); err == nil {
		t.Fatal("five decimals accepted")
	}
}

func TestAmountRoundHalfAwayFromZero(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in     string
		places int
		want   string
	}{
		{"1.005", 2, "1.01"}, {"-1.005", 2, "-1.01"}, {"1.0049", 2, "1"}, {"2.5", 0, "3"}, {"-2.5", 0, "-3"},
		{"0.125", 2, "0.13"}, {"1.2345", 3, "1.235"}, {"1.2344", 3, "1.234"}, {"7", 2, "7"},
	}
	for _, c := range cases {
		got := ledgersync.MustAmount(c.in).Round(c.places)
		if got != ledgersync.MustAmount(c.want) {
			t.Errorf("Round(%s, %d) = %s, want %s", c.in, c.places, got, c.want)
		}
	}
	if s := ledgersync.MustAmount("98.5").Format(2); s != "98.50" {
		t.Errorf("Format = %s", s)
	}
	if s := ledgersync.MustAmount("-0.29").Format(2); s != "-0.29" {
		t.Errorf("Format = %s", s)
	}
	if ledgersync.CurrencyExponent("JPY") != 0 || ledgersync.CurrencyExponent("KWD") != 3 || ledgersync.CurrencyExponent("GBP") != 2 {
		t.Error("currency exponents")
	}
}
