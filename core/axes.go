package core

import "time"

// Axis is one of the three ways a document stands, as a short status and
// the time the step took (from the previous step); Bad marks a failure, a
// rejection or a deadline passed.
type Axis struct {
	Status   string        `json:"status"`
	Took     time.Duration `json:"took_ns,omitempty"`
	TookText string        `json:"took,omitempty"`
	Bad      bool          `json:"bad,omitempty"`
}

// Axes are a document's three statuses, as the best EDI tools track them:
// validation (the preflight and the partner's guide, which Stedi checks),
// delivery (Stedi accepted it, then the partner's 997) and business
// acknowledgment (the supplier's 855, then its 856).
type Axes struct {
	Validation Axis `json:"validation"`
	Delivery   Axis `json:"delivery"`
	Business   Axis `json:"business"`
}

func step(status string, took time.Duration, bad bool) Axis {
	a := Axis{Status: status, Took: took, Bad: bad}
	if took > 0 {
		a.TookText = ShortDuration(took)
	}
	return a
}

// AxesOf computes the axes of an outbound document from its state and its
// tracking record (nil while it has not been sent) at now.
func AxesOf(d Document, t *TrackRecord, now time.Time) Axes {
	if d.Direction != Outbound {
		return Axes{}
	}
	return Axes{Validation: validationAxis(d, t), Delivery: deliveryAxis(d, t, now), Business: businessAxis(d, t, now)}
}

func validationAxis(d Document, t *TrackRecord) Axis {
	switch {
	case t != nil:
		return step("ok", t.SentAt.Sub(t.CreatedAt), false) // the preflight passed and Stedi took it against the guide
	case wentOut(d.State):
		return step("ok", 0, false) // sent before its tracking was kept
	case d.State == StateFailed && d.IdempotencyKey == "":
		return step("preflight", 0, true)
	case d.State == StateFailed:
		return step("refused", 0, true) // Stedi (the partner's guide) or attempts used up
	case d.State == StateSuperseded:
		return step("replaced", 0, false)
	case d.State == StateClosed:
		return step("nothing to send", 0, false)
	}
	return step("waiting", 0, false)
}

func deliveryAxis(d Document, t *TrackRecord, now time.Time) Axis {
	switch {
	case t == nil && wentOut(d.State):
		return step("sent", 0, false)
	case t == nil:
		return step("-", 0, false)
	case !t.FAAt.IsZero():
		return step("997 "+t.FAStatus, t.FAAt.Sub(t.SentAt), Rejected(t.FAStatus))
	case late(t.Due.FA, now):
		return step("997 late", now.Sub(t.SentAt), true)
	}
	return step("sent", 0, false)
}

func businessAxis(d Document, t *TrackRecord, now time.Time) Axis {
	switch {
	case d.Kind == Kind850 && t == nil && d.State == StateAcknowledged:
		return step("855", 0, false) // answered before its tracking was kept
	case d.Kind == Kind850 && t == nil && d.State == StateShipped:
		return step("856", 0, false)
	case d.Kind != Kind850 || t == nil:
		return step("-", 0, false)
	case !t.ASNAt.IsZero():
		return step("856", t.ASNAt.Sub(t.SentAt), false)
	case late(t.Due.ASN, now):
		return step("856 late", now.Sub(t.SentAt), true)
	case !t.POAAt.IsZero() && t.POAChanges > 0:
		return step("855 ±"+itoa(int64(t.POAChanges)), t.POAAt.Sub(t.SentAt), false)
	case !t.POAAt.IsZero():
		return step("855", t.POAAt.Sub(t.SentAt), false)
	case late(t.Due.POA, now):
		return step("855 late", now.Sub(t.SentAt), true)
	case t.Due.POA.IsZero() && t.Due.ASN.IsZero():
		return step("-", 0, false) // nothing awaited: rejected, or replaced by a newer revision
	}
	return step("waiting", 0, false)
}

func late(due, now time.Time) bool { return !due.IsZero() && now.After(due) }

// wentOut reports a state an outbound document reaches once Stedi took it.
func wentOut(s State) bool {
	return s == StateSent || s == StateAcknowledged || s == StateShipped
}
