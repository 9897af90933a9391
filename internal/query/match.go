package query

import (
	"strings"
	"time"
)

// Match evaluates the expression in memory. value returns a record's value
// for a canonical field name: a string, a bool or a time.Time. As in the
// store's SQL, =, != and ~ ignore case, while < and > compare bytes.
func (e Expr) Match(value func(field string) any) bool {
	if e.Empty() {
		return true
	}
	for _, all := range e.Any {
		if matchAll(all, value) {
			return true
		}
	}
	return false
}

func matchAll(clauses []Clause, value func(string) any) bool {
	for _, c := range clauses {
		if !c.match(value(c.Field)) {
			return false
		}
	}
	return true
}

func (c Clause) match(v any) bool {
	switch v := v.(type) {
	case bool:
		return (v == c.Bool) == (c.Op == Eq)
	case time.Time:
		return compare(v.Compare(c.Time), c.Op)
	case string:
		a, b := strings.ToLower(v), strings.ToLower(c.Value)
		switch c.Op {
		case Contains:
			return strings.Contains(a, b)
		case Eq, Ne:
			return compare(strings.Compare(a, b), c.Op)
		}
		return compare(strings.Compare(v, c.Value), c.Op)
	}
	return false
}

func compare(cmp int, op Op) bool {
	switch op {
	case Eq:
		return cmp == 0
	case Ne:
		return cmp != 0
	case Gt:
		return cmp > 0
	case Lt:
		return cmp < 0
	case Ge:
		return cmp >= 0
	case Le:
		return cmp <= 0
	}
	return false
}
