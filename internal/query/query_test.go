package query_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/query"
)

// fields is the set of queryable fields the tests parse against. The mixed
// case of the canonical names checks that lookups return them unchanged.
var fields = map[string]query.Kind{
	"name":               query.String,
	"status":             query.String,
	"id":                 query.String,
	"platform.key":       query.String,
	"lastSync":           query.Time,
	"sourceModifiedDate": query.Time,
	"isDeleted":          query.Bool,
}

const malformedText = "Error parsing query - Malformed query."

func str(field string, op query.Op, value string) query.Clause {
	return query.Clause{Field: field, Kind: query.String, Op: op, Value: value}
}

func tm(field string, op query.Op, value string, at time.Time) query.Clause {
	return query.Clause{Field: field, Kind: query.Time, Op: op, Value: value, Time: at}
}

func bl(field string, op query.Op, value string, b bool) query.Clause {
	return query.Clause{Field: field, Kind: query.Bool, Op: op, Value: value, Bool: b}
}

func utc(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
}

func clauseString(c query.Clause) string {
	return fmt.Sprintf("{Field:%q Kind:%d Op:%q Value:%q Time:%s Bool:%t}",
		c.Field, c.Kind, c.Op, c.Value, c.Time.Format(time.RFC3339Nano), c.Bool)
}

func exprString(e query.Expr) string {
	var or []string
	for _, all := range e.Any {
		var and []string
		for _, c := range all {
			and = append(and, clauseString(c))
		}
		or = append(or, "["+strings.Join(and, " && ")+"]")
	}
	return "{" + strings.Join(or, " || ") + "}"
}

func clauseEqual(a, b query.Clause) bool {
	return a.Field == b.Field && a.Kind == b.Kind && a.Op == b.Op && a.Value == b.Value &&
		a.Time.Equal(b.Time) && a.Time.Location() == b.Time.Location() && a.Bool == b.Bool
}

func exprEqual(a, b query.Expr) bool {
	if len(a.Any) != len(b.Any) {
		return false
	}
	for i := range a.Any {
		if len(a.Any[i]) != len(b.Any[i]) {
			return false
		}
		for j := range a.Any[i] {
			if !clauseEqual(a.Any[i][j], b.Any[i][j]) {
				return false
			}
		}
	}
	return true
}

func TestParseEmpty(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"", " ", "   ", "\t", "\n", " \t\r\n "} {
		t.Run(fmt.Sprintf("%q", q), func(t *testing.T) {
			t.Parallel()
			e, err := query.Parse(q, fields)
			if err != nil {
				t.Fatalf("Parse(%q) error = %v, want nil", q, err)
			}
			if !e.Empty() || len(e.Any) != 0 {
				t.Fatalf("Parse(%q) = %s, want empty", q, exprString(e))
			}
		})
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	d := utc(2024, time.January, 2, 0, 0, 0, 0)
	tests := []struct {
		name  string
		query string
		want  [][]query.Clause
	}{
		// Each operator on a string field.
		{"eq", "name=acme", [][]query.Clause{{str("name", query.Eq, "acme")}}},
		{"ne", "name!=acme", [][]query.Clause{{str("name", query.Ne, "acme")}}},
		{"contains", "name~acme", [][]query.Clause{{str("name", query.Contains, "acme")}}},
		{"gt", "name>acme", [][]query.Clause{{str("name", query.Gt, "acme")}}},
		{"lt", "name<acme", [][]query.Clause{{str("name", query.Lt, "acme")}}},
		{"ge", "name>=acme", [][]query.Clause{{str("name", query.Ge, "acme")}}},
		{"le", "name<=acme", [][]query.Clause{{str("name", query.Le, "acme")}}},

		// Whitespace around field, operator and value.
		{"spaces around eq", "name = acme", [][]query.Clause{{str("name", query.Eq, "acme")}}},
		{"spaces around ge", "  name  >=  acme  ", [][]query.Clause{{str("name", query.Ge, "acme")}}},
		{"spaces around ne", "name != acme", [][]query.Clause{{str("name", query.Ne, "acme")}}},
		{"spaces around joins", "name=a && status=b || id=c", [][]query.Clause{
			{str("name", query.Eq, "a"), str("status", query.Eq, "b")},
			{str("id", query.Eq, "c")},
		}},
		{"value with inner space", "name=Acme Ltd", [][]query.Clause{{str("name", query.Eq, "Acme Ltd")}}},
		{"unicode value", "name=Café Müller", [][]query.Clause{{str("name", query.Eq, "Café Müller")}}},
		{"dotted field", "platform.key=gbol", [][]query.Clause{{str("platform.key", query.Eq, "gbol")}}},

		// Precedence: && binds tighter than ||.
		{"or then and", "name=1||status=2&&id=3", [][]query.Clause{
			{str("name", query.Eq, "1")},
			{str("status", query.Eq, "2"), str("id", query.Eq, "3")},
		}},
		{"and then or", "name=1&&status=2||id=3", [][]query.Clause{
			{str("name", query.Eq, "1"), str("status", query.Eq, "2")},
			{str("id", query.Eq, "3")},
		}},
		{"three ors", "name=1||status=2||id=3", [][]query.Clause{
			{str("name", query.Eq, "1")},
			{str("status", query.Eq, "2")},
			{str("id", query.Eq, "3")},
		}},
		{"three ands", "name=1&&status=2&&id=3", [][]query.Clause{
			{str("name", query.Eq, "1"), str("status", query.Eq, "2"), str("id", query.Eq, "3")},
		}},
		{"and or and", "name=1&&status=2||id=3&&name=4", [][]query.Clause{
			{str("name", query.Eq, "1"), str("status", query.Eq, "2")},
			{str("id", query.Eq, "3"), str("name", query.Eq, "4")},
		}},

		// Quoted values keep separators and operators literally.
		{"double quoted", `name="acme"`, [][]query.Clause{{str("name", query.Eq, "acme")}}},
		{"single quoted", `name='acme'`, [][]query.Clause{{str("name", query.Eq, "acme")}}},
		{"quoted and", `name="a&&b"`, [][]query.Clause{{str("name", query.Eq, "a&&b")}}},
		{"quoted or", `name='a||b'`, [][]query.Clause{{str("name", query.Eq, "a||b")}}},
		{"quoted and or", `name="x || y && z"`, [][]query.Clause{{str("name", query.Eq, "x || y && z")}}},
		{"quoted operators", `name="a>=b<=c!=d~e"`, [][]query.Clause{{str("name", query.Eq, "a>=b<=c!=d~e")}}},
		{"quoted eq sign", `name!='a=b'`, [][]query.Clause{{str("name", query.Ne, "a=b")}}},
		{"quoted keeps spaces", `name="  padded  "`, [][]query.Clause{{str("name", query.Eq, "  padded  ")}}},
		{"double quotes inside single", `name='say "hi"'`, [][]query.Clause{{str("name", query.Eq, `say "hi"`)}}},
		{"single quote inside double", `name="O'Brien"`, [][]query.Clause{{str("name", query.Eq, "O'Brien")}}},
		{"quoted value then and", `name="a&&b"&&status='c||d'`, [][]query.Clause{
			{str("name", query.Eq, "a&&b"), str("status", query.Eq, "c||d")},
		}},
		{"quoted value then or", `name="a||b"||status="c"`, [][]query.Clause{
			{str("name", query.Eq, "a||b")},
			{str("status", query.Eq, "c")},
		}},

		// Field names match case-insensitively and map to canonical names.
		{"upper-case field", "NAME=acme", [][]query.Clause{{str("name", query.Eq, "acme")}}},
		{"mixed-case field", "StAtUs!=x", [][]query.Clause{{str("status", query.Ne, "x")}}},
		{"lower-case time field", "lastsync>2024-01-02", [][]query.Clause{{tm("lastSync", query.Gt, "2024-01-02", d)}}},
		{"upper-case time field", "SOURCEMODIFIEDDATE<=2024-01-02", [][]query.Clause{{tm("sourceModifiedDate", query.Le, "2024-01-02", d)}}},
		{"lower-case bool field", "isdeleted=true", [][]query.Clause{{bl("isDeleted", query.Eq, "true", true)}}},
		{"upper-case dotted field", "PLATFORM.KEY=x", [][]query.Clause{{str("platform.key", query.Eq, "x")}}},

		// Bool fields.
		{"bool true", "isDeleted=true", [][]query.Clause{{bl("isDeleted", query.Eq, "true", true)}}},
		{"bool false", "isDeleted=false", [][]query.Clause{{bl("isDeleted", query.Eq, "false", false)}}},
		{"bool upper case", "isDeleted=TRUE", [][]query.Clause{{bl("isDeleted", query.Eq, "TRUE", true)}}},
		{"bool mixed case false", "isDeleted=False", [][]query.Clause{{bl("isDeleted", query.Eq, "False", false)}}},
		{"bool ne", "isDeleted!=true", [][]query.Clause{{bl("isDeleted", query.Ne, "true", true)}}},
		{"bool quoted", `isDeleted="false"`, [][]query.Clause{{bl("isDeleted", query.Eq, "false", false)}}},

		// Time fields: every comparison operator except ~.
		{"time eq", "lastSync=2024-01-02", [][]query.Clause{{tm("lastSync", query.Eq, "2024-01-02", d)}}},
		{"time ne", "lastSync!=2024-01-02", [][]query.Clause{{tm("lastSync", query.Ne, "2024-01-02", d)}}},
		{"time gt", "lastSync>2024-01-02", [][]query.Clause{{tm("lastSync", query.Gt, "2024-01-02", d)}}},
		{"time lt", "lastSync<2024-01-02", [][]query.Clause{{tm("lastSync", query.Lt, "2024-01-02", d)}}},
		{"time ge", "lastSync>=2024-01-02", [][]query.Clause{{tm("lastSync", query.Ge, "2024-01-02", d)}}},
		{"time le", "lastSync<=2024-01-02", [][]query.Clause{{tm("lastSync", query.Le, "2024-01-02", d)}}},
		{"date-time Z", "lastSync>2024-01-02T10:20:30Z", [][]query.Clause{{
			tm("lastSync", query.Gt, "2024-01-02T10:20:30Z", utc(2024, time.January, 2, 10, 20, 30, 0)),
		}}},
		{"date-time with positive offset", "lastSync>2024-01-02T10:20:30+02:00", [][]query.Clause{{
			tm("lastSync", query.Gt, "2024-01-02T10:20:30+02:00", utc(2024, time.January, 2, 8, 20, 30, 0)),
		}}},
		{"date-time with negative offset", "lastSync>2024-01-02T22:00:00-05:00", [][]query.Clause{{
			tm("lastSync", query.Gt, "2024-01-02T22:00:00-05:00", utc(2024, time.January, 3, 3, 0, 0, 0)),
		}}},
		{"date-time without offset is UTC", "lastSync<2024-01-02T10:20:30", [][]query.Clause{{
			tm("lastSync", query.Lt, "2024-01-02T10:20:30", utc(2024, time.January, 2, 10, 20, 30, 0)),
		}}},
		{"date-time with fraction", "lastSync>=2024-01-02T10:20:30.123Z", [][]query.Clause{{
			tm("lastSync", query.Ge, "2024-01-02T10:20:30.123Z", utc(2024, time.January, 2, 10, 20, 30, 123000000)),
		}}},
		{"date-time with fraction without offset", "lastSync>=2024-01-02T10:20:30.5", [][]query.Clause{{
			tm("lastSync", query.Ge, "2024-01-02T10:20:30.5", utc(2024, time.January, 2, 10, 20, 30, 500000000)),
		}}},
		{"quoted date-time", `lastSync>"2024-01-02T10:20:30Z"`, [][]query.Clause{{
			tm("lastSync", query.Gt, "2024-01-02T10:20:30Z", utc(2024, time.January, 2, 10, 20, 30, 0)),
		}}},
		{"time range", "lastSync>=2024-01-01&&lastSync<2024-02-01", [][]query.Clause{{
			tm("lastSync", query.Ge, "2024-01-01", utc(2024, time.January, 1, 0, 0, 0, 0)),
			tm("lastSync", query.Lt, "2024-02-01", utc(2024, time.February, 1, 0, 0, 0, 0)),
		}}},

		// Mixed kinds.
		{"mixed kinds", "name~acme&&isDeleted=false||lastSync>2024-01-02", [][]query.Clause{
			{str("name", query.Contains, "acme"), bl("isDeleted", query.Eq, "false", false)},
			{tm("lastSync", query.Gt, "2024-01-02", d)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := query.Parse(tt.query, fields)
			if err != nil {
				t.Fatalf("Parse(%q) error = %v (%#v), want nil", tt.query, err, err)
			}
			want := query.Expr{Any: tt.want}
			if !exprEqual(got, want) {
				t.Fatalf("Parse(%q)\n got  %s\n want %s", tt.query, exprString(got), exprString(want))
			}
			if got.Empty() {
				t.Fatalf("Parse(%q).Empty() = true, want false", tt.query)
			}
		})
	}
}

func TestParseTimeIsUTC(t *testing.T) {
	t.Parallel()
	for _, q := range []string{
		"lastSync>2024-01-02",
		"lastSync>2024-01-02T10:20:30",
		"lastSync>2024-01-02T10:20:30Z",
		"lastSync>2024-01-02T10:20:30+05:30",
		"lastSync>2024-01-02T10:20:30-08:00",
	} {
		t.Run(q, func(t *testing.T) {
			t.Parallel()
			e, err := query.Parse(q, fields)
			if err != nil {
				t.Fatalf("Parse(%q) error = %v", q, err)
			}
			got := e.Any[0][0].Time
			if got.Location() != time.UTC {
				t.Fatalf("Parse(%q) time location = %v, want UTC", q, got.Location())
			}
			if got.IsZero() {
				t.Fatalf("Parse(%q) time is zero", q)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
		// detail, if set, must appear in the *query.Error's Detail.
		detail string
	}{
		// Unknown or missing field.
		{"unknown field", "foo=1", "foo"},
		{"unknown field among known", "name=1&&bogus=2", "bogus"},
		{"unknown field after or", "name=1||bogus=2", "bogus"},
		{"field prefix only", "nam=1", "nam"},
		{"field with trailing text", "namex=1", "namex"},
		{"missing field", "=acme", ""},
		{"operator only", ">=", ""},
		{"parenthesis", "(name=1)", ""},
		{"parenthesised or", "(name=1||status=2)&&id=3", ""},
		{"empty clause after and", "name=1&&", ""},
		{"empty clause before and", "&&name=1", ""},
		{"empty clause after or", "name=1||", ""},
		{"empty clause before or", "||name=1", ""},
		{"double and", "name=1&&&&status=2", ""},
		{"double or", "name=1||||status=2", ""},
		{"only and", "&&", ""},
		{"only or", "||", ""},
		{"blank clause", "name=1&&   &&status=2", ""},

		// Missing operator.
		{"no operator", "name acme", ""},
		{"field only", "name", ""},
		{"field only spaces", "  name  ", ""},
		{"unknown operator", "name:acme", ""},
		{"single bang", "name!acme", ""},
		{"word operator", "name eq acme", ""},
		{"missing operator in second clause", "name=1&&status", ""},

		// Missing value.
		{"missing value eq", "name=", "missing value"},
		{"missing value spaces", "name=   ", "missing value"},
		{"missing value ne", "name!=", ""},
		{"missing value ge", "name>=", ""},
		{"missing value contains", "name~", ""},
		{"missing value then and", "name=&&status=1", ""},
		{"missing value then or", "name=||status=1", ""},
		{"missing value time", "lastSync>", ""},
		{"missing value bool", "isDeleted=", ""},

		// Quotes.
		{"unterminated double quote", `name="acme`, "unterminated"},
		{"unterminated single quote", `name='acme`, "unterminated"},
		{"mismatched quotes", `name="acme'`, "unterminated"},
		{"mismatched quotes reversed", `name='acme"`, "unterminated"},
		{"unterminated swallows and", `name="a&&status=1`, "unterminated"},
		{"unterminated swallows or", `name='a||status=1`, "unterminated"},
		{"unterminated in second clause", `name=a&&status="b`, "unterminated"},
		{"lone double quote", `name="`, ""},
		{"lone single quote", `name='`, ""},
		{"stray quote in value", `name=ac"me`, ""},
		{"stray trailing quote", `name=acme'`, ""},

		// Time fields.
		{"contains on time", "lastSync~2024-01-02", "~"},
		{"contains on time upper-case field", "LASTSYNC~2024", ""},
		{"time not a date", "lastSync>yesterday", ""},
		{"time invalid month", "lastSync>2024-13-01", ""},
		{"time invalid day", "lastSync>2024-02-30", ""},
		{"time without seconds", "lastSync>2024-01-02T10:20", ""},
		{"time with space separator", "lastSync>2024-01-02 10:20:30", ""},
		{"time unix seconds", "lastSync>1704153600", ""},
		{"time quoted empty", `lastSync>""`, ""},
		{"time slashes", "lastSync>2024/01/02", ""},

		// Bool fields.
		{"bool gt", "isDeleted>true", ""},
		{"bool lt", "isDeleted<false", ""},
		{"bool ge", "isDeleted>=true", ""},
		{"bool le", "isDeleted<=true", ""},
		{"bool contains", "isDeleted~true", ""},
		{"bool yes", "isDeleted=yes", ""},
		{"bool one", "isDeleted=1", ""},
		{"bool quoted empty", `isDeleted=""`, ""},

		// An error anywhere fails the whole query.
		{"bad clause last", "name=1&&status=2||id=3&&isDeleted>true", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := query.Parse(tt.query, fields)
			if err == nil {
				t.Fatalf("Parse(%q) = %s, want error", tt.query, exprString(e))
			}
			if !errors.Is(err, query.ErrMalformed) {
				t.Errorf("Parse(%q) error %v: errors.Is(err, ErrMalformed) = false", tt.query, err)
			}
			if got := err.Error(); got != malformedText {
				t.Errorf("Parse(%q) error text = %q, want %q", tt.query, got, malformedText)
			}
			var qe *query.Error
			if !errors.As(err, &qe) {
				t.Fatalf("Parse(%q) error %T is not a *query.Error", tt.query, err)
			}
			if qe.Detail == "" {
				t.Errorf("Parse(%q) error has an empty Detail", tt.query)
			}
			if tt.detail != "" && !strings.Contains(qe.Detail, tt.detail) {
				t.Errorf("Parse(%q) Detail = %q, want it to mention %q", tt.query, qe.Detail, tt.detail)
			}
			if !e.Empty() {
				t.Errorf("Parse(%q) returned %s alongside the error, want a zero Expr", tt.query, exprString(e))
			}
		})
	}
}

func TestErrMalformed(t *testing.T) {
	t.Parallel()
	if got := query.ErrMalformed.Error(); got != malformedText {
		t.Fatalf("ErrMalformed = %q, want %q", got, malformedText)
	}
	err := &query.Error{Detail: "something"}
	if got := err.Error(); got != malformedText {
		t.Fatalf("(*Error).Error() = %q, want %q", got, malformedText)
	}
	if !errors.Is(err, query.ErrMalformed) {
		t.Fatal("errors.Is(*Error, ErrMalformed) = false")
	}
	if !errors.Is(fmt.Errorf("list: %w", err), query.ErrMalformed) {
		t.Fatal("errors.Is(wrapped *Error, ErrMalformed) = false")
	}
}

func TestParseNilFields(t *testing.T) {
	t.Parallel()
	if _, err := query.Parse("name=1", nil); !errors.Is(err, query.ErrMalformed) {
		t.Fatalf("Parse with no fields: error = %v, want ErrMalformed", err)
	}
	if e, err := query.Parse("", nil); err != nil || !e.Empty() {
		t.Fatalf("Parse(\"\", nil) = %s, %v; want empty, nil", exprString(e), err)
	}
}

func TestParseTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-01-02", utc(2024, time.January, 2, 0, 0, 0, 0), true},
		{"2024-02-29", utc(2024, time.February, 29, 0, 0, 0, 0), true},
		{"2024-01-02T03:04:05Z", utc(2024, time.January, 2, 3, 4, 5, 0), true},
		{"2024-01-02T03:04:05.000000001Z", utc(2024, time.January, 2, 3, 4, 5, 1), true},
		{"2024-01-02T03:04:05+01:00", utc(2024, time.January, 2, 2, 4, 5, 0), true},
		{"2024-01-02T00:30:00+01:00", utc(2024, time.January, 1, 23, 30, 0, 0), true},
		{"2024-01-02T03:04:05-00:30", utc(2024, time.January, 2, 3, 34, 5, 0), true},
		{"2024-01-02T03:04:05", utc(2024, time.January, 2, 3, 4, 5, 0), true},
		{"2024-01-02T03:04:05.25", utc(2024, time.January, 2, 3, 4, 5, 250000000), true},
		{"", time.Time{}, false},
		{"today", time.Time{}, false},
		{"2023-02-29", time.Time{}, false},
		{"2024-1-2", time.Time{}, false},
		{"02/01/2024", time.Time{}, false},
		{"2024-01-02T03:04", time.Time{}, false},
		{"2024-01-02T03:04:05+0100", time.Time{}, false},
		{" 2024-01-02", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := query.ParseTime(tt.in)
			if !tt.ok {
				if err == nil {
					t.Fatalf("ParseTime(%q) = %v, want error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTime(%q) error = %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Fatalf("ParseTime(%q) = %v, want %v in UTC", tt.in, got, tt.want)
			}
		})
	}
}

type record map[string]any

func (r record) value(field string) any { return r[field] }

func TestMatch(t *testing.T) {
	t.Parallel()
	jan1 := utc(2024, time.January, 1, 0, 0, 0, 0)
	jan2 := utc(2024, time.January, 2, 0, 0, 0, 0)
	jan3 := utc(2024, time.January, 3, 0, 0, 0, 0)
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name  string
		query string
		rec   record
		want  bool
	}{
		// Strings compare case-insensitively.
		{"eq same", "name=acme", record{"name": "acme"}, true},
		{"eq different case", "name=acme", record{"name": "ACME"}, true},
		{"eq different case in query", "name=AcMe", record{"name": "aCmE"}, true},
		{"eq unicode case", "name=café", record{"name": "CAFÉ"}, true},
		{"eq different", "name=acme", record{"name": "acme ltd"}, false},
		{"eq quoted", `name="Acme && Co"`, record{"name": "acme && co"}, true},
		{"ne same", "name!=acme", record{"name": "Acme"}, false},
		{"ne different", "name!=acme", record{"name": "globex"}, true},
		{"contains", "name~CM", record{"name": "acme ltd"}, true},
		{"contains whole", "name~acme ltd", record{"name": "ACME LTD"}, true},
		{"contains missing", "name~xyz", record{"name": "acme"}, false},
		{"contains empty record value", "name~a", record{"name": ""}, false},
		// Ordering compares bytes, as the SQL rendering does: "B" < "a".
		{"gt", "name>b", record{"name": "c"}, true},
		{"gt upper is less", "name>b", record{"name": "C"}, false},
		{"gt equal", "name>b", record{"name": "b"}, false},
		{"gt less", "name>b", record{"name": "a"}, false},
		{"lt", "name<b", record{"name": "a"}, true},
		{"lt upper is less", "name<a", record{"name": "B"}, true},
		{"lt equal", "name<b", record{"name": "b"}, false},
		{"ge equal", "name>=acme", record{"name": "acme"}, true},
		{"ge other case", "name>=acme", record{"name": "ACME"}, false},
		{"ge greater", "name>=acme", record{"name": "globex"}, true},
		{"ge less", "name>=globex", record{"name": "acme"}, false},
		{"le equal", "name<=acme", record{"name": "acme"}, true},
		{"le greater", "name<=acme", record{"name": "b"}, false},

		// Bools.
		{"bool eq true", "isDeleted=true", record{"isDeleted": true}, true},
		{"bool eq true on false", "isDeleted=true", record{"isDeleted": false}, false},
		{"bool eq false", "isDeleted=false", record{"isDeleted": false}, true},
		{"bool eq false on true", "isDeleted=FALSE", record{"isDeleted": true}, false},
		{"bool ne true", "isDeleted!=true", record{"isDeleted": false}, true},
		{"bool ne true on true", "isDeleted!=true", record{"isDeleted": true}, false},
		{"bool ne false", "isDeleted!=false", record{"isDeleted": true}, true},

		// Times compare as instants.
		{"time gt after", "lastSync>2024-01-01", record{"lastSync": jan2}, true},
		{"time gt equal", "lastSync>2024-01-01", record{"lastSync": jan1}, false},
		{"time gt before", "lastSync>2024-01-02", record{"lastSync": jan1}, false},
		{"time lt before", "lastSync<2024-01-02", record{"lastSync": jan1}, true},
		{"time lt equal", "lastSync<2024-01-02", record{"lastSync": jan2}, false},
		{"time ge equal", "lastSync>=2024-01-02", record{"lastSync": jan2}, true},
		{"time le equal", "lastSync<=2024-01-02", record{"lastSync": jan2}, true},
		{"time le after", "lastSync<=2024-01-02", record{"lastSync": jan3}, false},
		{"time eq", "lastSync=2024-01-02T00:00:00Z", record{"lastSync": jan2}, true},
		{"time ne", "lastSync!=2024-01-02", record{"lastSync": jan3}, true},
		{"time ne equal", "lastSync!=2024-01-02", record{"lastSync": jan2}, false},
		{"time eq across offsets", "lastSync=2024-01-02T02:00:00+02:00", record{"lastSync": jan2}, true},
		{"time record in other zone", "lastSync=2024-01-02", record{"lastSync": jan2.In(paris)}, true},
		{"time without offset is UTC", "lastSync=2024-01-02T01:00:00", record{"lastSync": time.Date(2024, time.January, 2, 2, 0, 0, 0, paris)}, true},
		{"time nanosecond later", "lastSync>2024-01-02", record{"lastSync": jan2.Add(time.Nanosecond)}, true},
		{"time range inside", "lastSync>=2024-01-01&&lastSync<2024-01-03", record{"lastSync": jan2}, true},
		{"time range outside", "lastSync>=2024-01-01&&lastSync<2024-01-03", record{"lastSync": jan3}, false},

		// Conjunctions and disjunctions.
		{"and both", "name=a&&status=b", record{"name": "a", "status": "b"}, true},
		{"and one", "name=a&&status=b", record{"name": "a", "status": "x"}, false},
		{"or first", "name=a||status=b", record{"name": "a", "status": "x"}, true},
		{"or second", "name=a||status=b", record{"name": "x", "status": "b"}, true},
		{"or neither", "name=a||status=b", record{"name": "x", "status": "x"}, false},
		{"precedence first disjunct", "name=a||status=b&&id=c", record{"name": "a", "status": "x", "id": "x"}, true},
		{"precedence second disjunct", "name=a||status=b&&id=c", record{"name": "x", "status": "b", "id": "c"}, true},
		{"precedence half of second", "name=a||status=b&&id=c", record{"name": "x", "status": "b", "id": "x"}, false},
		{"mixed kinds", "name~acme&&isDeleted=false||lastSync>2024-01-02", record{"name": "Acme", "isDeleted": true, "lastSync": jan3}, true},
		{"mixed kinds none", "name~acme&&isDeleted=false||lastSync>2024-01-02", record{"name": "Acme", "isDeleted": true, "lastSync": jan1}, false},

		// Values the record lacks match nothing.
		{"missing string", "name=acme", record{}, false},
		{"missing string ne", "name!=acme", record{}, false},
		{"missing bool", "isDeleted=false", record{}, false},
		{"missing time", "lastSync<2024-01-02", record{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := query.Parse(tt.query, fields)
			if err != nil {
				t.Fatalf("Parse(%q) error = %v", tt.query, err)
			}
			if got := e.Match(tt.rec.value); got != tt.want {
				t.Fatalf("Parse(%q).Match(%v) = %t, want %t", tt.query, tt.rec, got, tt.want)
			}
		})
	}
}

func TestMatchEmpty(t *testing.T) {
	t.Parallel()
	never := func(t *testing.T) func(string) any {
		return func(field string) any {
			t.Errorf("empty Expr asked for field %q", field)
			return nil
		}
	}
	tests := []struct {
		name string
		expr func(t *testing.T) query.Expr
	}{
		{"zero Expr", func(*testing.T) query.Expr { return query.Expr{} }},
		{"empty Any", func(*testing.T) query.Expr { return query.Expr{Any: [][]query.Clause{}} }},
		{"parsed empty", func(t *testing.T) query.Expr {
			e, err := query.Parse("", fields)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}},
		{"parsed blank", func(t *testing.T) query.Expr {
			e, err := query.Parse("   ", fields)
			if err != nil {
				t.Fatal(err)
			}
			return e
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := tt.expr(t)
			if !e.Empty() {
				t.Fatal("Empty() = false, want true")
			}
			if !e.Match(never(t)) {
				t.Fatal("Match = false, want true for an empty Expr")
			}
		})
	}
}
