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

// value holds one property value; which member is used depends on the kind.
type value struct {
	s string
	n float64
	t time.Time
}

func compareValues(k kind, a, b value) int {
	switch k {
	case kindNumber:
		return cmp.Compare(a.n, b.n)
	case kindDateTime:
		return a.t.Compare(b.t)
	default:
		return strings.Compare(a.s, b.s)
	}
}

// property is one column a $query facet exposes for where and orderBy.
type property[T any] struct {
	kind kind
	get  func(*T) value
}

// schema lists the properties of a class's $query facet. Only these can be
// filtered or sorted, as on a real X3.
type schema[T any] struct {
	keyName    string
	key        func(*T) string
	properties map[string]property[T]
}

func stringProp[T any](get func(*T) string) property[T] {
	return property[T]{kind: kindString, get: func(r *T) value { return value{s: get(r)} }}
}

func dateProp[T any](get func(*T) string) property[T] {
	return property[T]{kind: kindDate, get: func(r *T) value { return value{s: get(r)} }}
}

func numberProp[T any](get func(*T) float64) property[T] {
	return property[T]{kind: kindNumber, get: func(r *T) value { return value{n: get(r)} }}
}

func dateTimeProp[T any](get func(*T) time.Time) property[T] {
	return property[T]{kind: kindDateTime, get: func(r *T) value { return value{t: get(r)} }}
}
