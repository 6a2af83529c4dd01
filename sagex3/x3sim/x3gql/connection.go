package x3gql

import (
	"encoding/base64"
	"strconv"
)

// Resolvers of the *_Connection, *_Edge and PageInfo types, for any node.
// graphql-go finds a field's resolver by the method of the same name.

type gqlConnection[N any] struct {
	edges            []*gqlEdge[N]
	hasNext, hasPrev bool
	total            int
}

type gqlEdge[N any] struct {
	node   N
	cursor string
}

type gqlPageInfo struct {
	start, end       *string
	hasNext, hasPrev bool
}

func (c *gqlConnection[N]) Edges() []*gqlEdge[N] { return c.edges }
func (c *gqlConnection[N]) TotalCount() int32    { return int32(c.total) }

func (c *gqlConnection[N]) PageInfo() *gqlPageInfo {
	p := &gqlPageInfo{hasNext: c.hasNext, hasPrev: c.hasPrev}
	if len(c.edges) > 0 {
		p.start, p.end = &c.edges[0].cursor, &c.edges[len(c.edges)-1].cursor
	}
	return p
}

func (e *gqlEdge[N]) Node() N        { return e.node }
func (e *gqlEdge[N]) Cursor() string { return e.cursor }

func (p *gqlPageInfo) EndCursor() *string    { return p.end }
func (p *gqlPageInfo) StartCursor() *string  { return p.start }
func (p *gqlPageInfo) HasNextPage() bool     { return p.hasNext }
func (p *gqlPageInfo) HasPreviousPage() bool { return p.hasPrev }

// gqlQueryArgs are the arguments of <node>.query.
type gqlQueryArgs struct {
	Filter  *string
	OrderBy *string
	First   *int32
	After   *string
}

// gqlPageArgs are the arguments of a collection's query.
type gqlPageArgs struct {
	First *int32
	After *string
}

// gqlReadArgs are the arguments of <node>.read.
type gqlReadArgs struct {
	ID gqlID
}

// Page sizes: 20 by default (documented for SDMO on the same framework),
// capped so one request cannot render the whole table.
const (
	gqlDefaultFirst = 20
	gqlMaxFirst     = 1000
)

func firstArg(first *int32) (int, error) {
	if first == nil {
		return gqlDefaultFirst, nil
	}
	if *first < 1 {
		return 0, &gqlFieldError{message: "first must be a positive integer"}
	}
	return min(int(*first), gqlMaxFirst), nil
}

// pageOf pages a record's collection in its own order; cursors are opaque
// positions.
func pageOf[N any](nodes []N, args gqlPageArgs) (*gqlConnection[N], error) {
	first, err := firstArg(args.First)
	if err != nil {
		return nil, err
	}
	start := 0
	if args.After != nil && *args.After != "" {
		raw, err := base64.RawURLEncoding.DecodeString(*args.After)
		n, convErr := strconv.Atoi(string(raw))
		if err != nil || convErr != nil || n < 0 {
			return nil, &gqlFieldError{message: "Invalid cursor"}
		}
		start = n + 1
	}
	c := &gqlConnection[N]{hasPrev: start > 0, total: len(nodes), edges: []*gqlEdge[N]{}}
	for i := start; i < len(nodes) && len(c.edges) < first; i++ {
		c.edges = append(c.edges, &gqlEdge[N]{node: nodes[i], cursor: base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(i)))})
	}
	c.hasNext = start+len(c.edges) < len(nodes)
	return c, nil
}

// Reference types: a site, a supplier, or anything read as { code }.

type gqlCode struct{ code string }

func (c *gqlCode) Code() string          { return c.code }
func (c *gqlCode) ID() gqlID             { return gqlID(c.code) }
func (c *gqlCode) Name() *string         { return textOf(c.code) }
func (c *gqlCode) Description1() *string { return nil }

func codeOf(code string) *gqlCode {
	if code == "" {
		return nil
	}
	return &gqlCode{code: code}
}

type gqlProduct struct{ code, description string }

func (p *gqlProduct) Code() string          { return p.code }
func (p *gqlProduct) Description1() *string { return textOf(p.description) }

type gqlSupplier struct{ code, name string }

func (s *gqlSupplier) Code() *gqlCode        { return &gqlCode{code: s.code} }
func (s *gqlSupplier) CompanyName1() *string { return textOf(s.name) }

func supplierOf(code, name string) *gqlSupplier {
	if code == "" {
		return nil
	}
	return &gqlSupplier{code: code, name: name}
}
