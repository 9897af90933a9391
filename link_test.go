package ledgersync_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"math"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// chiSquareLimit is the chi-square value a uniform source exceeds with
// probability 1e-6, for df degrees of freedom (Wilson–Hilferty).
func chiSquareLimit(df float64) float64 {
	const z = 4.753 // one-sided normal quantile for p = 1e-6
	a := 2 / (9 * df)
	return df * math.Pow(1-a+z*math.Sqrt(a), 3)
}

func TestLinkCodesAreUniform(t *testing.T) {
	t.Parallel()
	const n, bins = 1_000_000, 1000
	high, low := make([]float64, bins), make([]float64, bins)
	for range n {
		code := ledgersync.NewLinkCode()
		if len(code) != 6 {
			t.Fatalf("code %q is not 6 digits", code)
		}
		v, err := strconv.Atoi(code)
		if err != nil {
			t.Fatalf("code %q: %v", code, err)
		}
		high[v/1000]++
		low[v%1000]++
	}
	limit := chiSquareLimit(bins - 1)
	for name, counts := range map[string][]float64{"first three digits": high, "last three digits": low} {
		var chi float64
		for _, c := range counts {
			d := c - n/bins
			chi += d * d / (n / bins)
		}
		if chi > limit {
			t.Errorf("%s: chi-square %.0f > %.0f: not uniform", name, chi, limit)
		}
	}
}

func TestLinkTokensHaveAtLeast128Bits(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		tok := ledgersync.NewLinkToken()
		if len(tok) < 22 || seen[tok] { // 22 base64url characters carry 132 bits
			t.Fatalf("token %q", tok)
		}
		seen[tok] = true
	}
}

// TestNoMathRandInSecurityCode keeps math/rand out of every non-test file:
// secrets, codes and tokens come from crypto/rand only.
func TestNoMathRandInSecurityCode(t *testing.T) {
	t.Parallel()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "math/rand" || p == "math/rand/v2" {
				t.Errorf("%s imports %s", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzValidateRedirectURL keeps the redirect check's promise: whatever it
// accepts has its origin on the allowlist.
func FuzzValidateRedirectURL(f *testing.F) {
	for _, s := range []string{"https://partner.example/done", "https://partner.example/done/{companyId}",
		"//evil.example", "https://partner.example@evil.example/", "https:evil.example", "/\\evil.example",
		"https://partner.example.evil.example/", "http://localhost:3000/x", "javascript:alert(1)"} {
		f.Add(s)
	}
	p := &ledgersync.Profile{WhiteListURLs: []string{"https://partner.example", "http://localhost:3000"}}
	f.Fuzz(func(t *testing.T, raw string) {
		if ledgersync.ValidateRedirectURL(raw, p) != nil {
			return
		}
		u, err := url.Parse(strings.ReplaceAll(raw, "{companyId}", "x"))
		if err != nil {
			t.Fatalf("accepted %q, which does not parse: %v", raw, err)
		}
		origin := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname())
		if p := strings.TrimLeft(u.Port(), "0"); p != "" && p != "443" {
			origin += ":" + p
		}
		if origin != "https://partner.example" && origin != "http://localhost:3000" {
			t.Fatalf("accepted %q with origin %q", raw, origin)
		}
	})
}
