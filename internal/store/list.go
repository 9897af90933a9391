package store

import (
	"context"
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

// page is one page of a list endpoint: the rows of from that scope
// (whose one argument is arg) and the list's filter select, in the list's
// order.
type page struct {
	name    string // what is listed, for errors
	columns string
	from    string
	scope   string
	arg     any
	list    *sqlList
	opts    ledgersync.ListOptions
}

// findPage reads one page and the number of rows matching in all.
func findPage[T any](ctx context.Context, s *Store, p page, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, int, error) {
	args := append([]any{p.arg}, p.list.args...)
	where := ` WHERE ` + p.scope + p.list.where
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+p.from+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count %s: %w", p.name, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+p.columns+` FROM `+p.from+where+p.list.orderBy+
		fmt.Sprintf(" LIMIT %d OFFSET %d", p.opts.PageSize, p.opts.Offset()), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find %s: %w", p.name, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: find %s: %w", p.name, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: find %s: %w", p.name, err)
	}
	return out, total, nil
}
