package ledgersync_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ledgersync/ledgersync"
)

func TestValidateCompanyName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		valid bool
	}{
		// Accepted.
		{"ascii", "Acme", true},
		{"single letter", "A", true},
		{"single digit", "7", true},
		{"words", "Acme Trading Company", true},
		{"digits", "Shop 24", true},
		{"only digits", "123", true},
		{"punctuation", "Smith & Sons, Ltd.", true},
		{"apostrophe", "O'Brien's Bakery", true},
		{"hyphen", "Coca-Cola", true},
		{"at sign", "shop@home", true},
		{"question and bang", "What?! Store", true},
		{"all punctuation", "-'&@.,?!", true},
		{"leading and trailing space", " Acme ", true},
		{"accents", "Café Müller", true},
		{"nordic", "Ærøskøbing Bageri", true},
		{"decomposed accent", "Cafe\u0301", true},
		{"polish", "Zażółć gęślą jaźń", true},
		{"turkish", "İstanbul Şirketi", true},
		{"greek", "Ελληνική Εταιρεία", true},
		{"cyrillic", "Москва Трейд", true},
		{"hebrew with double quote", "חברה בע\"מ", false},
		{"hebrew letters", "חברה", true},
		{"arabic", "شركة المثال", true},
		{"arabic with harakat", "مَكْتَبَة", true},
		{"arabic-indic digits", "متجر ١٢٣", true},
		{"devanagari with marks", "कंपनी लिमिटेड", true},
		{"devanagari digits", "दुकान १२३", true},
		{"tamil", "தமிழ் நிறுவனம்", true},
		{"thai", "บริษัท ตัวอย่าง", true},
		{"cjk", "東京商事", true},
		{"chinese", "北京科技有限公司", true},
		{"japanese kana", "カタカナ ひらがな", true},
		{"korean", "한국 회사", true},
		{"fullwidth latin", "ＡＢＣ", true},
		{"100 ascii", strings.Repeat("a", 100), true},
		{"100 cjk", strings.Repeat("日", 100), true},
		{"100 accented", strings.Repeat("é", 100), true},
		{"99 letters and a space", strings.Repeat("a", 99) + " ", true},

		// Refused.
		{"empty", "", false},
		{"one space", " ", false},
		{"spaces", "     ", false},
		{"tab", "\t", false},
		{"newline only", "\n", false},
		{"101 ascii", strings.Repeat("a", 101), false},
		{"101 cjk", strings.Repeat("日", 101), false},
		{"101 accented", strings.Repeat("é", 101), false},
		{"100 letters and a space", strings.Repeat("a", 100) + " ", false},
		{"less than", "A<B", false},
		{"greater than", "A>B", false},
		{"script tag", "<script>alert(1)</script>", false},
		{"slash", "A/B", false},
		{"backslash", `A\B`, false},
		{"underscore", "Acme_Corp", false},
		{"hash", "Shop #1", false},
		{"percent", "50% Off", false},
		{"semicolon", "a;b", false},
		{"colon", "a:b", false},
		{"parentheses", "Acme (UK)", false},
		{"plus", "A+B", false},
		{"equals", "a=b", false},
		{"double quote", `The "Best"`, false},
		{"backtick", "a`b", false},
		{"dollar", "$hop", false},
		{"asterisk", "A*", false},
		{"pipe", "a|b", false},
		{"tilde", "a~b", false},
		{"brackets", "[Acme]", false},
		{"braces", "{Acme}", false},
		{"emoji", "Acme 😀", false},
		{"emoji only", "😀", false},
		{"flag emoji", "🇬🇧 Shop", false},
		{"heart", "I ♥ NY", false},
		{"trademark", "Acme™", false},
		{"inner tab", "Acme\tCorp", false},
		{"inner newline", "Acme\nCorp", false},
		{"carriage return", "Acme\r", false},
		{"nul", "Acme\x00", false},
		{"zero width space", "Ac\u200bme", false},
		{"right-to-left override", "Acme\u202eevil", false},
		{"invalid utf-8", "Acme\xff", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ledgersync.ValidateCompanyName(tt.in)
			if tt.valid {
				checkFieldError(t, err, "")
				return
			}
			checkFieldError(t, err, "name")
		})
	}
}

func TestSanitizeCompanyName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"unchanged", "Acme", "Acme"},
		{"unchanged punctuation", "Smith & Sons, Ltd.", "Smith & Sons, Ltd."},
		{"unchanged unicode", "Café Müller 東京 शॉप", "Café Müller 東京 शॉप"},
		{"trims", "  Acme  ", "Acme"},
		{"strips tags", "<b>Acme</b>", "bAcmeb"},
		{"strips script", "<script>alert(1)</script>", "scriptalert1script"},
		{"strips underscore and hash", "Acme_Corp #1", "AcmeCorp 1"},
		{"strips slashes", `a/b\c`, "abc"},
		{"strips controls", "\tAc\nme\r\x00", "Acme"},
		{"strips emoji inside", "Café 😀 Müller", "Café  Müller"},
		{"strips then trims", "## Acme ##", "Acme"},
		{"strips zero width", "Ac\u200bme", "Acme"},
		{"fallback empty", "", "Merchant"},
		{"fallback spaces", "    ", "Merchant"},
		{"fallback emoji", "😀😀😀", "Merchant"},
		{"fallback symbols", "___###///", "Merchant"},
		{"fallback symbols and spaces", " _ # / ", "Merchant"},
		{"fallback controls", "\t\r\n", "Merchant"},
		{"fallback invalid utf-8", "\xff\xfe", "Merchant"},
		{"truncates ascii", strings.Repeat("a", 150), strings.Repeat("a", 100)},
		{"truncates cjk", strings.Repeat("日", 150), strings.Repeat("日", 100)},
		{"keeps 100", strings.Repeat("b", 100), strings.Repeat("b", 100)},
		{"truncates after trimming", "   " + strings.Repeat("c", 101) + "   ", strings.Repeat("c", 100)},
		{"truncates after stripping", strings.Repeat("a_", 120), strings.Repeat("a", 100)},
		{"trims after truncating", strings.Repeat("a", 99) + " b", strings.Repeat("a", 99)},
		{"trims several after truncating", strings.Repeat("a", 97) + "    bbb", strings.Repeat("a", 97)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ledgersync.SanitizeCompanyName(tt.in)
			if got != tt.want {
				t.Fatalf("SanitizeCompanyName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if err := ledgersync.ValidateCompanyName(got); err != nil {
				t.Fatalf("ValidateCompanyName(SanitizeCompanyName(%q) = %q) = %v", tt.in, got, err)
			}
			if again := ledgersync.SanitizeCompanyName(got); again != got {
				t.Fatalf("SanitizeCompanyName is not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestSanitizeCompanyNameAlwaysValid(t *testing.T) {
	t.Parallel()
	inputs := []string{
		"", " ", "a", "<>", "日本", "a\u0301", "\u0301", "!!!", "..", "x" + strings.Repeat(" ", 200) + "y",
		strings.Repeat("é ", 80), strings.Repeat("😀a", 120), strings.Repeat(" ", 99) + "z",
	}
	for i, in := range inputs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			got := ledgersync.SanitizeCompanyName(in)
			if n := utf8.RuneCountInString(got); n < 1 || n > ledgersync.MaxCompanyNameLength {
				t.Fatalf("SanitizeCompanyName(%q) = %q has %d runes", in, got, n)
			}
			if strings.TrimSpace(got) != got {
				t.Fatalf("SanitizeCompanyName(%q) = %q is not trimmed", in, got)
			}
			if err := ledgersync.ValidateCompanyName(got); err != nil {
				t.Fatalf("ValidateCompanyName(SanitizeCompanyName(%q) = %q) = %v", in, got, err)
			}
		})
	}
}

func tags(n int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m[fmt.Sprintf("key%d", i)] = fmt.Sprintf("value%d", i)
	}
	return m
}

func TestCompanyCreateValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		c     ledgersync.CompanyCreate
		field string
	}{
		{"minimal", ledgersync.CompanyCreate{Name: "Acme"}, ""},
		{"full", ledgersync.CompanyCreate{Name: "Acme", Description: "A shop", MerchantIdentifier: "m-1", Tags: map[string]string{"region": "uk"}}, ""},

		// Name.
		{"name empty", ledgersync.CompanyCreate{}, "name"},
		{"name blank", ledgersync.CompanyCreate{Name: "   "}, "name"},
		{"name invalid rune", ledgersync.CompanyCreate{Name: "Acme_Corp"}, "name"},
		{"name too long", ledgersync.CompanyCreate{Name: strings.Repeat("a", 101)}, "name"},

		// Merchant identifier.
		{"merchant 200", ledgersync.CompanyCreate{Name: "Acme", MerchantIdentifier: strings.Repeat("m", 200)}, ""},
		{"merchant 200 multi-byte", ledgersync.CompanyCreate{Name: "Acme", MerchantIdentifier: strings.Repeat("日", 200)}, ""},
		{"merchant 201", ledgersync.CompanyCreate{Name: "Acme", MerchantIdentifier: strings.Repeat("m", 201)}, "merchantIdentifier"},
		{"merchant 201 multi-byte", ledgersync.CompanyCreate{Name: "Acme", MerchantIdentifier: strings.Repeat("é", 201)}, "merchantIdentifier"},

		// Tag count.
		{"no tags", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{}}, ""},
		{"10 tags", ledgersync.CompanyCreate{Name: "Acme", Tags: tags(10)}, ""},
		{"11 tags", ledgersync.CompanyCreate{Name: "Acme", Tags: tags(11)}, "tags"},
		{"50 tags", ledgersync.CompanyCreate{Name: "Acme", Tags: tags(50)}, "tags"},

		// Tag keys.
		{"key empty", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"": "v"}}, "tags"},
		{"key 1", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"k": "v"}}, ""},
		{"key 27", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{strings.Repeat("k", 27): "v"}}, ""},
		{"key 27 multi-byte", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{strings.Repeat("é", 27): "v"}}, ""},
		{"key 28", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{strings.Repeat("k", 28): "v"}}, "tags"},
		{"key 28 multi-byte", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{strings.Repeat("日", 28): "v"}}, "tags"},

		// Tag values.
		{"value empty", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"k": ""}}, ""},
		{"value 100", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"k": strings.Repeat("v", 100)}}, ""},
		{"value 100 multi-byte", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"k": strings.Repeat("日", 100)}}, ""},
		{"value 101", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"region": strings.Repeat("v", 101)}}, "tags.region"},
		{"value 101 multi-byte", ledgersync.CompanyCreate{Name: "Acme", Tags: map[string]string{"k": strings.Repeat("é", 101)}}, "tags.k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.c
			checkFieldError(t, c.Validate(), tt.field)
		})
	}
}
