package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// listQuery pages through one node type (purchase orders, supplier
// invoices) by update stamp, reading each node's key and stamp.
func (c *Client) listQuery(node, keyPath, stampPath string) string {
	return `query($filter: String, $orderBy: String, $first: Int, $after: String) { ` + c.root +
		` { ` + node + ` { query(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {` +
		` edges { node { ` + selection([]string{keyPath, stampPath}) + ` } cursor } pageInfo { endCursor hasNextPage } } } } }`
}

// readQuery reads one node with its lines; the key is written as a
// literal, so the query does not depend on the name of its argument type.
func (c *Client) readQuery(node, key, sel string) string {
	return `{ ` + c.root + ` { ` + node + ` { read(_id: ` + gqlLiteral(key) + `) { ` + sel + ` } } } }`
}

// listing is what changedNodes needs to know of one node type.
type listing struct {
	op, node string
	keyKey   string // property key of the record key, e.g. "PORDER.POHNUM"
	stampKey string // property key of the update stamp
	cap      core.X3Capability
	kind     string // "purchaseOrder", for messages
}

type gqlPage struct {
	Edges []struct {
		Node json.RawMessage `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		EndCursor   string `json:"endCursor"`
		HasNextPage bool   `json:"hasNextPage"`
	} `json:"pageInfo"`
}

// ChangedPurchaseOrders calls fn for every PO whose update stamp is at or
// after since (every PO when since is zero), oldest change first,
// following the cursor until the last page. A PO changed while the pages
// are read can show up twice; it is reported once.
func (c *Client) ChangedPurchaseOrders(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	return c.changedNodes(ctx, listing{op: "x3 list changed POs (GraphQL)", node: c.names.Order,
		keyKey: "PORDER.POHNUM", stampKey: "PORDER.UPDDATTIM", cap: core.CapPollPOs, kind: "purchase order"}, since, fn)
}

// changedNodes lists by update stamp, then key: progress made before an
// interruption is safe to keep. A page that is empty while the listing
// says more follow is a failure, never the end of the list.
func (c *Client) changedNodes(ctx context.Context, l listing, since time.Time, fn func(core.RecordStamp) error) error {
	if _, err := c.ready(ctx, l.op, l.cap); err != nil {
		return err
	}
	keyPath, stampPath := c.names.Properties[l.keyKey], c.names.Properties[l.stampKey]
	vars := map[string]any{"orderBy": "{" + stampPath + ":+1," + keyPath + ":+1}", "first": c.pageSize}
	if !since.IsZero() {
		vars["filter"] = "{" + stampPath + ":{_gte:'" + graphQLStamp(since) + "'}}"
	}
	query := c.listQuery(l.node, keyPath, stampPath)
	seen, cursors := map[string]bool{}, map[string]bool{}
	for {
		page, err := c.readPage(ctx, l, query, vars)
		if err != nil {
			return err
		}
		if err := c.emitNodes(l, page, seen, fn); err != nil {
			return err
		}
		if !page.PageInfo.HasNextPage {
			return nil
		}
		next := page.PageInfo.EndCursor
		switch {
		case len(page.Edges) == 0:
			return &core.Error{Class: core.Transient, Op: l.op, Status: 200, Message: "an empty page in the middle of the listing"}
		case next == "" || cursors[next]:
			return &core.Error{Class: core.Permanent, Op: l.op, Status: 200, Message: "the page cursor does not move forward"}
		}
		cursors[next] = true
		vars["after"] = next
	}
}

func (c *Client) readPage(ctx context.Context, l listing, query string, vars map[string]any) (*gqlPage, error) {
	body, err := c.post(ctx, l.op, gqlRequest{Query: query, Variables: vars})
	if err != nil {
		return nil, err
	}
	data, err := decodeData(l.op, body)
	if err != nil {
		return nil, err
	}
	raw, err := dig(l.op, data, c.root, l.node, "query")
	if err != nil {
		return nil, err
	}
	var page gqlPage
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: l.op, Status: 200, Err: fmt.Errorf("decoding a page: %w", err)}
	}
	return &page, nil
}

func (c *Client) emitNodes(l listing, page *gqlPage, seen map[string]bool, fn func(core.RecordStamp) error) error {
	for _, e := range page.Edges {
		r, err := decodeRecord(e.Node, c.names)
		key := r.text(l.keyKey)
		if err != nil || key == "" {
			return &core.Error{Class: core.Permanent, Op: l.op, Status: 200, Message: "a " + l.kind + " node has no " + c.names.Properties[l.keyKey]}
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		updated, err := parseGraphQLStamp(r.text(l.stampKey))
		if err != nil {
			return &core.Error{Class: core.Permanent, Op: l.op, Status: 200, Err: fmt.Errorf("%s %s: %w", l.kind, key, err)}
		}
		if err := fn(core.RecordStamp{Key: key, Updated: updated}); err != nil {
			return err
		}
	}
	return nil
}

// PurchaseOrder reads one PO with its lines (read(_id:)), asking only
// for the properties the site has. A PO that does not exist (read answers
// null) yields a Permanent error wrapping core.ErrNotFound.
func (c *Client) PurchaseOrder(ctx context.Context, number string) (*core.PurchaseOrder, error) {
	op := "x3 read PO " + number + " (GraphQL)"
	if number == "" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: errors.New("empty PO number")}
	}
	sel, err := c.orderSelection(ctx, op)
	if err != nil {
		return nil, err
	}
	body, err := c.post(ctx, op, gqlRequest{Query: c.readQuery(c.names.Order, number, sel)})
	if err != nil {
		return nil, err
	}
	return c.decodeResult(op, body, "read")
}

// orderSelection is what a PO read asks for: the header and line
// properties the site has.
func (c *Client) orderSelection(ctx context.Context, op string) (string, error) {
	header, err := c.ready(ctx, op, core.CapPollPOs)
	if err != nil {
		return "", err
	}
	lines, err := c.ready(ctx, op, core.CapReadLines)
	if err != nil {
		return "", err
	}
	return c.recordSelection(header, lines, "order", orderHeaderNeeds, orderLineNeeds, c.names.OrderLines), nil
}

// decodeResult maps the node an operation (read or update) returned.
func (c *Client) decodeResult(op string, body []byte, operation string) (*core.PurchaseOrder, error) {
	raw, err := c.resultNode(op, body, c.names.Order, operation)
	if err != nil {
		return nil, err
	}
	po, err := c.decodePONode(raw)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Err: err}
	}
	return po, nil
}

// resultNode digs out the node a read or an update returned; null means
// the record does not exist.
func (c *Client) resultNode(op string, body []byte, node, operation string) (json.RawMessage, error) {
	data, err := decodeData(op, body)
	if err != nil {
		return nil, err
	}
	raw, err := dig(op, data, c.root, node, operation)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "no such record", Err: core.ErrNotFound}
	}
	return raw, nil
}
