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
	lineCents      int64
	unpricedLines  int
	totalAt        x12.Position
	hasTotalAmount bool
}

// orderReading reads an 850: the heading, then each PO1 loop as a line
// (written out when the next begins), then the CTT summary.
type orderReading struct {
	order   Order
	line    *Line
	totals  OrderTotals
	summary bool
}

func newOrderReading() *orderReading { return &orderReading{order: Order{Heading: Heading{party: -1}}} }

func (r *orderReading) header() any {
	return struct {
		Order *Order `json:"purchase_order"`
	}{&r.order}
}

func (r *orderReading) listKey() string { return "lines" }

func (r *orderReading) add(seg x12.Segment, pos x12.Position, s *setScope) {
	switch {
	case s.stray && seg.ID != "PO1" && r.summary: // a stray line is still read as one
		r.totals.Other = capAppend(r.totals.Other, seg.String(), s, "summary segments")
	case s.stray && seg.ID != "PO1":
		keepStray(seg, &r.order.Heading, r.line, s)
	case seg.ID == "BEG":
		e := seg.Element
		o := &r.order
		o.Purpose, o.PurposeMeaning, o.Type, o.TypeMeaning = e(1), purposeCodes.of(e(1)), e(2), orderTypes.of(e(2))
		o.Number, o.Release, o.Date, o.Contract = e(3), e(4), isoDate(e(5), "20060102"), e(6)
	case seg.ID == "PO1":
		r.endLine(s)
		r.line = newLine(seg, pos, s)
	case seg.ID == "CTT":
		r.endLine(s)
		r.summary = true
		r.totals.CTTLines, r.totals.CTTHashTotal = seg.Element(1), seg.Element(2)
	case r.summary:
		r.readSummary(seg, pos, s)
	case r.line != nil:
		if !r.line.read(seg, pos, s) {
			r.line.Other = capAppend(r.line.Other, seg.String(), s, "line segments")
		}
	default:
		if !r.order.read(seg, pos, s) {
			r.order.Other = capAppend(r.order.Other, seg.String(), s, "heading segments")
		}
	}
}

func (r *orderReading) readSummary(seg x12.Segment, pos x12.Position, s *setScope) {
	if seg.ID == "AMT" && seg.Element(1) == "TT" {
		r.totals.TotalAmount, r.totals.totalAt, r.totals.hasTotalAmount = s.number(seg, 2, pos), pos, true
		return
	}
	r.totals.Other = capAppend(r.totals.Other, seg.String(), s, "summary segments")
}

// endLine writes out the open line and counts it in the totals.
func (r *orderReading) endLine(s *setScope) {
	if r.line == nil {
		return
	}
	r.totals.Lines++
	r.totals.lineCents += r.line.cents
	if !r.line.priced {
		r.totals.unpricedLines++
	}
	s.emit(r.line)
	r.line = nil
}

func (r *orderReading) finish(_ x12.Segment, pos x12.Position, s *setScope) any {
	r.endLine(s)
	t := &r.totals
	t.LineAmount = centsNumber(t.lineCents)
	if got, ok := cents(t.TotalAmount); ok && t.hasTotalAmount && t.unpricedLines == 0 && got != t.lineCents {
		s.note(finding(x12.Warning, "TOTALS", t.totalAt, "AMT",
			"AMT*TT %s, but the PO1 lines add up to %s", t.TotalAmount, t.LineAmount))
	}
	if r.order.Number == "" {
		s.note(finding(x12.Warning, "NO-PO-NUMBER", pos, "BEG", "%s", "the 850 has no BEG03 purchase order number"))
	}
	return struct {
		Totals *OrderTotals `json:"totals"`
	}{t}
}
