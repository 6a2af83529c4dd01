package rest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.InvoiceSource = (*Client)(nil)

// ChangedSupplierInvoices calls fn for every supplier invoice (PINVOICE)
// whose UPDDATTIM is at or after since (every invoice when since is zero),
// following $links.$next.$url until the feed ends. An error from fn stops
// the walk and is returned unchanged.
func (c *Client) ChangedSupplierInvoices(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	return c.walkChanges(ctx, "x3 list changed supplier invoices", c.invoiceListing(), since, fn)
}

// SupplierInvoice reads one supplier invoice with its lines through the
// $details facet of the invoice representation. Raw holds the answer
// verbatim. An invoice that does not exist yields a Permanent *core.Error
// wrapping core.ErrNotFound.
func (c *Client) SupplierInvoice(ctx context.Context, number string) (*core.SupplierInvoice, error) {
	op := "x3 read supplier invoice " + number
	if number == "" {
		return nil, c.fail(op, core.Permanent, 0, errors.New("empty invoice number"))
	}
	url := c.recordURL(c.names.Get(InvoiceClass), number, c.names.Get(InvoiceRepresentation)+".$details")
	body, err := c.call(ctx, op, http.MethodGet, url, nil)
	if err != nil {
		return nil, markNotFound(err)
	}
	inv, err := c.supplierInvoice(body)
	if err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("decoding the supplier invoice: %w", err))
	}
	return inv, nil
}
