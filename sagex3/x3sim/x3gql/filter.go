package x3gql

import (
	"fmt"
	"strings"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// condition is one compiled test of a filter; a row matches a filter
// when it passes every condition.
type condition[T any] func(row *T) bool

// gqlOperators are the filter operators of the Xtrem framework that the
// simulator evaluates; the others (_regex, _atLeast, …) are refused.
var gqlOperators = map[string]string{
	"_eq": "eq", "_ne": "ne", "_gt": "gt", "_gte": "ge", "_lt": "lt", "_lte": "le",
}

// compileFilter reads a filter argument such as
// "{_updateStamp:{_gte:'2026-11-26T10:00:00.000Z'}, purchaseSite:'DC01'}":
// properties joined by AND, each equal to a value or tested with
// operators; a reference may also be written {_id:'X'} or {code:'X'}.
func compileFilter[T any](arg *string, props map[string]x3sim.Property[T]) ([]condition[T], error) {
	if arg == nil || strings.TrimSpace(*arg) == "" {
		return nil, nil
	}
	parsed, err := parseJSONLike(*arg)
	if err != nil {
		return nil, &gqlFieldError{message: "Invalid filter: " + err.Error()}
	}
	return filterConditions(parsed, props)
}

func filterConditions[T any](parsed any, props map[string]x3sim.Property[T]) ([]condition[T], error) {
	fields, ok := parsed.([]jsonLikeField)
	if !ok {
		return nil, &gqlFieldError{message: "Invalid filter: expected an object"}
	}
	var conds []condition[T]
	for _, f := range fields {
		more, err := fieldConditions(f, props)
		if err != nil {
			return nil, err
		}
		conds = append(conds, more...)
	}
	return conds, nil
}

func fieldConditions[T any](f jsonLikeField, props map[string]x3sim.Property[T]) ([]condition[T], error) {
	if f.key == "_and" {
		return andConditions(f.value, props)
	}
	prop, ok := props[f.key]
	if !ok {
		return nil, &gqlFieldError{message: fmt.Sprintf("Invalid filter: unknown property %q", f.key)}
	}
	ops, isObject := f.value.([]jsonLikeField)
	if !isObject {
		c, err := filterCondition(f.key, prop, "_eq", f.value)
		return []condition[T]{c}, err
	}
	var conds []condition[T]
	for _, op := range ops {
		name := op.key
		if name == "_id" || name == "code" {
			name = "_eq" // a reference compared by its key
		}
		c, err := filterCondition(f.key, prop, name, op.value)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	return conds, nil
}

func andConditions[T any](v any, props map[string]x3sim.Property[T]) ([]condition[T], error) {
	list, ok := v.([]any)
	if !ok {
		return nil, &gqlFieldError{message: "Invalid filter: _and takes a list"}
	}
	var conds []condition[T]
	for _, item := range list {
		more, err := filterConditions(item, props)
		if err != nil {
			return nil, err
		}
		conds = append(conds, more...)
	}
	return conds, nil
}

func filterCondition[T any](name string, prop x3sim.Property[T], op string, literal any) (condition[T], error) {
	cmp, ok := gqlOperators[op]
	if !ok {
		return nil, &gqlFieldError{message: fmt.Sprintf("Invalid filter: unsupported operator %q on %s", op, name)}
	}
	v, err := prop.Literal(literal)
	if err != nil {
		return nil, &gqlFieldError{message: fmt.Sprintf("Invalid filter: %s: %v", name, err)}
	}
	holds, _ := prop.Holds(cmp, v) // every gqlOperators entry is an x3sim comparison
	return holds, nil
}

// compileOrderBy reads "{_updateStamp:+1}" or "{orderDate:-1,_id:1}".
func compileOrderBy[T any](arg *string, props map[string]x3sim.Property[T]) ([]sortTerm[T], error) {
	if arg == nil || strings.TrimSpace(*arg) == "" {
		return nil, nil
	}
	parsed, err := parseJSONLike(*arg)
	fields, ok := parsed.([]jsonLikeField)
	if err != nil || !ok {
		return nil, &gqlFieldError{message: "Invalid orderBy: expected an object such as {_id:1}"}
	}
	var terms []sortTerm[T]
	for _, f := range fields {
		prop, known := props[f.key]
		dir, isNumber := f.value.(float64)
		switch {
		case !known:
			return nil, &gqlFieldError{message: fmt.Sprintf("Invalid orderBy: unknown property %q", f.key)}
		case !isNumber || (dir != 1 && dir != -1):
			return nil, &gqlFieldError{message: fmt.Sprintf("Invalid orderBy: %s must be +1 or -1", f.key)}
		}
		terms = append(terms, sortTerm[T]{name: f.key, prop: prop, desc: dir < 0})
	}
	return terms, nil
}
