package ledgersync

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSetKeys checks the scanner against a full decode.
func FuzzSetKeys(f *testing.F) {
	for _, s := range []string{`{}`, `{"id":"x"}`, `{"a":null,"b":"","c":{"d":1},"e":["f",{"g":"h"}]}`,
		` { "i\u0064" : "x" , "s":"a\"b:" }`, `[1]`, `"x"`, `{"a":{"b":{"c":"d"}},"z":[[]]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) || !utf8.ValidString(s) {
			return
		}
		var m map[string]any
		isObject := json.Unmarshal([]byte(s), &m) == nil && m != nil
		keys, ok := setKeys([]byte(s))
		if ok != isObject {
			t.Fatalf("%s: object %v, scanner says %v", s, isObject, ok)
		}
		if !ok || hasDuplicateKeys(s) {
			return
		}
		var want []string
		for k, v := range m {
			if v != nil && v != "" {
				want = append(want, k)
			}
		}
		slices.Sort(want)
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("%s: keys %q, want %q", s, keys, want)
		}
	})
}

// hasDuplicateKeys reports whether the top-level object repeats a key,
// where a decode keeps only the last value.
func hasDuplicateKeys(s string) bool {
	dec := json.NewDecoder(strings.NewReader(s))
	if _, err := dec.Token(); err != nil {
		return false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, _ := dec.Token()
		k, _ := tok.(string)
		if seen[k] {
			return true
		}
		seen[k] = true
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}
