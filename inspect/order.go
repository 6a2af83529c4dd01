package inspect

import (
	"encoding/json"

	"github.com/mlconnector/ml-connector/x12"
)

// Order is what an 850's heading says.
type Order struct {
	Purpose        string `json:"purpose"` // BEG01 (353)
	PurposeMeaning string `json:"purpose_meaning,omitempty"`
	Type           string `json:"type"` // BEG02 (92)
	TypeMeaning    string `json:"type_meaning,omitempty"`
	Number         string `json:"number"` // BEG03: the PO number
	Release        string `json:"release,omitempty"`
	Date           string `json:"date"` // BEG05, YYYY-MM-DD
	Contract       string `json:"contract,omitempty"`
	Heading
}

// OrderTotals is what an 850's summary says, next to what its lines add up to.
type OrderTotals struct {
	Lines          int         `json:"lines"`                    // PO1 segments read
	LineAmount     json.Number `json:"line_amount"`              // the lines' amounts added up
	CTTLines       string      `json:"ctt_lines,omitempty"`      // CTT01 as sent
	CTTHashTotal   string      `json:"ctt_hash_total,omitempty"` // CTT02 as sent
	TotalAmount    json.Number `json:"total_amount,omitempty"`   // AMT02 where AMT01 is TT
	Other          []string    `json:"other_segments,omitempty"`
	totalAt        x12.Position
	hasTotalAmount bool
}

// orderReading reads an 850: the heading, then each PO1 loop as a line
// (written out when the next begins), then the CTT summary.
type orderReading struct {
	order   Order
	lines   lineRun
	totals  OrderTotals
	summary bool
}

func newOrderReading() *orderReading {
	return &orderReading{order: Order{Heading: Heading{Details: Details{where: "heading"}}}}
}

// orderHead and orderTail are what an 850's reading writes before and
// after its lines.
type orderHead struct {
	Order *Order `json:"purchase_order"`
}

type orderTail struct {
	Totals *OrderTotals `json:"totals"`
}

func (r *orderReading) header() any { return orderHead{&r.order} }

func (r *orderReading) listKey() string { return "lines" }

func (r *orderReading) add(seg x12.Segment, pos x12.Position, s *setScope) {
	switch {
	case s.stray && seg.ID != "PO1" && r.summary: // a stray line is still read as one
		r.totals.Other = capAppend(r.totals.Other, seg.String(), s, "summary segments")
	case seg.ID == "BEG" && !s.stray:
		e := seg.Element
		o := &r.order
		o.Purpose, o.PurposeMeaning, o.Type, o.TypeMeaning = e(1), purposeCodes.of(e(1)), e(2), orderTypes.of(e(2))
		o.Number, o.Release, o.Date, o.Contract = e(3), e(4), isoDate(e(5), "20060102"), e(6)
	case seg.ID == "PO1":
		r.lines.start(seg, pos, s)
	case seg.ID == "CTT" && !s.stray:
		r.lines.end(s)
		r.summary = true
		r.totals.CTTLines, r.totals.CTTHashTotal = seg.Element(1), seg.Element(2)
	case r.summary:
		r.readSummary(seg, pos, s)
	default:
		r.lines.body(seg, pos, &r.order.Heading, s)
	}
}

func (r *orderReading) readSummary(seg x12.Segment, pos x12.Position, s *setScope) {
	if seg.ID == "AMT" && seg.Element(1) == "TT" {
		r.totals.TotalAmount, r.totals.totalAt, r.totals.hasTotalAmount = s.number(seg, 2, pos), pos, true
		return
	}
	r.totals.Other = capAppend(r.totals.Other, seg.String(), s, "summary segments")
}

func (r *orderReading) finish(_ x12.Segment, pos x12.Position, s *setScope) any {
	r.lines.end(s)
	t := &r.totals
	t.Lines, t.LineAmount = r.lines.count, centsNumber(r.lines.cents)
	if got, ok := cents(t.TotalAmount); ok && t.hasTotalAmount && r.lines.unpriced == 0 && got != r.lines.cents {
		s.note(finding(x12.Warning, "TOTALS", t.totalAt, "AMT",
			"AMT*TT %s, but the PO1 lines add up to %s", t.TotalAmount, t.LineAmount))
	}
	if r.order.Number == "" {
		s.note(finding(x12.Warning, "NO-PO-NUMBER", pos, "BEG", "%s", "the 850 has no BEG03 purchase order number"))
	}
	return orderTail{t}
}
