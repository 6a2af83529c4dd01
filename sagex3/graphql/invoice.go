package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

var _ core.InvoiceSource = (*Client)(nil)

// Local menus PIHTYP and STA read as enums (names: names.go).
var (
	invoiceTypes    = []string{"invoice", "additionalInvoice", "creditMemo", "creditMemoReturn"} // PIHTYP 1..4
	invoiceStatuses = []string{"pending", "toValidate", "validated"}                             // STA 1..3
)

// ChangedSupplierInvoices calls fn for every supplier invoice whose update
// stamp is at or after since, oldest change first.
func (c *Client) ChangedSupplierInvoices(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	return c.changedNodes(ctx, listing{op: "x3 list changed supplier invoices (GraphQL)", node: c.names.Invoice,
		keyKey: "PINVOICE.NUM", stampKey: "PINVOICE.UPDDATTIM", cap: core.CapPollInvoices, kind: "supplier invoice"}, since, fn)
}

// SupplierInvoice reads one supplier invoice with its lines; an unknown
// one yields a Permanent error wrapping core.ErrNotFound.
func (c *Client) SupplierInvoice(ctx context.Context, number string) (*core.SupplierInvoice, error) {
	op := "x3 read supplier invoice " + number + " (GraphQL)"
	if number == "" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: errors.New("empty invoice number")}
	}
	v, err := c.ready(ctx, op, core.CapPollInvoices)
	if err != nil {
		return nil, err
	}
	sel := c.recordSelection(v, v, "invoice", invoiceHeaderNeeds, invoiceLineNeeds, c.names.InvoiceLines)
	body, err := c.post(ctx, op, gqlRequest{Query: c.readQuery(c.names.Invoice, number, sel)})
	if err != nil {
		return nil, err
	}
	raw, err := c.resultNode(op, body, c.names.Invoice, "read")
	if err != nil {
		return nil, err
	}
	inv, err := c.decodeInvoiceNode(raw)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Err: err}
	}
	return inv, nil
}

func (c *Client) decodeInvoiceNode(raw json.RawMessage) (*core.SupplierInvoice, error) {
	r, err := decodeRecord(raw, c.names)
	if err != nil {
		return nil, err
	}
	num := r.text("PINVOICE.NUM")
	lines, more := r.lines(c.names.InvoiceLines)
	if more {
		return nil, fmt.Errorf("invoice %s has more than %d lines, beyond what the connector reads", num, maxLines)
	}
	updated, err := parseGraphQLStamp(r.text("PINVOICE.UPDDATTIM"))
	if err != nil {
		return nil, fmt.Errorf("invoice %s: %w", num, err)
	}
	var e errs
	inv := &core.SupplierInvoice{
		Number: num, Type: e.int(r.menu("PINVOICE.PIHTYP", invoiceTypes)), Supplier: r.text("PINVOICE.BPR"),
		SupplierDoc: r.text("PINVOICE.BPRVCR"), SupplierDocDate: x3wire.Date(r.text("PINVOICE.BPRDAT")),
		AccountingDate: x3wire.Date(r.text("PINVOICE.ACCDAT")), Currency: r.text("PINVOICE.CUR"),
		AmountExTax: e.num(r.number("PINVOICE.AMTNOT")), AmountIncTax: e.num(r.number("PINVOICE.AMTATI")),
		PaymentTerms: r.text("PINVOICE.PTE"), Site: r.text("PINVOICE.FCY"), Company: r.text("PINVOICE.CPY"),
		Status: e.int(r.menu("PINVOICE.STA", invoiceStatuses)), Updated: updated, Raw: raw,
	}
	for _, l := range lines {
		inv.Lines = append(inv.Lines, core.InvoiceLine{
			Line: int(e.num(l.number("PINVOICED.PIDLIN"))), Item: l.text("PINVOICED.ITMREF"),
			Description: l.text("PINVOICED.ITMDES"), Unit: l.text("PINVOICED.UOM"),
			Quantity: e.num(l.number("PINVOICED.QTYUOM")), NetPrice: e.num(l.number("PINVOICED.NETPRI")),
			Amount: e.num(l.number("PINVOICED.AMTNOTLIN")), PONumber: l.text("PINVOICED.POHNUM"),
			POLine: int(e.num(l.number("PINVOICED.POPLIN"))), POSeq: int(e.num(l.number("PINVOICED.POQSEQ"))),
		})
	}
	if e.err != nil {
		return nil, fmt.Errorf("invoice %s: %w", num, e.err)
	}
	return inv, nil
}
