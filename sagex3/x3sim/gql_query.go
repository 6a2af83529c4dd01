package x3sim

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"time"
)

// gqlPOProperties are the purchaseOrder properties a filter or an orderBy
// may name; references (sites, supplier) compare by their code.
var gqlPOProperties = map[string]property[PO]{
	"_id":                    stringProp(func(p *PO) string { return p.Number }),
	"id":                     stringProp(func(p *PO) string { return p.Number }),
	"_createStamp":           dateTimeProp(func(p *PO) time.Time { return p.Created }),
	"_updateStamp":           dateTimeProp(func(p *PO) time.Time { return p.Updated }),
	"orderDate":              dateProp(func(p *PO) string { return p.OrderDate }),
	"internalOrderReference": stringProp(func(p *PO) string { return p.InternalRef }),
	"purchaseSite":           stringProp(func(p *PO) string { return p.OrderSite }),
	"receiptSite":            stringProp(func(p *PO) string { return p.ReceivingSite }),
	"orderFromSupplier":      stringProp(func(p *PO) string { return p.Supplier }),
	"taxExcludedTotalAmount": numberProp(func(p *PO) float64 { return p.Total }),
}

// gqlTable is one node type the query operation serves.
type gqlTable[T any, N any] struct {
	props map[string]property[T]
	id    func(*T) string
	node  func(*T) N
	rows  func(match func(*T) bool) []*T // in key order
}

// sortTerm is one orderBy entry; the _id always breaks ties, ascending.
type sortTerm[T any] struct {
	name string
	prop property[T]
	desc bool
}

// query resolves <node>.query(filter, orderBy, first, after). Cursors
// carry the sort values and the _id of the last node, so paging stays
// right while records change between pages.
func (t gqlTable[T, N]) query(args gqlQueryArgs) (*gqlConnection[N], error) {
	filter, err := compileFilter(args.Filter, t.props)
	if err != nil {
		return nil, err
	}
	order, err := compileOrderBy(args.OrderBy, t.props)
	if err != nil {
		return nil, err
	}
	first, err := firstArg(args.First)
	if err != nil {
		return nil, err
	}
	all := t.rows(func(row *T) bool { return matchesAll(filter, row) })
	slices.SortStableFunc(all, func(a, b *T) int { return t.compare(order, a, b) })
	start := 0
	if args.After != nil && *args.After != "" {
		if start, err = t.positionAfter(all, order, *args.After); err != nil {
			return nil, err
		}
	}
	end := min(start+first, len(all))
	c := &gqlConnection[N]{hasNext: end < len(all), hasPrev: start > 0, total: len(all), edges: []*gqlEdge[N]{}}
	for _, row := range all[start:end] {
		c.edges = append(c.edges, &gqlEdge[N]{node: t.node(row), cursor: t.encodeCursor(order, row)})
	}
	return c, nil
}

func matchesAll[T any](conds []condition[T], row *T) bool {
	for _, c := range conds {
		if !c.matches(row) {
			return false
		}
	}
	return true
}

func (t gqlTable[T, N]) compare(order []sortTerm[T], a, b *T) int {
	values := make([]value, len(order))
	for i, term := range order {
		values[i] = term.prop.get(b)
	}
	return t.compareWith(order, a, values, t.id(b))
}

// compareWith orders row against sort values and an _id.
func (t gqlTable[T, N]) compareWith(order []sortTerm[T], row *T, values []value, id string) int {
	for i, term := range order {
		if c := compareValues(term.prop.kind, term.prop.get(row), values[i]); c != 0 {
			if term.desc {
				return -c
			}
			return c
		}
	}
	return compareValues(kindString, value{s: t.id(row)}, value{s: id})
}

type cursorJSON struct {
	Values []string `json:"v"`
	ID     string   `json:"id"`
}

func (t gqlTable[T, N]) encodeCursor(order []sortTerm[T], row *T) string {
	c := cursorJSON{ID: t.id(row)}
	for _, term := range order {
		c.Values = append(c.Values, valueText(term.prop.kind, term.prop.get(row)))
	}
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// positionAfter finds the first row sorted after the cursor's position,
// comparing with the cursor's values rather than a stored record: the
// record at the cursor may have changed since.
func (t gqlTable[T, N]) positionAfter(sorted []*T, order []sortTerm[T], cursor string) (int, error) {
	invalid := &gqlFieldError{message: "Invalid cursor: " + cursor}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	var c cursorJSON
	if err != nil || json.Unmarshal(raw, &c) != nil || len(c.Values) != len(order) {
		return 0, invalid
	}
	values := make([]value, len(order))
	for i, term := range order {
		if values[i], err = valueFromText(term.prop.kind, c.Values[i]); err != nil {
			return 0, invalid
		}
	}
	return sort.Search(len(sorted), func(i int) bool {
		return t.compareWith(order, sorted[i], values, c.ID) > 0
	}), nil
}

func valueText(k kind, v value) string {
	switch k {
	case kindNumber:
		return strconv.FormatFloat(v.n, 'g', -1, 64)
	case kindDateTime:
		return v.t.UTC().Format(time.RFC3339Nano)
	}
	return v.s
}

func valueFromText(k kind, s string) (value, error) {
	switch k {
	case kindNumber:
		n, err := strconv.ParseFloat(s, 64)
		return value{n: n}, err
	case kindDateTime:
		t, err := time.Parse(time.RFC3339Nano, s)
		return value{t: t}, err
	}
	return value{s: s}, nil
}

// poTable serves purchaseOrder.query.
func (s *Server) poTable() gqlTable[PO, *gqlPO] {
	return gqlTable[PO, *gqlPO]{props: gqlPOProperties, node: func(p *PO) *gqlPO { return &gqlPO{p: p, s: s} },
		id: func(p *PO) string { return p.Number },
		rows: func(match func(*PO) bool) []*PO {
			s.mu.RLock()
			defer s.mu.RUnlock()
			var out []*PO
			for _, k := range s.keys {
				if p := s.pos[k]; match(p) {
					out = append(out, p)
				}
			}
			return out
		}}
}
