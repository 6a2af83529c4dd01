package stedisim

import (
	"fmt"
	"slices"
)

// How the simulated partners take what changes a purchase order after its
// 850 (x12.md §2.1 for the purpose codes; the 860 after Stedi's X12
// reference, stedi.com/edi/x12/segment/BCH and /segment/POC):
//   - a cancellation, an 850 with BEG01 01 or an 860 with BCH01 01, makes
//     the answers still owed for the PO stale and asks for none: a
//     cancelled PO gets no 855 and no 856;
//   - an 860 change order (BCH01 04) is applied to the partner's memory of
//     the order (POC02 DI drops the line, AI adds it, any other code takes
//     the line's new quantity, unit, price and date), which the 855 and
//     856 still owed then follow. The partner answers an 860 with its 997
//     only: no 865 (the simulator's choice, to keep it simple).

// purposeCancel is BEG01/BCH01 01.
const purposeCancel = "01"

// cancel forgets what the partner owed for a PO.
func (d *partnerDesk) cancel(key string) {
	if st := d.orders[key]; st != nil {
		st.rev++ // every answer still owed is for an older revision now
	}
}

// change records an 860 change order for the PO's next answers.
func (d *partnerDesk) change(key string, a Accepted) {
	if st := d.orders[key]; st != nil {
		st.changes = append(st.changes, a)
		st.read = false
	}
}

// check860 checks an 860 (Purchase Order Change Request - Buyer Initiated).
func check860(tx node, d *document, p *problems) {
	beginning(section(tx, "heading"), d, p, "BCH", "beginning_segment_for_purchase_order_change_BCH", 6) // check.go
	loops := find(section(tx, "detail"), "POC", true)
	for i, l := range loops {
		where := fmt.Sprintf("POC loop %d: ", i+1)
		poc := first(find(l, "POC", false))
		if poc == nil {
			p.add("%sPOC line_item_change_POC is required", where)
			continue
		}
		p.require(where, "POC", poc, want{1, "assigned_identification_01"}, want{2, "change_or_response_type_code_02"})
	}
	checkLineCount(p, section(tx, "summary"), len(loops), "POC")
}

// apply changes o by one 860 change order.
func (o *order) apply(a Accepted) error {
	tx, err := decodeNode(a.Transaction)
	if err != nil {
		return err
	}
	for _, loop := range find(section(tx, "detail"), "POC", true) {
		poc := first(find(loop, "POC", false))
		id := text(element(poc, 1))
		i := slices.IndexFunc(o.lines, func(l orderLine) bool { return l.id == id })
		switch code := text(element(poc, 2)); {
		case code == "DI" && i >= 0:
			o.lines = slices.Delete(o.lines, i, i+1)
		case code == "DI":
		case i < 0:
			o.lines = append(o.lines, orderLine{id: id})
			i = len(o.lines) - 1
			fallthrough
		default:
			if err := o.lines[i].take(poc, loop); err != nil {
				return fmt.Errorf("POC %s: %w", id, err)
			}
		}
	}
	return nil
}

// take sets a line from a POC segment and its loop.
func (l *orderLine) take(poc, loop node) error {
	if q, ok := number(element(poc, 3)); ok {
		l.quantity = q
	}
	if unit, ok := element(poc, 5).(node); ok {
		l.unit = text(element(unit, 1))
	}
	if price := text(element(poc, 6)); price != "" {
		l.price = price
	}
	for i := range maxProductPairs {
		switch qual, id := text(element(poc, 8+2*i)), text(element(poc, 9+2*i)); qual {
		case "BP":
			l.buyerPart = id
		case "VP":
			l.vendorPart = id
		}
	}
	requested, err := requestedDate(loop)
	if err == nil && !requested.IsZero() {
		l.requested = requested
	}
	return err
}
