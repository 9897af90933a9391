package store

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/query"
)

// listable describes a list endpoint's queryable fields: the API name of
// each, its kind, and the column behind it.
type listable map[string]listField

type listField struct {
	kind   query.Kind
	column string
}

func (l listable) kinds() map[string]query.Kind {
	m := make(map[string]query.Kind, len(l))
	for name, f := range l {
		m[name] = f.kind
	}
	return m
}

// sqlList is the WHERE and ORDER BY of one page, with its arguments.
type sqlList struct {
	where   string
	orderBy string
	args    []any
}

// buildList turns the contract's query and orderBy into SQL. Arguments are
// numbered after the first `taken` ones the caller already uses.
func (s *Store) buildList(l listable, o ledgersync.ListOptions, taken int) (*sqlList, error) {
	expr, err := query.Parse(o.Query, l.kinds())
	if err != nil {
		var qe *query.Error
		if errors.As(err, &qe) {
			return nil, &ledgersync.Error{Code: ledgersync.EInvalid, Message: qe.Error(), Field: "query"}
		}
		return nil, err
	}
	out := &sqlList{}
	next := func(v any) string {
		out.args = append(out.args, v)
		return fmt.Sprintf("$%d", taken+len(out.args))
	}
	var ors []string
	for _, all := range expr.Any {
		var ands []string
		for _, c := range all {
			ands = append(ands, s.clauseSQL(l[c.Field].column, c, next))
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	if len(ors) > 0 {
		out.where = " AND (" + strings.Join(ors, " OR ") + ")"
	}
	out.orderBy, err = s.orderSQL(l, o.OrderBy)
	return out, err
}

func (s *Store) clauseSQL(col string, c query.Clause, next func(any) string) string {
	op := string(c.Op)
	if c.Op == query.Ne {
		op = "<>"
	}
	switch c.Kind {
	case query.Time:
		return col + " " + op + " " + next(dbTime(c.Time))
	case query.Bool:
		return col + " " + op + " " + next(c.Bool)
	}
	switch c.Op {
	case query.Contains:
		return s.dialect.fold + "(" + col + ") LIKE " + next("%"+escapeLike(strings.ToLower(c.Value))+"%") + ` ESCAPE '\'`
	case query.Eq, query.Ne:
		return s.dialect.fold + "(" + col + ") " + op + " " + next(strings.ToLower(c.Value))
	}
	return col + s.dialect.collate + " " + op + " " + next(c.Value)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// orderSQL reads "field" or "-field"; the default and the tie-breaker is
// creation time, then id.
func (s *Store) orderSQL(l listable, orderBy string) (string, error) {
	const tail = "created_at, id"
	if orderBy == "" {
		return " ORDER BY " + tail, nil
	}
	dir, name := "ASC", orderBy
	if strings.HasPrefix(name, "-") {
		dir, name = "DESC", name[1:]
	}
	for field, f := range l {
		if strings.EqualFold(field, name) {
			col := f.column
			if f.kind == query.String {
				col += s.dialect.collate
			}
			return " ORDER BY " + col + " " + dir + ", " + tail, nil
		}
	}
	return "", ledgersync.FieldError("orderBy", "orderBy must name one of the queryable fields, optionally prefixed with -.")
}
