package sagex3

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/mlconnector/ml-connector/core"
)

// PurchaseOrder reads one PO with its lines through PORDER's $details
// facet. Raw holds the answer verbatim. A PO that does not exist yields a
// Permanent *core.Error wrapping core.ErrNotFound.
func (c *Client) PurchaseOrder(ctx context.Context, number string) (*core.PurchaseOrder, error) {
	op := "x3 read PO " + number
	if number == "" {
		return nil, c.fail(op, core.Permanent, 0, errors.New("empty PO number"))
	}
	body, err := c.call(ctx, op, http.MethodGet, c.recordURL("PORDER", number, "PORDER.$details"), nil)
	if err != nil {
		return nil, markNotFound(err)
	}
	return c.decodePurchaseOrder(op, body)
}

// UpdatePurchaseOrder sends a partial PORDER body through the $edit facet
// and returns the PO as X3 stored it. patch holds header properties by X3
// column name (e.g. OCNNUM, OCNDAT, OCNREM) and, optionally, under
// LinesField, an array of line objects that each name their POPLIN (for
// example {"POPLIN": 1000, "LINOCNFLG": 2}); properties left out are
// unchanged. api1 has no optimistic locking: the last write wins.
func (c *Client) UpdatePurchaseOrder(ctx context.Context, number string, patch map[string]any) (*core.PurchaseOrder, error) {
	op := "x3 update PO " + number
	if number == "" {
		return nil, c.fail(op, core.Permanent, 0, errors.New("empty PO number"))
	}
	body, err := encodePatch(patch)
	if err != nil {
		return nil, c.fail(op, core.Permanent, 0, err)
	}
	answer, err := c.call(ctx, op, http.MethodPut, c.recordURL("PORDER", number, "PORDER.$edit"), body)
	if err != nil {
		return nil, markNotFound(err)
	}
	return c.decodePurchaseOrder(op, answer)
}

func (c *Client) decodePurchaseOrder(op string, body []byte) (*core.PurchaseOrder, error) {
	var d poDetailsJSON
	if err := json.Unmarshal(body, &d); err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("decoding PORDER $details: %w", err))
	}
	po, err := d.toCore()
	if err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, err)
	}
	po.Raw = body
	return po, nil
}

// encodePatch checks the shape of an $edit body before anything is sent:
// a rejected patch is a bug on our side, not something to retry.
func encodePatch(patch map[string]any) ([]byte, error) {
	if len(patch) == 0 {
		return nil, errors.New("empty $edit patch")
	}
	body, err := json.Marshal(patch)
	if err != nil {
		return nil, fmt.Errorf("encoding the $edit patch: %w", err)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("re-reading the $edit patch: %w", err)
	}
	raw, hasLines := probe[LinesField]
	if !hasLines {
		return body, nil
	}
	var lines []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("%s must be an array of line objects", LinesField)
	}
	for i, line := range lines {
		if _, ok := line["POPLIN"]; !ok {
			return nil, fmt.Errorf("%s[%d] must name its POPLIN", LinesField, i)
		}
	}
	return body, nil
}

// markNotFound makes a 404 on a record unwrap to core.ErrNotFound.
func markNotFound(err error) error {
	var ce *core.Error
	if errors.As(err, &ce) && ce.Status == http.StatusNotFound {
		ce.Err = core.ErrNotFound
	}
	return err
}
