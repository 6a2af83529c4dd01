package inspect

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// The parts 850 and 810 readings share: a heading with its party loops and
// lines with their product IDs, read segment by segment. Segments of the
// standard that a reading does not interpret are kept as text under
// other_segments, so nothing read is silently dropped.

// Heading is what an 850's or 810's heading says besides its BEG or BIG.
type Heading struct {
	Currency string    `json:"currency,omitempty"` // CUR02
	Contacts []Contact `json:"contacts,omitempty"`
	Terms    []Terms   `json:"terms,omitempty"`
	Details
}

// Details are what a heading and a line both carry: references, dates,
// party loops, and the segments not read.
type Details struct {
	References []Reference `json:"references,omitempty"`
	Dates      []DateRef   `json:"dates,omitempty"`
	Parties    []Partner   `json:"parties,omitempty"`
	Other      []string    `json:"other_segments,omitempty"`
	where      string      // "heading" or "line", in what is counted rather than listed
	party      int         // 1 + the index of the open N1 loop in Parties, 0 for none
}

// Reference is a REF.
type Reference struct {
	Qualifier   string `json:"qualifier"` // REF01 (128): DP, VR, IA, CO, BM, …
	ID          string `json:"id"`
	Description string `json:"description,omitempty"`
}

// DateRef is a DTM.
type DateRef struct {
	Qualifier string `json:"qualifier"` // DTM01 (374)
	Meaning   string `json:"meaning,omitempty"`
	Date      string `json:"date"` // YYYY-MM-DD when it is a date
	Time      string `json:"time,omitempty"`
}

// Contact is a PER.
type Contact struct {
	Function       string          `json:"function"` // PER01 (366): BD, OC, IC, …
	Name           string          `json:"name,omitempty"`
	Communications []Communication `json:"communications,omitempty"`
}

// Communication is a PER03/04 (05/06, 07/08) pair.
type Communication struct {
	Qualifier string `json:"qualifier"` // TE, EM, FX, …
	Number    string `json:"number"`
}

// Terms is an ITD.
type Terms struct {
	Type            string      `json:"type,omitempty"`       // ITD01 (336)
	BasisDate       string      `json:"basis_date,omitempty"` // ITD02
	DiscountPercent json.Number `json:"discount_percent,omitempty"`
	DiscountDueDate string      `json:"discount_due_date,omitempty"`
	DiscountDays    json.Number `json:"discount_days,omitempty"`
	NetDueDate      string      `json:"net_due_date,omitempty"`
	NetDays         json.Number `json:"net_days,omitempty"`
	Description     string      `json:"description,omitempty"` // ITD12
}

// Partner is an N1 loop.
type Partner struct {
	Role        string      `json:"role"` // N101 (98)
	RoleMeaning string      `json:"role_meaning,omitempty"`
	Name        string      `json:"name,omitempty"`
	IDQualifier string      `json:"id_qualifier,omitempty"` // N103 (66)
	ID          string      `json:"id,omitempty"`
	Names       []string    `json:"additional_names,omitempty"` // N2
	Address     []string    `json:"address,omitempty"`          // N3
	City        string      `json:"city,omitempty"`             // N4
	State       string      `json:"state,omitempty"`
	PostalCode  string      `json:"postal_code,omitempty"`
	Country     string      `json:"country,omitempty"`
	References  []Reference `json:"references,omitempty"`
	Contacts    []Contact   `json:"contacts,omitempty"`
	Other       []string    `json:"other_segments,omitempty"`
}

// Line is a PO1 or IT1 loop.
type Line struct {
	Line         string           `json:"line"` // PO101 / IT101: the buyer's line ID
	Quantity     json.Number      `json:"quantity,omitempty"`
	Unit         string           `json:"unit,omitempty"`
	UnitPrice    json.Number      `json:"unit_price,omitempty"`
	PriceBasis   string           `json:"price_basis,omitempty"` // 639: PE, CP, …
	Products     []core.ProductID `json:"products,omitempty"`    // qualifier/ID pairs from element 6 on
	Descriptions []string         `json:"descriptions,omitempty"`
	// Amount is quantity × unit price to the cent, as an ERP rounds a line.
	Amount json.Number `json:"amount,omitempty"`
	Details
	At     At `json:"at"`
	cents  int64
	priced bool
}

// read takes a heading segment; false when it is not one it reads.
func (h *Heading) read(seg x12.Segment, pos x12.Position, s *setScope) bool {
	if h.Details.read(seg, s) {
		return true
	}
	switch seg.ID {
	case "CUR":
		h.Currency = seg.Element(2)
	case "PER":
		h.Contacts = capAppend(h.Contacts, contact(seg), s, "heading PER")
	case "ITD":
		h.Terms = capAppend(h.Terms, s.terms(seg, pos), s, "ITD")
	default:
		return false
	}
	return true
}

// readLine reads a line's PO1 or IT1 into l, whose lists it reuses (a
// line is written out before the next is read).
func readLine(l *Line, seg x12.Segment, pos x12.Position, s *setScope) {
	*l = Line{Line: seg.Element(1), Unit: seg.Element(3), PriceBasis: seg.Element(5), At: at(pos), Details: Details{where: "line"},
		Products: l.Products[:0], Descriptions: l.Descriptions[:0]}
	l.Quantity = s.number(seg, 2, pos)
	l.UnitPrice = s.number(seg, 4, pos)
	for i := 6; i+1 <= len(seg.Elements); i += 2 {
		if seg.Element(i) != "" || seg.Element(i+1) != "" {
			l.Products = append(l.Products, core.ProductID{Qualifier: seg.Element(i), ID: seg.Element(i + 1)})
		}
	}
	if q, err := l.Quantity.Float64(); err == nil {
		if p, err := l.UnitPrice.Float64(); err == nil {
			l.cents, l.priced = int64(math.Round(q*p*100)), true
			l.Amount = centsNumber(l.cents)
		}
	}
}

// read takes a segment of the line's loop; false when it is not one.
func (l *Line) read(seg x12.Segment, s *setScope) bool {
	if l.Details.read(seg, s) {
		return true
	}
	if seg.ID != "PID" {
		return false
	}
	if d := seg.Element(5); d != "" {
		l.Descriptions = capAppend(l.Descriptions, d, s, "line PID")
	}
	return true
}

// read takes a REF, a DTM or a segment of a party loop: an N1 opens one,
// N2/N3/N4 and the loop's REF and PER belong to the open one, anything
// else closes it. False for any other segment.
func (d *Details) read(seg x12.Segment, s *setScope) bool {
	if seg.ID == "N1" {
		d.Parties = capAppend(d.Parties, Partner{Role: seg.Element(1), RoleMeaning: entityCodes.of(seg.Element(1)),
			Name: seg.Element(2), IDQualifier: seg.Element(3), ID: seg.Element(4)}, s, "N1")
		d.party = len(d.Parties)
		return true
	}
	if p := d.openParty(); p != nil && p.read(seg, s) {
		return true
	}
	d.party = 0
	switch seg.ID {
	case "REF":
		d.References = capAppend(d.References, reference(seg), s, d.where+" REF")
	case "DTM":
		d.Dates = capAppend(d.Dates, dateRef(seg), s, d.where+" DTM")
	default:
		return false
	}
	return true
}

func (d *Details) openParty() *Partner {
	if d.party < 1 || d.party > len(d.Parties) {
		return nil
	}
	return &d.Parties[d.party-1]
}

// read takes a segment of the party's loop; false when it is not one.
func (p *Partner) read(seg x12.Segment, s *setScope) bool {
	switch seg.ID {
	case "N2":
		p.Names = append(p.Names, nonEmpty(seg.Element(1), seg.Element(2))...)
	case "N3":
		p.Address = append(p.Address, nonEmpty(seg.Element(1), seg.Element(2))...)
	case "N4":
		p.City, p.State, p.PostalCode, p.Country = seg.Element(1), seg.Element(2), seg.Element(3), seg.Element(4)
	case "REF":
		p.References = capAppend(p.References, reference(seg), s, "N1 loop REF")
	case "PER":
		p.Contacts = capAppend(p.Contacts, contact(seg), s, "N1 loop PER")
	default:
		return false
	}
	return true
}

// keepOther lists a segment the reading does not interpret.
func (d *Details) keepOther(seg x12.Segment, s *setScope) {
	d.Other = capAppend(d.Other, seg.String(), s, d.where+" segments")
}

// keepStray files a segment the table placed nowhere with the innermost
// open part (the party loop, else the line or heading), changing nothing
// else.
func (d *Details) keepStray(seg x12.Segment, s *setScope) {
	if p := d.openParty(); p != nil {
		p.Other = capAppend(p.Other, seg.String(), s, "N1 loop segments")
		return
	}
	d.keepOther(seg, s)
}

// lineRun holds the open line of an 850 or 810 and adds up the lines
// written so far.
type lineRun struct {
	open     *Line // nil, or &line
	line     Line
	count    int
	cents    int64
	unpriced int
}

// start writes out the open line and opens the one seg starts.
func (r *lineRun) start(seg x12.Segment, pos x12.Position, s *setScope) {
	r.end(s)
	readLine(&r.line, seg, pos, s)
	r.open = &r.line
}

// end writes out the open line, counted in the totals.
func (r *lineRun) end(s *setScope) {
	if r.open == nil {
		return
	}
	r.count++
	r.cents += r.open.cents
	if !r.open.priced {
		r.unpriced++
	}
	s.emit(r.open)
	r.open = nil
}

// body takes a segment of the heading or the open line: read, kept
// stray, or listed as not interpreted.
func (r *lineRun) body(seg x12.Segment, pos x12.Position, h *Heading, s *setScope) {
	switch {
	case r.open != nil && s.stray:
		r.open.keepStray(seg, s)
	case r.open != nil:
		if !r.open.read(seg, s) {
			r.open.keepOther(seg, s)
		}
	case s.stray:
		h.keepStray(seg, s)
	case !h.read(seg, pos, s):
		h.keepOther(seg, s)
	}
}

func reference(seg x12.Segment) Reference {
	return Reference{Qualifier: seg.Element(1), ID: seg.Element(2), Description: seg.Element(3)}
}

func dateRef(seg x12.Segment) DateRef {
	return DateRef{Qualifier: seg.Element(1), Meaning: dateQualifiers.of(seg.Element(1)),
		Date: isoDate(seg.Element(2), "20060102"), Time: isoTime(seg.Element(3))}
}

func contact(seg x12.Segment) Contact {
	c := Contact{Function: seg.Element(1), Name: seg.Element(2)}
	for i := 3; i+1 <= len(seg.Elements); i += 2 {
		if seg.Element(i) != "" || seg.Element(i+1) != "" {
			c.Communications = append(c.Communications, Communication{Qualifier: seg.Element(i), Number: seg.Element(i + 1)})
		}
	}
	return c
}

func (s *setScope) terms(seg x12.Segment, pos x12.Position) Terms {
	return Terms{Type: seg.Element(1), BasisDate: seg.Element(2), DiscountPercent: s.number(seg, 3, pos),
		DiscountDueDate: isoDate(seg.Element(4), "20060102"), DiscountDays: s.number(seg, 5, pos),
		NetDueDate: isoDate(seg.Element(6), "20060102"), NetDays: s.number(seg, 7, pos), Description: seg.Element(12)}
}

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// centsNumber writes an amount in cents as a JSON number: 255438 is 2554.38.
func centsNumber(c int64) json.Number {
	n, _ := x12.ImpliedDecimal(strconv.FormatInt(c, 10), 2)
	return n
}

// cents reads a JSON number to the cent.
func cents(n json.Number) (int64, bool) {
	f, err := n.Float64()
	return int64(math.Round(f * 100)), err == nil
}
