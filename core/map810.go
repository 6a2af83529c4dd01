package core

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Map810 maps an X3 supplier invoice to 810 Guide JSON with the given
// purpose code (BIG08: 00 original, 05 replace). It returns a
// *MappingError when the record lacks something every 810 needs; what a
// particular partner needs is checked by Preflight810.
func Map810(inv *SupplierInvoice, partner Partner, mc MapConfig, purpose string) (json.RawMessage, error) {
	t, err := build810(inv, partner, mc, purpose)
	if err != nil {
		return nil, err
	}
	return writeGuide(t, guide810Names, partner.ReleaseFor(Kind810), partner.Guides[Kind810]), nil
}

// build810 is the 810 of inv as a release-neutral tree.
func build810(inv *SupplierInvoice, partner Partner, mc MapConfig, purpose string) (gtree, error) {
	problems := &MappingError{}
	check810Header(inv, problems)
	lines := mapIT1Loops(inv, mc, problems)
	if len(problems.Problems) > 0 {
		return gtree{}, problems
	}
	poNumber, poDate := inv.PurchaseOrderNumber(), ""
	if poNumber != "" {
		poDate = inv.PODate
	}
	heading := []gpart{
		seg("ST", "810", 1),
		seg("BIG", invoiceDate(inv), inv.Number, poDate, poNumber, nil, nil, transactionType(inv.Type), purpose),
	}
	if inv.Currency != "" {
		heading = append(heading, seg("CUR", "BY", inv.Currency))
	}
	heading = append(heading, invoiceReferences(inv)...)
	heading = append(heading, parties810(inv, partner, mc)...)
	heading = append(heading, termsOfSale(inv.PaymentTerms)...)
	summary := append([]gpart{seg("TDS", round2(inv.AmountIncTax))}, invoiceTax(inv)...)
	summary = append(summary, seg("CTT", len(lines)))
	return gtree{Heading: heading, Detail: lines, Summary: summary}, nil
}

func check810Header(inv *SupplierInvoice, p *MappingError) {
	if inv.Number == "" {
		p.add("supplier invoice has no number (NUM)")
	}
	if invoiceDate(inv) == "" {
		p.add("invoice %s: no document date (BPRDAT) and no accounting date (ACCDAT)", inv.Number)
	}
	if inv.Type < InvoiceTypeInvoice || inv.Type > InvoiceTypeCreditRet {
		p.add("invoice %s: invoice type %d (PIHTYP) is not 1 invoice, 2 additional invoice, 3 credit memo or 4 credit memo/return", inv.Number, inv.Type)
	}
	if len(inv.Lines) == 0 {
		p.add("invoice %s: no lines (PINVOICED)", inv.Number)
	}
}

func mapIT1Loops(inv *SupplierInvoice, mc MapConfig, p *MappingError) []gpart {
	singlePO := inv.PurchaseOrderNumber() != ""
	loops := make([]gpart, 0, len(inv.Lines))
	for _, l := range inv.Lines {
		unit := mc.Unit(l.Unit)
		if unit == "" {
			p.add("invoice %s line %d: unit %q (UOM) has no X12 unit code; add it under [units]", inv.Number, l.Line, l.Unit)
		}
		if l.Item == "" {
			p.add("invoice %s line %d: no item (ITMREF)", inv.Number, l.Line)
		}
		// IT101 echoes the PO101 of the 850 (the PO line) so the partner
		// can match the line; lines of several POs keep their own number.
		id := l.Line
		if singlePO && l.POLine > 0 {
			id = l.POLine
		}
		it1 := seg("IT1", strconv.Itoa(id), l.Quantity, unit, l.NetPrice, "PE", "BP", l.Item,
			qualIf("VP", l.SupplierItem), l.SupplierItem)
		loops = append(loops, iteration(it1, descriptionLoop(l.Description)...))
	}
	return loops
}

// invoiceDate is BIG01: the document date (BPRDAT), which on a
// self-billing invoice is the date agreed with the supplier, else the
// accounting date (ACCDAT).
func invoiceDate(inv *SupplierInvoice) string {
	if inv.SupplierDocDate != "" {
		return inv.SupplierDocDate
	}
	return inv.AccountingDate
}

// transactionType is BIG07 (element 640) for the X3 invoice type.
func transactionType(pihtyp int) string {
	switch pihtyp {
	case InvoiceTypeCreditMemo, InvoiceTypeCreditRet:
		return "CR" // credit memo
	case InvoiceTypeAdditional:
		return "DR" // debit memo
	}
	return ""
}

// invoiceReferences gives the partner our number for it (REF*IA, internal
// vendor number) and its own document number when X3 has one (REF*IV,
// seller's invoice number).
func invoiceReferences(inv *SupplierInvoice) []gpart {
	refs := []gpart{seg("REF", "IA", inv.Supplier)}
	if inv.SupplierDoc != "" {
		refs = append(refs, seg("REF", "IV", inv.SupplierDoc))
	}
	return refs
}

// parties810 names the buyer (us, who pays: N1*BY), the ship-to site of the
// PO (or the invoicing site) when the configuration knows it, and the
// seller (N1*SE) with the id the partner knows.
func parties810(inv *SupplierInvoice, partner Partner, mc MapConfig) []gpart {
	loops := []gpart{partyLoop("BY", mc.Buyer)}
	site := inv.POReceivingSite
	if site == "" {
		site = inv.Site
	}
	if shipTo, ok := mc.Sites[site]; ok {
		loops = append(loops, partyLoop("ST", shipTo))
	}
	qual, id := partner.SupplierIDQualifier, partner.SupplierIDOverride
	if qual == "" {
		qual = "92"
	}
	if id == "" {
		id = inv.Supplier
	}
	return append(loops, partyLoop("SE", Party{IDQualifier: qual, ID: id}))
}

// termsOfSale turns an X3 payment term code into ITD. Codes of the common
// "NET<days>" shape become net days from the invoice date (ITD01 05, ITD02
// 3); any other code is sent as previously agreed terms (ITD01 14) with the
// code as description, since X3's term definitions are not read.
func termsOfSale(pte string) []gpart {
	if pte == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(strings.ToUpper(pte), "NET"); ok {
		if days, err := strconv.Atoi(rest); err == nil && days > 0 {
			return []gpart{seg("ITD", "05", "3", nil, nil, nil, nil, days)}
		}
	}
	return []gpart{seg("ITD", "14", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, pte)}
}

// invoiceTax is the tax X3 added (AMTATI − AMTNOT) as one all-taxes TXI,
// so TDS01 equals the lines plus TXI02.
func invoiceTax(inv *SupplierInvoice) []gpart {
	tax := round2(inv.AmountIncTax - inv.AmountExTax)
	if tax <= 0 {
		return nil
	}
	return []gpart{seg("TXI", "TX", tax)}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
