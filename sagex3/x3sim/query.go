package x3sim

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const (
	defaultPageSize = 20   // api1's documented default
	maxPageSize     = 1000 // a cap, so one request cannot render the whole table
)

// feedRequest is a parsed $query: count, where, orderBy, key and startIndex.
type feedRequest[T any] struct {
	count     int
	conds     []condition[T]
	order     []orderTerm[T] // nil means key order, the natural api1 paging order
	after     string         // from key=gt.<key> / key=ge.<key>
	inclusive bool           // key=ge
	skip      int            // startIndex-1, SData indexed paging
}

type orderTerm[T any] struct {
	prop Property[T]
	desc bool
}

// refuseDateTime makes a date-time literal in where a syntax error, as on
// a server that takes date literals only (Config.RefuseDateTimeLiterals).
func parseFeedRequest[T any](q url.Values, sc schema[T], refuseDateTime bool) (feedRequest[T], *apiError) {
	var fr feedRequest[T]
	var err *apiError
	if fr.count, err = parseCount(q.Get("count")); err != nil {
		return fr, err
	}
	if w := q.Get("where"); w != "" {
		if fr.conds, err = parseWhere(w, sc, refuseDateTime); err != nil {
			return fr, err
		}
	}
	if fr.order, err = parseOrderBy(q.Get("orderBy"), sc); err != nil {
		return fr, err
	}
	if fr.after, fr.inclusive, err = parseKeyCondition(q.Get("key")); err != nil {
		return fr, err
	}
	fr.skip, err = parseStartIndex(q.Get("startIndex"))
	return fr, err
}

func parseCount(s string) (int, *apiError) {
	if s == "" {
		return defaultPageSize, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, badRequest(codeBadParameter, "count must be a positive integer, got '"+s+"'")
	}
	return min(n, maxPageSize), nil
}

func parseStartIndex(s string) (int, *apiError) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, badRequest(codeBadParameter, "startIndex must be a positive integer, got '"+s+"'")
	}
	return n - 1, nil
}

// parseKeyCondition reads key=gt.<key> (or ge.), the documented api1 way to
// page by key.
func parseKeyCondition(s string) (after string, inclusive bool, err *apiError) {
	if s == "" {
		return "", false, nil
	}
	op, key, ok := strings.Cut(s, ".")
	switch {
	case ok && op == "gt":
		return key, false, nil
	case ok && op == "ge":
		return key, true, nil
	}
	return "", false, badRequest(codeBadParameter, "key must be gt.<key> or ge.<key>, got '"+s+"'")
}

// parseOrderBy reads "PROP [asc|desc]" terms separated by commas or
// semicolons (the docs show both). Ordering by the key alone, ascending, is
// the natural order and is returned as nil.
func parseOrderBy[T any](s string, sc schema[T]) ([]orderTerm[T], *apiError) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var terms []orderTerm[T]
	keyOnly := true
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		fields := strings.Fields(part)
		if len(fields) == 0 || len(fields) > 2 {
			return nil, badRequest(codeBadParameter, "orderBy term '"+part+"' must be PROPERTY [asc|desc]")
		}
		p, ok := sc.properties[fields[0]]
		if !ok {
			return nil, badRequest(codeBadParameter, "orderBy: property '"+fields[0]+"' is not available on this $query")
		}
		desc := false
		if len(fields) == 2 {
			switch strings.ToLower(fields[1]) {
			case "asc":
			case "desc":
				desc = true
			default:
				return nil, badRequest(codeBadParameter, "orderBy direction must be asc or desc, got '"+fields[1]+"'")
			}
		}
		keyOnly = keyOnly && fields[0] == sc.keyName && !desc
		terms = append(terms, orderTerm[T]{prop: p, desc: desc})
	}
	if keyOnly {
		return nil, nil
	}
	return terms, nil
}

func (fr feedRequest[T]) matches(row *T) bool {
	for _, c := range fr.conds {
		if !c.matches(row) {
			return false
		}
	}
	return true
}

func (fr feedRequest[T]) keyAccepted(key string) bool {
	if fr.after == "" {
		return true
	}
	if fr.inclusive {
		return key >= fr.after
	}
	return key > fr.after
}

// run selects one page from rows (keys ascending). more reports whether a
// next page exists. Key order only touches the rows up to the end of the
// page, so paging through a large table stays linear overall.
func (fr feedRequest[T]) run(keys []string, rows map[string]*T) (page []*T, more bool) {
	if fr.order == nil {
		return fr.runKeyOrder(keys, rows)
	}
	return fr.runSorted(keys, rows)
}

func (fr feedRequest[T]) runKeyOrder(keys []string, rows map[string]*T) ([]*T, bool) {
	start, _ := slices.BinarySearch(keys, fr.after)
	skip := fr.skip
	page := make([]*T, 0, min(fr.count+1, len(keys)))
	for _, k := range keys[start:] {
		row := rows[k]
		if !fr.keyAccepted(k) || !fr.matches(row) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if len(page) == fr.count {
			return page, true
		}
		page = append(page, row)
	}
	return page, false
}

// runSorted sorts every match; rows arrive in key order and the sort is
// stable, so ties stay in key order.
func (fr feedRequest[T]) runSorted(keys []string, rows map[string]*T) ([]*T, bool) {
	var all []*T
	for _, k := range keys {
		if row := rows[k]; fr.keyAccepted(k) && fr.matches(row) {
			all = append(all, row)
		}
	}
	slices.SortStableFunc(all, func(a, b *T) int {
		for _, t := range fr.order {
			if c := compareValues(t.prop.kind, t.prop.get(a), t.prop.get(b)); c != 0 {
				if t.desc {
					return -c
				}
				return c
			}
		}
		return 0
	})
	if fr.skip >= len(all) {
		return nil, false
	}
	end := min(fr.skip+fr.count, len(all))
	return all[fr.skip:end], end < len(all)
}
