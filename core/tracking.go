package core

import (
	"strconv"
	"time"
)

// TrackRecord is what the store knows of a sent document's
// acknowledgments: when it was sent, in which envelope, what it is owed
// and what came back. Zero times mean "not yet" (or, for Due, "not
// expected"); Late holds when the watch recorded an answer overdue.
type TrackRecord struct {
	DocID         int64       `json:"document_id"`
	Kind          Kind        `json:"kind"`
	PONumber      string      `json:"po_number,omitempty"`
	Supplier      string      `json:"supplier,omitempty"`
	PartnershipID string      `json:"partnership_id,omitempty"`
	CreatedAt     time.Time   `json:"created_at"`
	SentAt        time.Time   `json:"sent_at"`
	Envelope      Envelope    `json:"envelope"`
	ReceiptAt     time.Time   `json:"receipt_at,omitzero"`
	Due           Expectation `json:"due"`
	FAAt          time.Time   `json:"fa_at,omitzero"`
	FAStatus      string      `json:"fa_status,omitempty"`
	POAAt         time.Time   `json:"poa_at,omitzero"`
	POAChanges    int         `json:"poa_changes,omitempty"`
	ASNAt         time.Time   `json:"asn_at,omitzero"`
	Late          Expectation `json:"late"`
}

// OverdueItem is one acknowledgment a partner owes past its deadline.
type OverdueItem struct {
	DocID         int64         `json:"document_id"`
	Kind          Kind          `json:"kind"`     // the document sent: 850, 810
	Awaiting      Kind          `json:"awaiting"` // what is late: 997, 855, 856
	PONumber      string        `json:"po_number,omitempty"`
	Supplier      string        `json:"supplier,omitempty"`
	PartnershipID string        `json:"partnership_id,omitempty"`
	SentAt        time.Time     `json:"sent_at"`
	Due           time.Time     `json:"due"`
	Late          time.Duration `json:"late_ns"`
	LateText      string        `json:"late"`
}

// Describe says what is late, for alerts and the audit trail.
func (o OverdueItem) Describe() string {
	what := string(o.Kind) + " document " + itoa(o.DocID)
	if o.PONumber != "" {
		what = string(o.Kind) + " for PO " + o.PONumber
	}
	return what + " (supplier " + orDash(o.Supplier) + ", partnership " + orDash(o.PartnershipID) + "): " +
		string(o.Awaiting) + " overdue by " + ShortDuration(o.Late) + " (due " + o.Due.UTC().Format("2006-01-02 15:04 UTC") + ")"
}

// OverdueCount is how many acknowledgments one partner owes late, by kind.
type OverdueCount struct {
	Supplier      string `json:"supplier"`
	PartnershipID string `json:"partnership_id"`
	Awaiting      Kind   `json:"awaiting"`
	Count         int    `json:"count"`
}

// ShortDuration writes a duration the way a column has room for: 45s,
// 12m, 5h, 3d.
func ShortDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "-" + ShortDuration(-d)
	case d > 0 && d < time.Second:
		return "<1s"
	case d < time.Minute:
		return itoa(int64(d/time.Second)) + "s"
	case d < time.Hour:
		return itoa(int64(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		return itoa(int64(d/time.Hour)) + "h"
	}
	return itoa(int64(d/(24*time.Hour))) + "d"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
