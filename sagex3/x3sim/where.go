package x3sim

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// condition is one compiled "PROP op literal" test of a where clause.
type condition[T any] struct {
	prop    Property[T]
	holds   func(order int) bool
	literal Value
}

func (c condition[T]) matches(row *T) bool {
	return c.holds(compareValues(c.prop.kind, c.prop.get(row), c.literal))
}

var comparisons = map[string]func(int) bool{
	"eq": func(o int) bool { return o == 0 },
	"ne": func(o int) bool { return o != 0 },
	"lt": func(o int) bool { return o < 0 },
	"le": func(o int) bool { return o <= 0 },
	"gt": func(o int) bool { return o > 0 },
	"ge": func(o int) bool { return o >= 0 },
}

// parseWhere compiles the subset of the SData query language the simulator
// supports: comparisons (eq ne lt le gt ge) joined by "and", with 'string',
// number and @date@ / @datetime@ literals.
func parseWhere[T any](where string, sc schema[T], refuseDateTime bool) ([]condition[T], *apiError) {
	tokens, err := tokenize(where)
	if err != nil {
		return nil, err
	}
	var conds []condition[T]
	for i := 0; ; i += 4 {
		if len(tokens)-i < 3 {
			return nil, whereError("expected PROPERTY OPERATOR VALUE")
		}
		c, err := compileCondition(tokens[i], tokens[i+1], tokens[i+2], sc, refuseDateTime)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
		if i+3 == len(tokens) {
			return conds, nil
		}
		if tokens[i+3].kind != tokWord || !strings.EqualFold(tokens[i+3].text, "and") {
			return nil, whereError("expected 'and' after a condition, got '" + tokens[i+3].text + "'")
		}
	}
}

func compileCondition[T any](prop, op, lit token, sc schema[T], refuseDateTime bool) (condition[T], *apiError) {
	if prop.kind != tokWord {
		return condition[T]{}, whereError("expected a property name, got '" + prop.text + "'")
	}
	p, ok := sc.properties[prop.text]
	if !ok {
		return condition[T]{}, whereError("property '" + prop.text + "' is not available on this $query")
	}
	holds, ok := comparisons[strings.ToLower(op.text)]
	if op.kind != tokWord || !ok {
		return condition[T]{}, whereError("unsupported operator '" + op.text + "'")
	}
	if refuseDateTime && lit.kind == tokDate && strings.Contains(lit.text, "T") {
		return condition[T]{}, whereError("date-time literal @" + lit.text + "@ not supported: use a date @YYYY-MM-DD@")
	}
	v, err := literalFor(p.kind, prop.text, lit)
	if err != nil {
		return condition[T]{}, err
	}
	return condition[T]{prop: p, holds: holds, literal: v}, nil
}

// literalFor checks that a literal fits the property's type and converts it.
func literalFor(k kind, name string, lit token) (Value, *apiError) {
	switch {
	case k == kindString && lit.kind == tokString:
		return Value{s: lit.text}, nil
	case k == kindNumber && lit.kind == tokNumber:
		n, err := strconv.ParseFloat(lit.text, 64)
		if err != nil {
			return Value{}, whereError("bad number '" + lit.text + "'")
		}
		return Value{n: n}, nil
	case k == kindDate && lit.kind == tokDate:
		if _, err := time.Parse(time.DateOnly, lit.text); err != nil {
			return Value{}, whereError(name + " is a date: use @YYYY-MM-DD@")
		}
		return Value{s: lit.text}, nil
	case k == kindDateTime && lit.kind == tokDate:
		t, err := parseDateTimeLiteral(lit.text)
		if err != nil {
			return Value{}, whereError("bad date/time literal @" + lit.text + "@")
		}
		return Value{t: t}, nil
	}
	return Value{}, whereError("literal " + lit.text + " does not match the type of " + name)
}

// parseDateTimeLiteral accepts @2026-11-26T10:00:00Z@ (any RFC 3339 offset),
// a zone-less date-time taken as UTC, and a plain date meaning midnight UTC.
func parseDateTimeLiteral(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("not a date or date-time")
}

func whereError(msg string) *apiError {
	return badRequest(codeBadWhere, "where: "+msg)
}
