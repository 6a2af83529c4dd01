package inspect

import (
	"encoding/json"

	"github.com/mlconnector/ml-connector/x12"
)

// Invoice is what an 810's heading says.
type Invoice struct {
	Number         string   `json:"number"` // BIG02
	Date           string   `json:"date"`   // BIG01, YYYY-MM-DD
	PONumber       string   `json:"po_number,omitempty"`
	PODate         string   `json:"po_date,omitempty"`
	Release        string   `json:"release,omitempty"`
	Type           string   `json:"type,omitempty"` // BIG07 (640): DI, CR, DR, …
	TypeMeaning    string   `json:"type_meaning,omitempty"`
	Purpose        string   `json:"purpose,omitempty"` // BIG08 (353)
	PurposeMeaning string   `json:"purpose_meaning,omitempty"`
	Notes          []string `json:"notes,omitempty"` // NTE02
	Heading
}

// InvoiceTotals is what an 810's summary says (TDS amounts with their two
// implied decimals applied), next to what its lines, taxes and charges add
// up to.
type InvoiceTotals struct {
	Lines             int         `json:"lines"` // IT1 segments read
	LineAmount        json.Number `json:"line_amount"`
	Total             json.Number `json:"total,omitempty"`                      // TDS01 (N2)
	TotalAsSent       string      `json:"total_as_sent,omitempty"`              // TDS01 as written, e.g. 255438
	SubjectToDiscount json.Number `json:"amount_subject_to_discount,omitempty"` // TDS02 (N2)
	DiscountedDue     json.Number `json:"discounted_amount_due,omitempty"`      // TDS03 (N2)
	TermsDiscount     json.Number `json:"terms_discount,omitempty"`             // TDS04 (N2)
	Taxes             []Tax       `json:"taxes,omitempty"`
	Charges           []Charge    `json:"allowances_and_charges,omitempty"`
	CTTLines          string      `json:"ctt_lines,omitempty"`
	Other             []string    `json:"other_segments,omitempty"`
	extra             int64       // taxes and charges, less allowances, in cents
	tdsAt             x12.Position
	hasTDS            bool
}

// Tax is a summary TXI.
type Tax struct {
	Type    string      `json:"type"`   // TXI01: ST, TX, VA, …
	Amount  json.Number `json:"amount"` // TXI02 (R)
	Percent json.Number `json:"percent,omitempty"`
}

// Charge is a summary SAC.
type Charge struct {
	Indicator   string      `json:"indicator"` // SAC01: A allowance, C charge
	Code        string      `json:"code,omitempty"`
	Amount      json.Number `json:"amount,omitempty"` // SAC05 (N2)
	Description string      `json:"description,omitempty"`
}

// invoiceReading reads an 810: the heading, each IT1 loop as a line, then
// the summary from TDS on.
type invoiceReading struct {
	invoice Invoice
	lines   lineRun
	totals  InvoiceTotals
	summary bool
}

func newInvoiceReading() *invoiceReading {
	return &invoiceReading{invoice: Invoice{Heading: Heading{Details: Details{where: "heading"}}}}
}

// invoiceHead and invoiceTail are what an 810's reading writes before
// and after its lines.
type invoiceHead struct {
	Invoice *Invoice `json:"invoice"`
}

type invoiceTail struct {
	Totals *InvoiceTotals `json:"totals"`
}

func (r *invoiceReading) header() any { return invoiceHead{&r.invoice} }

func (r *invoiceReading) listKey() string { return "lines" }

func (r *invoiceReading) add(seg x12.Segment, pos x12.Position, s *setScope) {
	switch {
	case s.stray && seg.ID != "IT1" && r.summary: // a stray line is still read as one
		r.totals.Other = capAppend(r.totals.Other, seg.String(), s, "summary segments")
	case seg.ID == "BIG" && !s.stray:
		e := seg.Element
		v := &r.invoice
		v.Date, v.Number, v.PODate, v.PONumber, v.Release = isoDate(e(1), "20060102"), e(2), isoDate(e(3), "20060102"), e(4), e(5)
		v.Type, v.TypeMeaning, v.Purpose, v.PurposeMeaning = e(7), invoiceTypes.of(e(7)), e(8), purposeCodes.of(e(8))
	case seg.ID == "IT1":
		r.lines.start(seg, pos, s)
	case seg.ID == "TDS" && !s.stray:
		r.lines.end(s)
		r.summary = true
		r.readTDS(seg, pos, s)
	case r.summary:
		r.readSummary(seg, pos, s)
	case seg.ID == "NTE" && r.lines.open == nil && !s.stray:
		r.invoice.Notes = capAppend(r.invoice.Notes, seg.Element(2), s, "NTE")
	default:
		r.lines.body(seg, pos, &r.invoice.Heading, s)
	}
}

// readTDS applies the two implied decimals of TDS01-04 (type N2).
func (r *invoiceReading) readTDS(seg x12.Segment, pos x12.Position, s *setScope) {
	t := &r.totals
	n2 := func(n int) json.Number {
		v, ok := x12.ImpliedDecimal(seg.Element(n), 2)
		if !ok && seg.Element(n) != "" {
			s.note(finding(x12.Warning, "NOT-A-NUMBER", pos, "TDS", "TDS%02d %q is not an N2 amount (digits with two implied decimals)", n, seg.Element(n)))
		}
		return v
	}
	t.Total, t.TotalAsSent, t.tdsAt, t.hasTDS = n2(1), seg.Element(1), pos, true
	t.SubjectToDiscount, t.DiscountedDue, t.TermsDiscount = n2(2), n2(3), n2(4)
}

func (r *invoiceReading) readSummary(seg x12.Segment, pos x12.Position, s *setScope) {
	t := &r.totals
	switch seg.ID {
	case "TXI":
		tax := Tax{Type: seg.Element(1), Amount: s.number(seg, 2, pos), Percent: s.number(seg, 3, pos)}
		t.Taxes = capAppend(t.Taxes, tax, s, "TXI")
		c, _ := cents(tax.Amount)
		t.extra += c
	case "SAC":
		amount, _ := x12.ImpliedDecimal(seg.Element(5), 2)
		t.Charges = capAppend(t.Charges, Charge{Indicator: seg.Element(1), Code: seg.Element(2), Amount: amount, Description: seg.Element(15)}, s, "SAC")
		c, _ := cents(amount)
		if seg.Element(1) == "A" {
			c = -c
		}
		t.extra += c
	case "CTT":
		t.CTTLines = seg.Element(1)
	default:
		t.Other = capAppend(t.Other, seg.String(), s, "summary segments")
	}
}

// finish checks TDS01 against the lines, taxes and charges (the rule of
// x12.CheckTotals for our own 810s) and reports a missing TDS.
func (r *invoiceReading) finish(_ x12.Segment, pos x12.Position, s *setScope) any {
	r.lines.end(s)
	t := &r.totals
	t.Lines, t.LineAmount = r.lines.count, centsNumber(r.lines.cents)
	if got, ok := cents(t.Total); ok && r.lines.unpriced == 0 && got != r.lines.cents+t.extra {
		s.note(finding(x12.Warning, "TOTALS", t.tdsAt, "TDS", "TDS01 %s (%s with two implied decimals), but the lines, taxes and charges add up to %s",
			t.TotalAsSent, t.Total, centsNumber(r.lines.cents+t.extra)))
	}
	if !t.hasTDS {
		s.note(finding(x12.Warning, "NO-TOTAL", pos, "TDS", "%s", "the 810 has no TDS total"))
	}
	if r.invoice.Number == "" {
		s.note(finding(x12.Warning, "NO-INVOICE-NUMBER", pos, "BIG", "%s", "the 810 has no BIG02 invoice number"))
	}
	return invoiceTail{t}
}
