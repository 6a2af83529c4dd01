package rest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/mlconnector/ml-connector/core"
)

// PurchaseOrder reads one PO with its lines through the $details facet of
// the PO representation. Raw holds the answer verbatim. A PO that does not
// exist yields a Permanent *core.Error wrapping core.ErrNotFound.
func (c *Client) PurchaseOrder(ctx context.Context, number string) (*core.PurchaseOrder, error) {
	op := "x3 read PO " + number
	if number == "" {
		return nil, c.fail(op, core.Permanent, 0, errors.New("empty PO number"))
	}
	body, err := c.call(ctx, op, http.MethodGet, c.recordURL(c.names.Get(POClass), number, c.names.Get(PORepresentation)+".$details"), nil)
	if err != nil {
		return nil, markNotFound(err)
	}
	return c.decodePurchaseOrder(op, body)
}

// WritePurchaseOrder sends a partial PO through the $edit facet of the
// acknowledgment representation (x3.rest.po_edit_representation) and
// returns the PO as X3 stored it. Each line goes with the $uuid it was
// read with, never matched by its number alone; properties left out are
// unchanged. api1 has no optimistic locking: the last write wins.
func (c *Client) WritePurchaseOrder(ctx context.Context, w core.POWrite) (*core.PurchaseOrder, error) {
	op := "x3 update PO " + w.PONumber
	if w.PONumber == "" {
		return nil, c.fail(op, core.Permanent, 0, errors.New("empty PO number"))
	}
	body, err := c.editBody(w)
	if err != nil {
		return nil, c.fail(op, core.Permanent, 0, err)
	}
	url := c.recordURL(c.names.Get(POClass), w.PONumber, c.names.Get(POEditRepresentation)+".$edit")
	answer, err := c.call(ctx, op, http.MethodPut, url, body)
	if err != nil {
		return nil, markNotFound(err)
	}
	return c.decodePurchaseOrder(op, answer)
}

// editBody maps a write's logical fields to the site's properties. An
// optional property discovery found missing is left out.
func (c *Client) editBody(w core.POWrite) ([]byte, error) {
	rep := c.names.Get(POEditRepresentation)
	body := map[string]any{}
	for field, v := range w.Header {
		prop, err := c.property(headerFieldKeys, field)
		if err != nil {
			return nil, err
		}
		if !c.leftOut(rep, scopeHeader, prop) {
			body[prop] = v
		}
	}
	var lines []map[string]any
	for _, l := range w.Lines {
		if l.Key == "" {
			return nil, fmt.Errorf("line %d was read without its $uuid: X3 could apply the change to another line", l.Line)
		}
		m := map[string]any{"$uuid": l.Key}
		for field, v := range l.Set {
			prop, err := c.property(lineFieldKeys, field)
			if err != nil {
				return nil, err
			}
			if !c.leftOut(rep, scopeLines, prop) {
				m[prop] = v
			}
		}
		if len(m) > 1 {
			lines = append(lines, m)
		}
	}
	if len(lines) > 0 {
		body[c.names.Get(POLines)] = lines
	}
	if len(body) == 0 {
		return nil, errors.New("nothing to write: every field is one this site does not have (see ml-connector check)")
	}
	return json.Marshal(body)
}

func (c *Client) property(keys map[string]string, field string) (string, error) {
	key, ok := keys[field]
	if !ok {
		return "", fmt.Errorf("no X3 property for the field %q", field)
	}
	return c.names.Get(key), nil
}

func (c *Client) decodePurchaseOrder(op string, body []byte) (*core.PurchaseOrder, error) {
	po, err := c.purchaseOrder(body)
	if err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("decoding the PO: %w", err))
	}
	return po, nil
}

// markNotFound makes a 404 on a record unwrap to core.ErrNotFound.
func markNotFound(err error) error {
	var ce *core.Error
	if errors.As(err, &ce) && ce.Status == http.StatusNotFound {
		ce.Err = core.ErrNotFound
	}
	return err
}
