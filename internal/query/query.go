// Package query parses the subset of Codat's query language that list
// endpoints accept: clauses "field op value" joined by && and ||, where &&
// binds tighter, with no parentheses. Values may be quoted.
package query

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind is the type of a queryable field; it decides how values parse and
// which operators apply.
type Kind int

// The field kinds.
const (
	String Kind = iota
	Time
	Bool
)

// Op is a comparison operator.
type Op string

// The operators of the language; Contains is "~".
const (
	Eq       Op = "="
	Ne       Op = "!="
	Contains Op = "~"
	Gt       Op = ">"
	Lt       Op = "<"
	Ge       Op = ">="
	Le       Op = "<="
)

// operators is ordered so that two-character operators match first.
var operators = []Op{Ne, Ge, Le, Eq, Contains, Gt, Lt}

// Clause is one comparison. Field is the canonical field name; Value holds
// the raw value, and Time or Bool its parsed form for those kinds.
type Clause struct {
	Field string
	Kind  Kind
	Op    Op
	Value string
	Time  time.Time
	Bool  bool
}

// Expr is a disjunction of conjunctions: Any[i] holds clauses that must all
// hold. A zero Expr matches everything.
type Expr struct {
	Any [][]Clause
}

// Empty reports whether the expression filters nothing.
func (e Expr) Empty() bool { return len(e.Any) == 0 }

// ErrMalformed is the contract's message for any query it cannot parse.
//
//lint:ignore ST1005 the contract fixes this exact text, full stop included.
var ErrMalformed = errors.New("Error parsing query - Malformed query.")

// Error explains why a query was refused; its Error() is the contract's
// message and Detail says what was wrong.
type Error struct{ Detail string }

func (e *Error) Error() string { return ErrMalformed.Error() }

// Unwrap lets errors.Is match ErrMalformed.
func (e *Error) Unwrap() error { return ErrMalformed }

func malformed(format string, args ...any) error {
	return &Error{Detail: fmt.Sprintf(format, args...)}
}

// Parse parses q against the queryable fields, whose names match
// case-insensitively.
func Parse(q string, fields map[string]Kind) (Expr, error) {
	var e Expr
	if strings.TrimSpace(q) == "" {
		return e, nil
	}
	for _, disjunct := range splitOutsideQuotes(q, "||") {
		var all []Clause
		for _, text := range splitOutsideQuotes(disjunct, "&&") {
			c, err := parseClause(text, fields)
			if err != nil {
				return Expr{}, err
			}
			all = append(all, c)
		}
		e.Any = append(e.Any, all)
	}
	return e, nil
}

func parseClause(text string, fields map[string]Kind) (Clause, error) {
	text = strings.TrimSpace(text)
	end := 0
	for end < len(text) && isNameByte(text[end]) {
		end++
	}
	name := text[:end]
	if name == "" {
		return Clause{}, malformed("clause %q has no field name", text)
	}
	field, kind, ok := lookup(fields, name)
	if !ok {
		return Clause{}, malformed("%s is not a queryable field", name)
	}
	rest := strings.TrimSpace(text[end:])
	var op Op
	for _, o := range operators {
		if strings.HasPrefix(rest, string(o)) {
			op = o
			break
		}
	}
	if op == "" {
		return Clause{}, malformed("clause %q has no operator", text)
	}
	value, err := unquote(strings.TrimSpace(rest[len(op):]))
	if err != nil {
		return Clause{}, err
	}
	c := Clause{Field: field, Kind: kind, Op: op, Value: value}
	return c, c.parseValue()
}

func (c *Clause) parseValue() error {
	switch c.Kind {
	case Time:
		if c.Op == Contains {
			return malformed("~ does not apply to %s", c.Field)
		}
		t, err := ParseTime(c.Value)
		if err != nil {
			return malformed("%s needs a date or date-time", c.Field)
		}
		c.Time = t
	case Bool:
		if c.Op != Eq && c.Op != Ne {
			return malformed("%s can only be compared with = or !=", c.Field)
		}
		switch strings.ToLower(c.Value) {
		case "true":
			c.Bool = true
		case "false":
		default:
			return malformed("%s needs true or false", c.Field)
		}
	}
	return nil
}

// ParseTime reads an RFC 3339 date-time, a date-time without offset (UTC)
// or a date.
func ParseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("query: %q is not a date-time", s)
}

func lookup(fields map[string]Kind, name string) (string, Kind, bool) {
	for f, k := range fields {
		if strings.EqualFold(f, name) {
			return f, k, true
		}
	}
	return "", 0, false
}

func isNameByte(b byte) bool {
	return b == '_' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func unquote(v string) (string, error) {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
		if v[len(v)-1] != v[0] {
			return "", malformed("unterminated quote in %s", v)
		}
		return v[1 : len(v)-1], nil
	}
	if strings.ContainsAny(v, `"'`) {
		return "", malformed("stray quote in %s", v)
	}
	if v == "" {
		return "", malformed("missing value")
	}
	return v, nil
}

// splitOutsideQuotes splits s on sep where sep is not inside quotes.
func splitOutsideQuotes(s, sep string) []string {
	var parts []string
	var quote byte
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case strings.HasPrefix(s[i:], sep):
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}
