package x3sim

import (
	"strconv"
	"time"
)

// Local menus of PINVOICE as enums: PIHTYP (menu 533) and STA (menu 509).
var (
	gqlInvoiceType   = []string{"invoice", "additionalInvoice", "creditMemo", "creditMemoReturn"}
	gqlInvoiceStatus = []string{"pending", "toValidate", "validated"}
)

// gqlInvoiceProperties are the purchaseInvoice properties a filter or an
// orderBy may name.
var gqlInvoiceProperties = map[string]property[Invoice]{
	"_id":            stringProp(func(i *Invoice) string { return i.Number }),
	"id":             stringProp(func(i *Invoice) string { return i.Number }),
	"_createStamp":   dateTimeProp(func(i *Invoice) time.Time { return i.Created }),
	"_updateStamp":   dateTimeProp(func(i *Invoice) time.Time { return i.Updated }),
	"supplier":       stringProp(func(i *Invoice) string { return i.Supplier }),
	"site":           stringProp(func(i *Invoice) string { return i.Site }),
	"accountingDate": dateProp(func(i *Invoice) string { return i.AccountingDate }),
}

// invoiceNode is a supplier invoice as the GraphQL purchaseInvoice node.
// The node's name and properties are our reading of PINVOICE (Sage
// documents no purchase-invoice node): see gqlSchema.
func invoiceNode(inv *Invoice) *gqlObject {
	supplier := &gqlObject{typeName: "Supplier", fields: map[string]any{
		"code": &gqlObject{typeName: "BusinessPartner", fields: map[string]any{"code": inv.Supplier}}, "companyName1": nil}}
	return &gqlObject{typeName: "PurchaseInvoice", fields: map[string]any{
		"_id": inv.Number, "id": inv.Number, "_createStamp": gqlStamp(inv.Created), "_updateStamp": gqlStamp(inv.Updated),
		"invoiceType": enumName(gqlInvoiceType, inv.Type), "supplier": supplier,
		"supplierDocumentNumber": inv.SupplierDoc, "supplierDocumentDate": gqlDate(inv.SupplierDocDate),
		"accountingDate": gqlDate(inv.AccountingDate), "currency": ref("Currency", inv.Currency),
		"totalAmountExcludingTax": inv.AmountExTax, "totalAmountIncludingTax": inv.AmountIncTax,
		"paymentTerm": ref("PaymentTerm", inv.PaymentTerms), "site": ref("Site", inv.Site),
		"company": ref("Company", inv.Company), "status": enumName(gqlInvoiceStatus, inv.Status),
		"lines": &gqlObject{typeName: "PurchaseInvoiceLine_Collection", fields: map[string]any{
			"query": gqlResolver(func(args map[string]any) (any, error) {
				nodes := make([]*gqlObject, len(inv.Lines))
				for i, l := range inv.Lines {
					nodes[i] = invoiceLineNode(inv, l)
				}
				return listConnection("PurchaseInvoiceLine", nodes, args)
			}),
		}},
	}}
}

func invoiceLineNode(inv *Invoice, l InvoiceLine) *gqlObject {
	var po any
	if l.PO != "" {
		po = l.PO
	}
	return &gqlObject{typeName: "PurchaseInvoiceLine", fields: map[string]any{
		"_id": inv.Number + "|" + strconv.Itoa(l.Line), "lineNumber": l.Line,
		"product":     &gqlObject{typeName: "Product", fields: map[string]any{"code": l.Item, "description1": l.Description}},
		"invoiceUnit": ref("UnitOfMeasure", l.Unit), "quantityInInvoiceUnit": l.Quantity, "netPrice": l.NetPrice,
		"lineAmountExcludingTax": l.Amount, "purchaseOrder": po,
		"purchaseOrderLineNumber": l.POLine, "purchaseOrderSequenceNumber": l.POSeq,
	}}
}

// invoiceTable serves purchaseInvoice.query.
func (s *Server) invoiceTable() gqlTable[Invoice] {
	return gqlTable[Invoice]{prefix: "PurchaseInvoice", props: gqlInvoiceProperties, node: invoiceNode,
		id: func(i *Invoice) string { return i.Number },
		rows: func(match func(*Invoice) bool) []*Invoice {
			s.mu.RLock()
			defer s.mu.RUnlock()
			var out []*Invoice
			for _, k := range s.invoices.keys {
				if inv := s.invoices.byNum[k]; match(inv) {
					out = append(out, inv)
				}
			}
			return out
		}}
}

// gqlReadInvoice resolves purchaseInvoice.read(_id:); unknown reads null.
func (s *Server) gqlReadInvoice(args map[string]any) (any, error) {
	id, _ := args["_id"].(string)
	if id == "" {
		return nil, &gqlFieldError{message: "read needs an _id"}
	}
	s.mu.RLock()
	inv := s.invoices.byNum[id]
	s.mu.RUnlock()
	if inv == nil {
		return (*gqlObject)(nil), nil
	}
	return invoiceNode(inv), nil
}
