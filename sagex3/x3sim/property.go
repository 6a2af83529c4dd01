package x3sim

import (
	"fmt"
	"strconv"
	"time"
)

// The methods package x3gql uses to filter, sort and page on the same
// properties api1's $query serves, without seeing how values are held.

// Of is the property's value in row.
func (p Property[T]) Of(row *T) Value { return p.get(row) }

// Compare orders two values of the property: -1, 0 or +1.
func (p Property[T]) Compare(a, b Value) int { return compareValues(p.kind, a, b) }

// Holds returns the test "property op literal" for op eq, ne, lt, le, gt
// or ge; ok is false for any other op.
func (p Property[T]) Holds(op string, literal Value) (test func(*T) bool, ok bool) {
	holds, ok := comparisons[op]
	if !ok {
		return nil, false
	}
	c := condition[T]{prop: p, holds: holds, literal: literal}
	return c.matches, true
}

// Literal reads a filter literal (a string or a float64, as a JSON-like
// argument holds it) as a value of the property.
func (p Property[T]) Literal(literal any) (Value, error) {
	switch p.kind {
	case kindNumber:
		switch n := literal.(type) {
		case float64:
			return Value{n: n}, nil
		case string:
			f, err := strconv.ParseFloat(n, 64)
			return Value{n: f}, err
		}
		return Value{}, fmt.Errorf("expected a number")
	case kindDateTime:
		s, _ := literal.(string)
		t, err := parseDateTimeLiteral(s)
		if err != nil {
			return Value{}, fmt.Errorf("expected an ISO 8601 date-time, got %v", literal)
		}
		return Value{t: t}, nil
	}
	s, ok := literal.(string)
	if !ok {
		return Value{}, fmt.Errorf("expected a string")
	}
	return Value{s: s}, nil
}

// Text writes a value of the property as text that ParseText reads back
// (a paging cursor carries it).
func (p Property[T]) Text(v Value) string {
	switch p.kind {
	case kindNumber:
		return strconv.FormatFloat(v.n, 'g', -1, 64)
	case kindDateTime:
		return v.t.UTC().Format(time.RFC3339Nano)
	}
	return v.s
}

// ParseText reads back what Text wrote.
func (p Property[T]) ParseText(s string) (Value, error) {
	switch p.kind {
	case kindNumber:
		n, err := strconv.ParseFloat(s, 64)
		return Value{n: n}, err
	case kindDateTime:
		t, err := time.Parse(time.RFC3339Nano, s)
		return Value{t: t}, err
	}
	return Value{s: s}, nil
}
