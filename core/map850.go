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
// code (00 original, 05 replace), named for the partner's release and guide
// (writeGuide). Lines the buyer cancelled are left out: a replacement
// without them is how the partner learns of it (closure.go). It returns a
// *MappingError when the record lacks something the partner needs.
func Map850(po *PurchaseOrder, partner Partner, mc MapConfig, purpose string) (json.RawMessage, error) {
	return map850Lines(po, po.OrderedLines(), partner, mc, purpose)
}

// MapCancel850 is the 850 that cancels po (BEG01 01): the order as it
// was placed, every line included, since a partner matches a cancellation
// to the order it holds.
func MapCancel850(po *PurchaseOrder, partner Partner, mc MapConfig) (json.RawMessage, error) {
	return map850Lines(po, po.Lines, partner, mc, PurposeCancel)
}

func map850Lines(po *PurchaseOrder, lines []POLine, partner Partner, mc MapConfig, purpose string) (json.RawMessage, error) {
	t, err := build850(po, lines, partner, mc, purpose)
	if err != nil {
		return nil, err
	}
	return writeGuide(t, guide850Names, partner.ReleaseFor(Kind850), partner.Guides[Kind850]), nil
}

// build850 is the 850 of po with lines as a release-neutral tree.
func build850(po *PurchaseOrder, lines []POLine, partner Partner, mc MapConfig, purpose string) (gtree, error) {
	problems := &MappingError{}
	check850Header(po, lines, mc, problems)
	loops := mapPO1Loops(po, lines, mc, problems)
	if len(problems.Problems) > 0 {
		return gtree{}, problems
	}
	heading := append([]gpart{seg("ST", "850", 1), seg("BEG", purpose, "SA", po.Number, nil, po.OrderDate)},
		poHeading(po, partner, mc)...)
	total := iteration(seg("CTT", len(loops)), seg("AMT", "TT", orderTotal(lines)))
	return gtree{Heading: heading, Detail: loops, Summary: []gpart{total}}, nil
}

// poHeading is what an 850 and an 860 say of the PO after their
// beginning segment: currency, reference, buyer, delivery date, parties.
func poHeading(po *PurchaseOrder, partner Partner, mc MapConfig) []gpart {
	var heading []gpart
	if po.Currency != "" {
		heading = append(heading, seg("CUR", "BY", po.Currency))
	}
	heading = append(heading, poReferences(po)...)
	heading = append(heading, buyerContact(po, mc)...)
	heading = append(heading, requestedDelivery(po.ExpectedReceipt)...)
	return append(heading, parties850(po, partner, mc)...)
}

func check850Header(po *PurchaseOrder, lines []POLine, mc MapConfig, p *MappingError) {
	if po.Number == "" {
		p.add("purchase order has no number (POHNUM)")
	}
	if po.OrderDate == "" {
		p.add("PO %s: no order date (ORDDAT)", po.Number)
	}
	switch {
	case len(po.Lines) == 0:
		p.add("PO %s: no lines (PORDERQ)", po.Number)
	case len(lines) == 0:
		p.add("PO %s: every line is closed (LINCLEFLG)", po.Number)
	}
	if _, ok := mc.Sites[po.ReceivingSite]; !ok {
		p.add("PO %s: receiving site %q (RCPFCY) has no ship-to address in the configuration [sites.%s]",
			po.Number, po.ReceivingSite, po.ReceivingSite)
	}
}

func mapPO1Loops(po *PurchaseOrder, lines []POLine, mc MapConfig, p *MappingError) []gpart {
	loops := make([]gpart, 0, len(lines))
	for _, l := range lines {
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
		po1 := seg("PO1", append([]any{strconv.Itoa(l.Line), l.Quantity, unit, l.NetPrice, "PE"},
			productIDs(l.Item, l.SupplierItem)...)...)
		body := append(descriptionLoop(l.Description), requestedDelivery(l.ExpectedReceipt)...)
		loops = append(loops, iteration(po1, body...))
	}
	return loops
}

// productIDs are a line's product/service id pairs: our item (BP), and
// the supplier's part (VP) when X3 has it.
func productIDs(item, supplierItem string) []any {
	return []any{"BP", item, qualIf("VP", supplierItem), supplierItem}
}

func qualIf(q, v string) string {
	if v == "" {
		return ""
	}
	return q
}

func descriptionLoop(desc string) []gpart {
	if desc == "" {
		return nil
	}
	if len(desc) > 80 { // PID05 is at most 80 characters
		desc = desc[:80]
	}
	return []gpart{iteration(seg("PID", "F", nil, nil, nil, desc))}
}

func requestedDelivery(date string) []gpart {
	if date == "" {
		return nil
	}
	return []gpart{seg("DTM", "002", date)}
}

func poReferences(po *PurchaseOrder) []gpart {
	if po.InternalRef == "" {
		return nil
	}
	return []gpart{seg("REF", "IA", po.InternalRef)}
}

func buyerContact(po *PurchaseOrder, mc MapConfig) []gpart {
	if po.Buyer == "" {
		return nil
	}
	name := mc.BuyerContacts[po.Buyer]
	if name == "" {
		name = po.Buyer
	}
	return []gpart{seg("PER", "BD", name)}
}

func parties850(po *PurchaseOrder, partner Partner, mc MapConfig) []gpart {
	supplierQual := partner.SupplierIDQualifier
	if supplierQual == "" {
		supplierQual = "92"
	}
	supplierID := partner.SupplierIDOverride
	if supplierID == "" {
		supplierID = po.Supplier
	}
	return []gpart{
		partyLoop("BY", mc.Buyer),
		partyLoop("ST", mc.Sites[po.ReceivingSite]),
		partyLoop("SU", Party{Name: po.SupplierName, IDQualifier: supplierQual, ID: supplierID}),
	}
}

// partyLoop is an N1 loop: N1, then N3 and N4 when the party has an address.
func partyLoop(entity string, p Party) gpart {
	qual := qualIf(p.IDQualifier, p.ID)
	if p.ID != "" && p.IDQualifier == "" {
		qual = "92"
	}
	var body []gpart
	if p.Address1 != "" {
		body = append(body, seg("N3", p.Address1, p.Address2))
	}
	if p.City != "" || p.PostalCode != "" {
		body = append(body, seg("N4", p.City, p.State, p.PostalCode, p.Country))
	}
	return iteration(seg("N1", entity, p.Name, qual, p.ID), body...)
}

// orderTotal sums the lines rather than trusting TOTORD, so AMT*TT always
// agrees with the PO1 lines the partner sees.
func orderTotal(lines []POLine) float64 {
	var cents int64
	for _, l := range lines {
		cents += int64(l.Quantity*l.NetPrice*100 + 0.5)
	}
	return float64(cents) / 100
}
