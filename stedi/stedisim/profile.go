package stedisim

import (
	"math"
	"time"
)

// AckBehavior is how a simulated partner acknowledges a purchase order.
type AckBehavior int

const (
	// AckAcceptAll accepts every line as ordered (ACK01 IA, BAK02 AD).
	AckAcceptAll AckBehavior = iota
	// AckChangeDate accepts the profile's line for a later delivery date:
	// ACK01 is PartnerProfile.DateStatus (DR or IC), ACK05 the new date.
	AckChangeDate
	// AckChangeQuantity accepts the profile's line with a lower quantity
	// (ACK01 IC, ACK02 about half of the order).
	AckChangeQuantity
	// AckRejectLine rejects the profile's line (ACK01 IR, ACK02 0).
	AckRejectLine
	// AckNone never sends an 855.
	AckNone
)

// ShipBehavior is how a simulated partner ships what it accepted.
type ShipBehavior int

const (
	// ShipFull sends one 856 with everything accepted, at Config.ShipAfter.
	ShipFull ShipBehavior = iota
	// ShipPartial sends two 856s: about half of each line at
	// Config.ShipAfter, the rest at Config.SecondShipmentAfter.
	ShipPartial
	// ShipNone never ships.
	ShipNone
)

// PartnerProfile decides how the trading partner of one partnership
// answers the 850s it receives. The zero value accepts everything and
// ships it in one shipment.
type PartnerProfile struct {
	Ack  AckBehavior
	Ship ShipBehavior
	// Line is the PO101 of the line a change or rejection applies to;
	// "" means the first line.
	Line string
	// DateStatus is ACK01 for AckChangeDate: "DR" (default) or "IC".
	DateStatus string
	// DateShift is how much later than requested AckChangeDate promises
	// delivery; default 7 days.
	DateShift time.Duration
	// SCAC is the carrier in TD503; default "UPSN".
	SCAC string
	// FA is how the partner's translator answers every file with 997s
	// (fa997.go); the zero value sends none.
	FA FABehavior
	// Slow delays the partner's 855 and 856s by this much more than the
	// Config's delays: a supplier that confirms late.
	Slow time.Duration
}

const (
	defaultDateShift = 7 * 24 * time.Hour
	defaultSCAC      = "UPSN"
	// defaultLeadTime dates the promise of a line that requested no date.
	defaultLeadTime = 7 * 24 * time.Hour
	// transitTime is the estimated delivery (DTM 017) after shipping.
	transitTime = 3 * 24 * time.Hour
)

func (p PartnerProfile) withDefaults() PartnerProfile {
	if p.DateStatus == "" {
		p.DateStatus = "DR"
	}
	if p.DateShift == 0 {
		p.DateShift = defaultDateShift
	}
	if p.SCAC == "" {
		p.SCAC = defaultSCAC
	}
	return p
}

// SetPartnerProfile sets how the partner of partnershipID answers 850s
// accepted from now on. Partnerships without a profile use the zero value.
func (s *Server) SetPartnerProfile(partnershipID string, p PartnerProfile) {
	s.desk.mu.Lock()
	defer s.desk.mu.Unlock()
	s.desk.profiles[partnershipID] = p.withDefaults()
}

// lineDecision is the partner's answer for one line, fixed when the 850
// arrives.
type lineDecision struct {
	status   string    // ACK01
	quantity float64   // ACK02: what the partner will ship in all
	promised time.Time // ACK05 with ACK04 067
	rejected bool
}

// decide applies profile p to every line of o; received is when the 850
// arrived, the base of promises for lines that requested no date.
func decide(o order, p PartnerProfile, received time.Time) []lineDecision {
	target := p.Line
	if target == "" && len(o.lines) > 0 {
		target = o.lines[0].id
	}
	out := make([]lineDecision, len(o.lines))
	for i, l := range o.lines {
		d := lineDecision{status: "IA", quantity: l.quantity, promised: promiseFor(o, l, received)}
		if l.id == target {
			switch p.Ack {
			case AckChangeDate:
				d.status, d.promised = p.DateStatus, d.promised.Add(p.DateShift)
			case AckChangeQuantity:
				d.status, d.quantity = "IC", lower(l.quantity)
			case AckRejectLine:
				d.status, d.quantity, d.rejected = "IR", 0, true
			}
		}
		out[i] = d
	}
	return out
}

// promiseFor is the date the partner first promises: the line's requested
// date, else the order's, else a week after receipt.
func promiseFor(o order, l orderLine, received time.Time) time.Time {
	switch {
	case !l.requested.IsZero():
		return l.requested
	case !o.requested.IsZero():
		return o.requested
	}
	y, m, d := received.Add(defaultLeadTime).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// lower is the quantity of a quantity change: about half, and below the
// order even for an order of one.
func lower(q float64) float64 {
	if h := half(q); h < q {
		return h
	}
	return q / 2
}

// half splits a quantity for a partial shipment: whole quantities round
// up (12 → 6, 3 → 2, 1 → 1), others are halved to three decimals.
func half(q float64) float64 {
	if q == math.Trunc(q) {
		return math.Ceil(q / 2)
	}
	return math.Round(q/2*1000) / 1000
}
