package sagex3

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.InvoiceSource = (*Client)(nil)

// ChangedSupplierInvoices calls fn for every supplier invoice (PINVOICE)
// whose UPDDATTIM is at or after since (every invoice when since is zero),
// following $links.$next.$url until the feed ends. An error from fn stops
// the walk and is returned unchanged.
func (c *Client) ChangedSupplierInvoices(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	params := []param{
		{"representation", "PINVOICE.$query"},
		{"count", strconv.Itoa(c.pageSize)},
	}
	if !since.IsZero() {
		params = append(params, param{"where", updatedSinceFilter(since)})
	}
	return c.walkStamps(ctx, "x3 list changed supplier invoices", c.collectionURL("PINVOICE", params...),
		func(r stampRowJSON) string { return r.NUM }, fn)
}

// SupplierInvoice reads one supplier invoice with its lines through
// PINVOICE's $details facet. Raw holds the answer verbatim. An invoice
// that does not exist yields a Permanent *core.Error wrapping
// core.ErrNotFound.
func (c *Client) SupplierInvoice(ctx context.Context, number string) (*core.SupplierInvoice, error) {
	op := "x3 read supplier invoice " + number
	if number == "" {
		return nil, c.fail(op, core.Permanent, 0, errors.New("empty invoice number"))
	}
	body, err := c.call(ctx, op, http.MethodGet, c.recordURL("PINVOICE", number, "PINVOICE.$details"), nil)
	if err != nil {
		return nil, markNotFound(err)
	}
	var d invoiceDetailsJSON
	if err := json.Unmarshal(body, &d); err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("decoding PINVOICE $details: %w", err))
	}
	inv, err := d.toCore()
	if err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, err)
	}
	inv.Raw = body
	return inv, nil
}
