package core

import (
	"encoding/json"
	"time"
)

// Deadline is how long a partner has for one acknowledgment. Off means it
// is not expected at all (a partner that sends no 997s, say).
type Deadline struct {
	After time.Duration
	Off   bool
}

// DeadlineSet is what one partner owes after a document is sent: the 997
// within FA of the send, the 855 within POA of the 850's send, and the
// 856 ASN before the PO's expected receipt date (At 0:00 UTC that day).
type DeadlineSet struct {
	FA, POA, ASN Deadline
}

// DefaultDeadlines are the defaults: the 997 within 24 hours, the
// 855 within 48 hours of the 850, the 856 before the expected receipt date.
var DefaultDeadlines = DeadlineSet{FA: Deadline{After: 24 * time.Hour}, POA: Deadline{After: 48 * time.Hour}}

// Deadlines are the default set and each partner's own, by X3 supplier.
type Deadlines struct {
	Default  DeadlineSet
	Partners map[string]DeadlineSet
}

// For is the set that applies to supplier.
func (d Deadlines) For(supplier string) DeadlineSet {
	if s, ok := d.Partners[supplier]; ok {
		return s
	}
	return d.Default
}

// Expectation says when each acknowledgment of a sent document is due;
// a zero time means none is expected.
type Expectation struct {
	FA  time.Time `json:"fa,omitzero"`
	POA time.Time `json:"poa,omitzero"`
	ASN time.Time `json:"asn,omitzero"`
}

// Due computes what a document of kind sent at sent to supplier is owed:
// a 997 for every set; for an 850 also the 855 and, when the PO names an
// expected receipt date, the 856.
func (d Deadlines) Due(kind Kind, supplier string, sent, receipt time.Time) Expectation {
	set := d.For(supplier)
	var e Expectation
	if !set.FA.Off {
		e.FA = sent.Add(set.FA.After)
	}
	if kind != Kind850 {
		return e
	}
	if !set.POA.Off {
		e.POA = sent.Add(set.POA.After)
	}
	if !set.ASN.Off && !receipt.IsZero() {
		e.ASN = receipt.Add(-set.ASN.After)
	}
	return e
}

// Envelope is where Stedi put a sent document: the control numbers of the
// X12 it generated, which the partner's 997 quotes back (AK1, AK2).
type Envelope struct {
	Interchange  int64  `json:"interchange"`   // ISA13
	GroupID      string `json:"group_id"`      // GS01: PO, IN
	GroupControl int64  `json:"group_control"` // GS06
	Release      string `json:"release"`       // GS08
	SetID        string `json:"set_id"`        // ST01
	SetControl   string `json:"set_control"`   // ST02
}

// Tracking is what the store keeps of a sent document to follow its
// acknowledgments: the envelope, the PO's expected receipt, the deadlines.
type Tracking struct {
	SentAt    time.Time // when Stedi accepted it, on the sender's clock; the deadlines count from it
	Envelope  Envelope
	ReceiptAt time.Time
	Due       Expectation
}

// ExpectedReceipt is the earliest delivery date (DTM 002) an 850's Guide
// JSON asks for, in its heading or its lines; zero when it names none.
func ExpectedReceipt(guide json.RawMessage) time.Time {
	root, err := decodeGuide(guide)
	if err != nil {
		return time.Time{}
	}
	dtms := root.section("heading").segments("DTM")
	for _, loop := range root.section("detail").loops("PO1") {
		dtms = append(dtms, loop.segments("DTM")...)
	}
	var first time.Time
	for _, dtm := range dtms {
		if dtm.str(1) != "002" {
			continue
		}
		t, err := time.Parse(time.DateOnly, dtm.date(2))
		if err == nil && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	return first
}
