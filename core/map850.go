package core

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// MappingError lists everything in an X3 record that keeps it from becoming
// a valid document. Each problem names the record, line and X3 field to fix.
type MappingError struct {
	Problems []string
}

func (e *MappingError) Error() string {
	return strings.Join(e.Problems, "; ")
}

func (e *MappingError) add(format string, args ...any) {
	e.Problems = append(e.Problems, fmt.Sprintf(format, args...))
}

// Map850 maps an X3 purchase order to 850 Guide JSON with the given purpose
// code (00 original, 05 replace). It returns a *MappingError when the record
// lacks something the partner needs.
func Map850(po *PurchaseOrder, partner Partner, mc MapConfig, purpose string) (json.RawMessage, error) {
	problems := &MappingError{}
	check850Header(po, mc, problems)
	lines := mapPO1Loops(po, mc, problems)
	if len(problems.Problems) > 0 {
		return nil, problems
	}
	doc := guide850{
		Heading: heading850{
			ST:  segST{SetID: "850", ControlNumber: 1},
			BEG: segBEG{Purpose: purpose, Type: "SA", PONumber: po.Number, Date: po.OrderDate},
			CUR: &segCUR{Entity: "BY", Currency: po.Currency},
			REF: poReferences(po),
			PER: buyerContact(po, mc),
			DTM: requestedDelivery(po.ExpectedReceipt),
			N1:  parties850(po, partner, mc),
		},
		Detail:  detail850{PO1: lines},
		Summary: summary850{CTT: []cttLoop{{CTT: segCTT{Lines: len(lines)}, AMT: &segAMT{Qualifier: "TT", Amount: orderTotal(po)}}}},
	}
	if po.Currency == "" {
		doc.Heading.CUR = nil
	}
	return json.Marshal(doc)
}

func check850Header(po *PurchaseOrder, mc MapConfig, p *MappingError) {
	if po.Number == "" {
		p.add("purchase order has no number (POHNUM)")
	}
	if po.OrderDate == "" {
		p.add("PO %s: no order date (ORDDAT)", po.Number)
	}
	if len(po.Lines) == 0 {
		p.add("PO %s: no lines (PORDERQ)", po.Number)
	}
	if _, ok := mc.Sites[po.ReceivingSite]; !ok {
		p.add("PO %s: receiving site %q (RCPFCY) has no ship-to address in the configuration [sites.%s]",
			po.Number, po.ReceivingSite, po.ReceivingSite)
	}
}

func mapPO1Loops(po *PurchaseOrder, mc MapConfig, p *MappingError) []po1Loop {
	loops := make([]po1Loop, 0, len(po.Lines))
	for _, l := range po.Lines {
		unit := mc.Unit(l.Unit)
		if unit == "" {
			p.add("PO %s line %d: unit %q (UOM) has no X12 unit code; add it under [units]", po.Number, l.Line, l.Unit)
		}
		if l.Quantity <= 0 {
			p.add("PO %s line %d: ordered quantity must be above zero (QTYUOM)", po.Number, l.Line)
		}
		if l.Item == "" {
			p.add("PO %s line %d: no item (ITMREF)", po.Number, l.Line)
		}
		loops = append(loops, po1Loop{
			PO1: segPO1{
				LineID: strconv.Itoa(l.Line), Quantity: l.Quantity, Unit: unit, UnitPrice: l.NetPrice,
				PriceBasis: "PE", Qual1: "BP", ID1: l.Item, Qual2: qualIf("VP", l.SupplierItem), ID2: l.SupplierItem,
			},
			PID: descriptionLoop(l.Description),
			DTM: requestedDelivery(l.ExpectedReceipt),
		})
	}
	return loops
}

func qualIf(q, v string) string {
	if v == "" {
		return ""
	}
	return q
}

func descriptionLoop(desc string) []pidLoop {
	if desc == "" {
		return nil
	}
	if len(desc) > 80 { // PID05 is at most 80 characters
		desc = desc[:80]
	}
	return []pidLoop{{PID: segPID{Type: "F", Description: desc}}}
}

func requestedDelivery(date string) []segDTM {
	if date == "" {
		return nil
	}
	return []segDTM{{Qualifier: "002", Date: date}}
}

func poReferences(po *PurchaseOrder) []segREF {
	if po.InternalRef == "" {
		return nil
	}
	return []segREF{{Qualifier: "IA", ID: po.InternalRef}}
}

func buyerContact(po *PurchaseOrder, mc MapConfig) []segPER {
	if po.Buyer == "" {
		return nil
	}
	name := mc.BuyerContacts[po.Buyer]
	if name == "" {
		name = po.Buyer
	}
	return []segPER{{Function: "BD", Name: name}}
}

func parties850(po *PurchaseOrder, partner Partner, mc MapConfig) []partyN1Loop {
	supplierQual := partner.SupplierIDQualifier
	if supplierQual == "" {
		supplierQual = "92"
	}
	supplierID := partner.SupplierIDOverride
	if supplierID == "" {
		supplierID = po.Supplier
	}
	return []partyN1Loop{
		partyLoop("BY", mc.Buyer),
		partyLoop("ST", mc.Sites[po.ReceivingSite]),
		partyLoop("SU", Party{Name: po.SupplierName, IDQualifier: supplierQual, ID: supplierID}),
	}
}

func partyLoop(entity string, p Party) partyN1Loop {
	loop := partyN1Loop{N1: segN1{Entity: entity, Name: p.Name, Qualifier: qualIf(p.IDQualifier, p.ID), ID: p.ID}}
	if p.ID != "" && p.IDQualifier == "" {
		loop.N1.Qualifier = "92"
	}
	if p.Address1 != "" {
		loop.N3 = []segN3{{Line1: p.Address1, Line2: p.Address2}}
	}
	if p.City != "" || p.PostalCode != "" {
		loop.N4 = []segN4{{City: p.City, State: p.State, PostalCode: p.PostalCode, Country: p.Country}}
	}
	return loop
}

// orderTotal sums the lines rather than trusting TOTORD, so AMT*TT always
// agrees with the PO1 lines the partner sees.
func orderTotal(po *PurchaseOrder) float64 {
	var cents int64
	for _, l := range po.Lines {
		cents += int64(l.Quantity*l.NetPrice*100 + 0.5)
	}
	return float64(cents) / 100
}
