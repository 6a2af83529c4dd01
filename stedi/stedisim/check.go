package stedisim

import "fmt"

// document is what the simulator learns from one Guide JSON transaction.
type document struct {
	setID   string // ST01
	number  string // BEG03 of an 850, BIG02 of an 810, BCH03 of an 860
	purpose string // BEG01 of an 850, BIG08 of an 810, BCH01 of an 860
}

// problems collects what a partner would reject in one transaction. Every
// message names the element, e.g. "BEG03 purchase_order_number_03 is
// required".
type problems []string

func (p *problems) add(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

// want is one element a partner requires: its position and its Guide JSON
// name in release 005010, used in messages.
type want struct {
	pos  int
	name string
}

// require adds a problem for each wanted element seg lacks; where says
// where seg sits ("" or "PO1 loop 2: ").
func (p *problems) require(where, segID string, seg node, wants ...want) {
	for _, w := range wants {
		if !present(element(seg, w.pos)) {
			p.add("%s%s%02d %s is required", where, segID, w.pos, w.name)
		}
	}
}

// setChecks are the partner checks per transaction set. Sets without an
// entry are only checked for their ST01.
var setChecks = map[string]func(tx node, d *document, p *problems){
	"850": check850,
	"810": check810,
	"860": check860, // change.go
}

// inspect checks one transaction for a transaction setting of set wantSet.
func inspect(tx node, wantSet string) (document, problems) {
	var p problems
	st := first(find(section(tx, "heading"), "ST", false))
	d := document{setID: text(element(st, 1))}
	switch {
	case d.setID == "":
		p.add("ST01 transaction_set_identifier_code_01 is required")
	case d.setID != wantSet:
		p.add("ST01 is %q but the transaction setting is for %s", d.setID, wantSet)
	case setChecks[d.setID] != nil:
		setChecks[d.setID](tx, &d, &p)
	}
	return d, p
}

// beginning checks the beginning segment of a purchase order set (BEG,
// BCH: purpose 01, type 02, number 03, date at datePos) and reads the
// document's number and purpose from it.
func beginning(heading node, d *document, p *problems, id, key string, datePos int) {
	seg := first(find(heading, id, false))
	if seg == nil {
		p.add("%s %s is required", id, key)
		return
	}
	p.require("", id, seg,
		want{1, "transaction_set_purpose_code_01"},
		want{2, "purchase_order_type_code_02"},
		want{3, "purchase_order_number_03"},
		want{datePos, fmt.Sprintf("date_%02d", datePos)})
	d.number, d.purpose = text(element(seg, 3)), text(element(seg, 1))
}

func check850(tx node, d *document, p *problems) {
	heading := section(tx, "heading")
	beginning(heading, d, p, "BEG", "beginning_segment_for_purchase_order_BEG", 5)
	if !hasParty(heading, "ST") {
		p.add(`an N1 loop with N101 entity_identifier_code_01 "ST" (ship to) is required`)
	}
	loops := find(section(tx, "detail"), "PO1", true)
	if len(loops) == 0 {
		p.add("at least one PO1 loop baseline_item_data_PO1_loop is required")
	}
	for i, l := range loops {
		checkPO1(p, i+1, first(find(l, "PO1", false)))
	}
	checkLineCount(p, section(tx, "summary"), len(loops), "PO1")
}

func checkPO1(p *problems, n int, po1 node) {
	where := fmt.Sprintf("PO1 loop %d: ", n)
	if po1 == nil {
		p.add("%sPO1 baseline_item_data_PO1 is required", where)
		return
	}
	if q := element(po1, 2); !present(q) {
		p.add("%sPO102 quantity_02 is required", where)
	} else if f, ok := number(q); !ok || f <= 0 {
		p.add("%sPO102 quantity_02 must be a number greater than 0, not %q", where, text(q))
	}
	p.require(where, "PO1", po1,
		want{3, "unit_or_basis_for_measurement_code_03"},
		want{4, "unit_price_04"})
}

func check810(tx node, d *document, p *problems) {
	if big := first(find(section(tx, "heading"), "BIG", false)); big == nil {
		p.add("BIG beginning_segment_for_invoice_BIG is required")
	} else {
		p.require("", "BIG", big, want{1, "date_01"}, want{2, "invoice_number_02"})
		d.number, d.purpose = text(element(big, 2)), text(element(big, 8))
	}
	loops := find(section(tx, "detail"), "IT1", true)
	if len(loops) == 0 {
		p.add("at least one IT1 loop baseline_item_data_invoice_IT1_loop is required")
	}
	for i, l := range loops {
		checkIT1(p, i+1, first(find(l, "IT1", false)))
	}
	checkLineCount(p, section(tx, "summary"), len(loops), "IT1")
}

func checkIT1(p *problems, n int, it1 node) {
	where := fmt.Sprintf("IT1 loop %d: ", n)
	if it1 == nil {
		p.add("%sIT1 baseline_item_data_invoice_IT1 is required", where)
		return
	}
	if q := element(it1, 2); present(q) {
		if f, ok := number(q); !ok || f <= 0 {
			p.add("%sIT102 quantity_invoiced_02 must be a number greater than 0, not %q", where, text(q))
		}
	}
	p.require(where, "IT1", it1,
		want{2, "quantity_invoiced_02"},
		want{3, "unit_or_basis_for_measurement_code_03"},
		want{4, "unit_price_04"})
}

// hasParty reports whether an N1 loop has N101 = code.
func hasParty(heading node, code string) bool {
	for _, l := range find(heading, "N1", true) {
		if text(element(first(find(l, "N1", false)), 1)) == code {
			return true
		}
	}
	return false
}

// checkLineCount compares CTT01, when given, with the number of line loops.
// CTT is a loop in 005010 guides and a plain segment in some 004010 ones.
func checkLineCount(p *problems, summary node, lines int, lineID string) {
	ctt := first(find(summary, "CTT", false))
	if l := first(find(summary, "CTT", true)); l != nil {
		ctt = first(find(l, "CTT", false))
	}
	v := element(ctt, 1)
	if !present(v) {
		return
	}
	if f, ok := number(v); !ok || f != float64(lines) {
		p.add("CTT01 number_of_line_items_01 is %s but the transaction has %d %s loops", text(v), lines, lineID)
	}
}
