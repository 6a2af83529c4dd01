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
	problems := &MappingError{}
	check810Header(inv, problems)
	lines := mapIT1Loops(inv, mc, problems)
	if len(problems.Problems) > 0 {
		return nil, problems
	}
	big := segBIG{Date: invoiceDate(inv), Number: inv.Number, PONumber: inv.PurchaseOrderNumber(),
		Type: transactionType(inv.Type), Purpose: purpose}
	if big.PONumber != "" {
		big.PODate = inv.PODate
	}
	doc := guide810{
		Heading: heading810{
			ST:  segST{SetID: "810", ControlNumber: 1},
			BIG: big,
			REF: invoiceReferences(inv),
			N1:  parties810(inv, partner, mc),
			ITD: termsOfSale(inv.PaymentTerms),
		},
		Detail: detail810{IT1: lines},
		Summary: summary810{
			TDS: segTDS{Amount: round2(inv.AmountIncTax)},
			TXI: invoiceTax(inv),
			CTT: segCTT{Lines: len(lines)},
		},
	}
	if inv.Currency != "" {
		doc.Heading.CUR = &segCUR{Entity: "BY", Currency: inv.Currency}
	}
	return json.Marshal(doc)
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

func mapIT1Loops(inv *SupplierInvoice, mc MapConfig, p *MappingError) []it1Loop {
	singlePO := inv.PurchaseOrderNumber() != ""
	loops := make([]it1Loop, 0, len(inv.Lines))
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
		loops = append(loops, it1Loop{
			IT1: segIT1{
				LineID: strconv.Itoa(id), Quantity: l.Quantity, Unit: unit, UnitPrice: l.NetPrice,
				PriceBasis: "PE", Qual1: "BP", ID1: l.Item, Qual2: qualIf("VP", l.SupplierItem), ID2: l.SupplierItem,
			},
			PID: descriptionLoop(l.Description),
		})
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
func invoiceReferences(inv *SupplierInvoice) []segREF {
	refs := []segREF{{Qualifier: "IA", ID: inv.Supplier}}
	if inv.SupplierDoc != "" {
		refs = append(refs, segREF{Qualifier: "IV", ID: inv.SupplierDoc})
	}
	return refs
}

// parties810 names the buyer (us, who pays: N1*BY), the ship-to site of the
// PO (or the invoicing site) when the configuration knows it, and the
// seller (N1*SE) with the id the partner knows.
func parties810(inv *SupplierInvoice, partner Partner, mc MapConfig) []partyN1Loop {
	loops := []partyN1Loop{partyLoop("BY", mc.Buyer)}
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
func termsOfSale(pte string) []segITD {
	if pte == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(strings.ToUpper(pte), "NET"); ok {
		if days, err := strconv.Atoi(rest); err == nil && days > 0 {
			return []segITD{{TermsType: "05", BasisDate: "3", NetDays: days}}
		}
	}
	return []segITD{{TermsType: "14", Description: pte}}
}

// invoiceTax is the tax X3 added (AMTATI − AMTNOT) as one all-taxes TXI,
// so TDS01 equals the lines plus TXI02.
func invoiceTax(inv *SupplierInvoice) []segTXI {
	tax := round2(inv.AmountIncTax - inv.AmountExTax)
	if tax <= 0 {
		return nil
	}
	return []segTXI{{TaxType: "TX", Amount: tax}}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
