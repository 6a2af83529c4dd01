package core

import (
	"encoding/json"
	"strconv"
	"time"
)

// A partner that takes change orders (Partner.ChangeSet 860) gets its PO
// once as an 850 and every later revision as an 860 (x12.md §2.1 for the
// purpose codes; the 860's structure in guidenames.go): BCH01 01 cancels
// the whole PO, BCH01 04 carries one POC loop per line that differs from
// what the partner was last told (the OrderLine list stored with that
// revision), coded by what changed (element 670).

// Change or response type codes (element 670, POC02) the 860 uses.
const (
	changeAdd        = "AI" // add additional item
	changeDelete     = "DI" // delete item: the buyer cancelled the line
	changeQtyUp      = "QI"
	changeQtyDown    = "QD"
	changePrice      = "PC"
	changeReschedule = "RS"
	changePriceQty   = "PQ"
	changeDateQty    = "RQ"
	changePriceDate  = "PR"
	changeLine       = "CA" // changes to line items: several at once, or the item itself
)

// OrderLine is one PO line as a partner was told it: stored with each
// revision, it is what the next 860 is computed against.
type OrderLine struct {
	Line         int     `json:"line"`
	Item         string  `json:"item"`
	SupplierItem string  `json:"supplier_item,omitempty"`
	Description  string  `json:"description,omitempty"`
	Unit         string  `json:"unit"` // X12 unit code
	Quantity     float64 `json:"quantity"`
	Price        float64 `json:"price"`
	Date         string  `json:"date,omitempty"` // requested delivery, YYYY-MM-DD
}

// OrderLinesOf is what the partner is asked for: the ordered lines of po
// (those the buyer cancelled left out), units in X12.
func OrderLinesOf(po *PurchaseOrder, mc MapConfig) []OrderLine {
	lines := po.OrderedLines()
	out := make([]OrderLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, OrderLine{Line: l.Line, Item: l.Item, SupplierItem: l.SupplierItem, Description: l.Description,
			Unit: mc.Unit(l.Unit), Quantity: l.Quantity, Price: l.NetPrice, Date: l.ExpectedReceipt})
	}
	return out
}

// Map860 maps po to an 860 of the given purpose: 01 cancels it, 04 lists
// the lines that differ from before (the partner's current view), named
// for the partner's 860 release and guide. revision is the change order's
// sequence number (BCH05).
func Map860(po *PurchaseOrder, partner Partner, mc MapConfig, purpose string, revision int, before []OrderLine) (json.RawMessage, error) {
	lines := po.OrderedLines()
	if purpose == PurposeCancel {
		lines = po.Lines
	}
	problems := &MappingError{}
	check850Header(po, lines, mc, problems)
	mapPO1Loops(po, lines, mc, problems) // the same line checks as the 850's
	if len(problems.Problems) > 0 {
		return nil, problems
	}
	bch := seg("BCH", purpose, "SA", po.Number, nil, strconv.Itoa(revision), po.OrderDate, nil, nil, nil, nil, changeDate(po))
	t := gtree{Heading: append([]gpart{seg("ST", "860", 1), bch}, poHeading(po, partner, mc)...)}
	if purpose != PurposeCancel {
		t.Detail = lineChanges(before, OrderLinesOf(po, mc))
	}
	if len(t.Detail) > 0 {
		t.Summary = []gpart{iteration(seg("CTT", len(t.Detail)))}
	}
	return writeGuide(t, guide860Names, partner.ReleaseFor(Kind860), partner.Guides[Kind860]), nil
}

// changeDate is the date of the change (BCH11): the day X3 last stamped the PO.
func changeDate(po *PurchaseOrder) any {
	if po.Updated.IsZero() {
		return nil
	}
	return po.Updated.UTC().Format(time.DateOnly)
}

// lineChanges is one POC loop per line added, deleted or changed, in line order.
func lineChanges(before, after []OrderLine) []gpart {
	old := make(map[int]OrderLine, len(before))
	for _, l := range before {
		old[l.Line] = l
	}
	var loops []gpart
	seen := map[int]bool{}
	for _, l := range after {
		seen[l.Line] = true
		prev, existed := old[l.Line]
		switch code := changeCode(prev, l); {
		case !existed:
			loops = append(loops, pocLoop(changeAdd, l))
		case code != "":
			loops = append(loops, pocLoop(code, l))
		}
	}
	for _, l := range before {
		if !seen[l.Line] {
			loops = append(loops, pocLoop(changeDelete, l))
		}
	}
	return loops
}

// changeCode is the POC02 code of what differs between two states of a
// line ("" when nothing does).
func changeCode(was, now OrderLine) string {
	if was.Item != now.Item || was.SupplierItem != now.SupplierItem || was.Unit != now.Unit || was.Description != now.Description {
		return changeLine
	}
	q, p, d := was.Quantity != now.Quantity, was.Price != now.Price, was.Date != now.Date
	switch {
	case q && p && d:
		return changeLine
	case q && p:
		return changePriceQty
	case q && d:
		return changeDateQty
	case p && d:
		return changePriceDate
	case q && now.Quantity > was.Quantity:
		return changeQtyUp
	case q:
		return changeQtyDown
	case p:
		return changePrice
	case d:
		return changeReschedule
	}
	return ""
}

// pocLoop is one line's POC loop: the line as it now stands (as it stood,
// for a deletion), its description and requested delivery date.
func pocLoop(code string, l OrderLine) gpart {
	poc := seg("POC", append([]any{strconv.Itoa(l.Line), code, l.Quantity, nil, gcomposite{l.Unit}, l.Price, "PE"},
		productIDs(l.Item, l.SupplierItem)...)...)
	body := descriptionLoop(l.Description)
	if code != changeDelete {
		body = append(body, requestedDelivery(l.Date)...)
	}
	return iteration(poc, body...)
}
