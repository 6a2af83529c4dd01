package x3gql

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// gqlPOProperties are the purchaseOrder properties a filter or an orderBy
// may name; references (sites, supplier) compare by their code.
var gqlPOProperties = map[string]x3sim.Property[x3sim.PO]{
	"_id":                    x3sim.StringProp(func(p *x3sim.PO) string { return p.Number }),
	"id":                     x3sim.StringProp(func(p *x3sim.PO) string { return p.Number }),
	"_createStamp":           x3sim.DateTimeProp(func(p *x3sim.PO) time.Time { return p.Created }),
	"_updateStamp":           x3sim.DateTimeProp(func(p *x3sim.PO) time.Time { return p.Updated }),
	"orderDate":              x3sim.DateProp(func(p *x3sim.PO) string { return p.OrderDate }),
	"internalOrderReference": x3sim.StringProp(func(p *x3sim.PO) string { return p.InternalRef }),
	"purchaseSite":           x3sim.StringProp(func(p *x3sim.PO) string { return p.OrderSite }),
	"receiptSite":            x3sim.StringProp(func(p *x3sim.PO) string { return p.ReceivingSite }),
	"orderFromSupplier":      x3sim.StringProp(func(p *x3sim.PO) string { return p.Supplier }),
	"taxExcludedTotalAmount": x3sim.NumberProp(func(p *x3sim.PO) float64 { return p.Total }),
}

// gqlTable is one node type the query operation serves.
type gqlTable[T any, N any] struct {
	props map[string]x3sim.Property[T]
	id    func(*T) string
	node  func(*T) N
	rows  func(match func(*T) bool) []*T // in key order
}

// sortTerm is one orderBy entry; the _id always breaks ties, ascending.
type sortTerm[T any] struct {
	name string
	prop x3sim.Property[T]
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
		if !c(row) {
			return false
		}
	}
	return true
}

func (t gqlTable[T, N]) compare(order []sortTerm[T], a, b *T) int {
	values := make([]x3sim.Value, len(order))
	for i, term := range order {
		values[i] = term.prop.Of(b)
	}
	return t.compareWith(order, a, values, t.id(b))
}

// compareWith orders row against sort values and an _id.
func (t gqlTable[T, N]) compareWith(order []sortTerm[T], row *T, values []x3sim.Value, id string) int {
	for i, term := range order {
		if c := term.prop.Compare(term.prop.Of(row), values[i]); c != 0 {
			if term.desc {
				return -c
			}
			return c
		}
	}
	return strings.Compare(t.id(row), id)
}

type cursorJSON struct {
	Values []string `json:"v"`
	ID     string   `json:"id"`
}

func (t gqlTable[T, N]) encodeCursor(order []sortTerm[T], row *T) string {
	c := cursorJSON{ID: t.id(row)}
	for _, term := range order {
		c.Values = append(c.Values, term.prop.Text(term.prop.Of(row)))
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
	values := make([]x3sim.Value, len(order))
	for i, term := range order {
		if values[i], err = term.prop.ParseText(c.Values[i]); err != nil {
			return 0, invalid
		}
	}
	return sort.Search(len(sorted), func(i int) bool {
		return t.compareWith(order, sorted[i], values, c.ID) > 0
	}), nil
}

// poTable serves purchaseOrder.query.
func poTable(s *x3sim.Server) gqlTable[x3sim.PO, *gqlPO] {
	return gqlTable[x3sim.PO, *gqlPO]{props: gqlPOProperties, node: func(p *x3sim.PO) *gqlPO { return &gqlPO{p: p, s: s} },
		id:   func(p *x3sim.PO) string { return p.Number },
		rows: s.SelectPurchaseOrders}
}
