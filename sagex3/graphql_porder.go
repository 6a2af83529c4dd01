package sagex3

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// listQuery pages through one node type (purchaseOrder, purchaseInvoice)
// by update stamp.
func (c *GraphQLClient) listQuery(node string) string {
	return `query($filter: String, $orderBy: String, $first: Int, $after: String) { ` + c.root +
		` { ` + node + ` { query(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {` +
		` edges { node { _id _updateStamp } cursor } pageInfo { endCursor hasNextPage } } } } }`
}

func (c *GraphQLClient) readQuery() string {
	return `query($id: Id!) { ` + c.root + ` { purchaseOrder { read(_id: $id) { ` + poNodeSelection + ` } } } }`
}

func (c *GraphQLClient) updateMutation() string {
	return `mutation($data: PurchaseOrder_Input!) { ` + c.root +
		` { purchaseOrder { update(data: $data) { ` + poNodeSelection + ` } } } }`
}

type gqlPage struct {
	Edges []struct {
		Node struct {
			ID          string `json:"_id"`
			UpdateStamp string `json:"_updateStamp"`
		} `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		EndCursor   string `json:"endCursor"`
		HasNextPage bool   `json:"hasNextPage"`
	} `json:"pageInfo"`
}

// ChangedPurchaseOrders calls fn for every PO whose _updateStamp is at or
// after since (every PO when since is zero), oldest change first,
// following the cursor until the last page. A PO changed while the pages
// are read can show up twice; it is reported once.
func (c *GraphQLClient) ChangedPurchaseOrders(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	return c.changedNodes(ctx, "x3 list changed POs (GraphQL)", "purchaseOrder", since, fn)
}

func (c *GraphQLClient) changedNodes(ctx context.Context, op, node string, since time.Time, fn func(core.RecordStamp) error) error {
	vars := map[string]any{"orderBy": "{_updateStamp:+1}", "first": c.pageSize}
	if !since.IsZero() {
		vars["filter"] = "{_updateStamp:{_gte:'" + graphQLStamp(since) + "'}}"
	}
	seen := map[string]bool{}
	cursors := map[string]bool{}
	for {
		page, err := c.readPage(ctx, op, node, vars)
		if err != nil {
			return err
		}
		if err := emitNodes(op, page, seen, fn); err != nil {
			return err
		}
		next := page.PageInfo.EndCursor
		if !page.PageInfo.HasNextPage || len(page.Edges) == 0 {
			return nil
		}
		if next == "" || cursors[next] {
			return &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the page cursor does not move forward"}
		}
		cursors[next] = true
		vars["after"] = next
	}
}

func (c *GraphQLClient) readPage(ctx context.Context, op, node string, vars map[string]any) (*gqlPage, error) {
	body, err := c.post(ctx, op, gqlRequest{Query: c.listQuery(node), Variables: vars})
	if err != nil {
		return nil, err
	}
	data, err := decodeData(op, body)
	if err != nil {
		return nil, err
	}
	raw, err := dig(op, data, c.root, node, "query")
	if err != nil {
		return nil, err
	}
	var page gqlPage
	if err := json.Unmarshal(raw, &page); err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Err: fmt.Errorf("decoding a page: %w", err)}
	}
	return &page, nil
}

func emitNodes(op string, page *gqlPage, seen map[string]bool, fn func(core.RecordStamp) error) error {
	for _, e := range page.Edges {
		if e.Node.ID == "" {
			return &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "a purchaseOrder node has no _id"}
		}
		if seen[e.Node.ID] {
			continue
		}
		seen[e.Node.ID] = true
		updated, err := parseGraphQLStamp(e.Node.UpdateStamp)
		if err != nil {
			return &core.Error{Class: core.Permanent, Op: op, Status: 200, Err: fmt.Errorf("PO %s: %w", e.Node.ID, err)}
		}
		if err := fn(core.RecordStamp{Key: e.Node.ID, Updated: updated}); err != nil {
			return err
		}
	}
	return nil
}

// PurchaseOrder reads one PO with its lines (read(_id:)). A PO that does
// not exist (read answers null) yields a Permanent error wrapping
// core.ErrNotFound.
func (c *GraphQLClient) PurchaseOrder(ctx context.Context, number string) (*core.PurchaseOrder, error) {
	op := "x3 read PO " + number + " (GraphQL)"
	if number == "" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: errors.New("empty PO number")}
	}
	body, err := c.post(ctx, op, gqlRequest{Query: c.readQuery(), Variables: map[string]any{"id": number}})
	if err != nil {
		return nil, err
	}
	return c.decodeResult(op, body, "read")
}

// decodeResult maps the node an operation (read or update) returned.
func (c *GraphQLClient) decodeResult(op string, body []byte, operation string) (*core.PurchaseOrder, error) {
	raw, err := c.resultNode(op, body, "purchaseOrder", operation)
	if err != nil {
		return nil, err
	}
	po, err := decodePONode(raw)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Err: err}
	}
	return po, nil
}

// resultNode digs out the node a read or an update returned; null means
// the record does not exist.
func (c *GraphQLClient) resultNode(op string, body []byte, node, operation string) (json.RawMessage, error) {
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
