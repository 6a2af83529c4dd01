package rest

import (
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// supplierInvoice maps a PINVOICE $details record through the configured
// names (sagex3-api.md §3.5).
func (c *Client) supplierInvoice(body []byte) (*core.SupplierInvoice, error) {
	r, err := decodeResource(body)
	if err != nil {
		return nil, err
	}
	rd := &reader{r: r, n: c.names}
	inv := &core.SupplierInvoice{
		Number: rd.str(InvoiceNumber), Type: int(rd.num(InvoiceType)), Supplier: rd.str(InvoiceSupplier),
		SupplierDoc: rd.str(InvoiceSupplierDoc), SupplierDocDate: rd.date(InvoiceSupplierDate),
		AccountingDate: rd.date(InvoiceAccountingDate), Currency: rd.str(InvoiceCurrency),
		AmountExTax: rd.num(InvoiceAmount), AmountIncTax: rd.num(InvoiceAmountTax), PaymentTerms: rd.str(InvoicePaymentTerms),
		Site: rd.str(InvoiceSite), Company: rd.str(InvoiceCompany), Status: int(rd.num(InvoiceStatus)),
		Updated: rd.stamp(InvoiceUpdated), Raw: body,
	}
	lines, err := r.lines(c.names.Get(InvoiceLines), InvoiceLines)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		lr := &reader{r: l, n: c.names}
		il := core.InvoiceLine{
			Line: int(lr.num(InvoiceLineNumber)), Item: lr.str(InvoiceLineItem), Description: lr.str(InvoiceLineDesc),
			Unit: lr.str(InvoiceLineUnit), Quantity: lr.num(InvoiceLineQuantity), NetPrice: lr.num(InvoiceLineNetPrice),
			Amount: lr.num(InvoiceLineAmount), PONumber: lr.str(InvoiceLinePO), POLine: int(lr.num(InvoiceLinePOLine)),
			POSeq: int(lr.num(InvoiceLinePOSeq)),
		}
		if lr.err != nil {
			rd.keep(fmt.Errorf("line %d: %w", il.Line, lr.err))
		}
		inv.Lines = append(inv.Lines, il)
	}
	if rd.err != nil {
		return nil, rd.err
	}
	return inv, nil
}
