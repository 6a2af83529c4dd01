package tui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// noMatch is a state no document has: a filter asking for a state its
// view excludes shows nothing rather than ignoring the view.
const noMatch = core.State("\x00none")

// parseFilter reads what an operator typed after /: field:value terms
// (po, supplier, partner, kind, state, doc; kind and state take several
// values separated by commas) and free text, which matches any field.
func parseFilter(s string) store.Match {
	var m store.Match
	var text []string
	for _, tok := range strings.Fields(s) {
		name, val, ok := strings.Cut(tok, ":")
		if !ok || val == "" {
			text = append(text, tok)
			continue
		}
		switch strings.ToLower(name) {
		case "po":
			m.PONumber = val
		case "supplier", "sup":
			m.Supplier = val
		case "partner", "partnership":
			m.Partner = val
		case "kind":
			for _, k := range strings.Split(val, ",") {
				m.Kinds = append(m.Kinds, core.Kind(k))
			}
		case "state":
			for _, st := range strings.Split(val, ",") {
				m.States = append(m.States, core.State(strings.ToLower(st)))
			}
		case "doc", "id":
			m.DocID, _ = strconv.ParseInt(strings.TrimPrefix(val, "#"), 10, 64)
		default:
			text = append(text, tok)
		}
	}
	m.Text = strings.Join(text, " ")
	return m
}

// within narrows a view's base selection by the operator's filter.
func within(base, f store.Match) store.Match {
	m := f
	m.Direction = base.Direction
	m.Kinds = intersect(base.Kinds, f.Kinds, core.Kind(noMatch))
	m.States = intersect(base.States, f.States, noMatch)
	return m
}

// intersect returns b narrowed by f: f alone when b is empty, b alone when
// f is, else their common values, or none (a value nothing has).
func intersect[T comparable](b, f []T, none T) []T {
	switch {
	case len(b) == 0:
		return f
	case len(f) == 0:
		return b
	}
	var out []T
	for _, v := range f {
		if slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return []T{none}
	}
	return out
}
