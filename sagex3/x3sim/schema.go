package x3sim

import (
	"cmp"
	"strings"
	"time"
)

// kind is the type of a property exposed by a $query facet.
type kind int

const (
	kindString kind = iota
	kindNumber
	kindDate     // "YYYY-MM-DD" strings: they sort as text
	kindDateTime // UPDDATTIM-style stamps
)

// Value holds one property value; which member is used depends on the
// property's kind. Package x3gql holds them for filters and cursors.
type Value struct {
	s string
	n float64
	t time.Time
}

func compareValues(k kind, a, b Value) int {
	switch k {
	case kindNumber:
		return cmp.Compare(a.n, b.n)
	case kindDateTime:
		return a.t.Compare(b.t)
	default:
		return strings.Compare(a.s, b.s)
	}
}

// Property is one column a $query facet exposes for where and orderBy;
// the GraphQL API (x3gql) filters and sorts on the same properties.
type Property[T any] struct {
	kind kind
	get  func(*T) Value
}

// schema lists the properties of a class's $query facet. Only these can be
// filtered or sorted, as on a real X3.
type schema[T any] struct {
	keyName    string
	key        func(*T) string
	properties map[string]Property[T]
}

// StringProp is a text property.
func StringProp[T any](get func(*T) string) Property[T] {
	return Property[T]{kind: kindString, get: func(r *T) Value { return Value{s: get(r)} }}
}

// DateProp is a YYYY-MM-DD date property; it sorts as text.
func DateProp[T any](get func(*T) string) Property[T] {
	return Property[T]{kind: kindDate, get: func(r *T) Value { return Value{s: get(r)} }}
}

// NumberProp is a numeric property.
func NumberProp[T any](get func(*T) float64) Property[T] {
	return Property[T]{kind: kindNumber, get: func(r *T) Value { return Value{n: get(r)} }}
}

// DateTimeProp is a date-time property (an update stamp).
func DateTimeProp[T any](get func(*T) time.Time) Property[T] {
	return Property[T]{kind: kindDateTime, get: func(r *T) Value { return Value{t: get(r)} }}
}
