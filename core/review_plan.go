package core

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// changePolicy says which of an 855's changes are written at once.
type changePolicy int

const (
	reviewChanges   changePolicy = iota // every change waits for the buyer (the default)
	applyQtyDate                        // inbound.apply_855_changes: quantities and dates at once, prices wait
	applyEverything                     // a test folder (inbox_testdocs.go): no buyer decides there
)

func (in *Inbox) changePolicy() changePolicy {
	switch {
	case in.forTest:
		return applyEverything
	case in.Apply855Changes:
		return applyQtyDate
	}
	return reviewChanges
}

// holdChanges splits an 855's update into what is written at once and
// what waits for the buyer. The acknowledgment (number, date, notes, line
// flags) is always written; quantity and date changes wait unless the
// policy applies them; a price change waits unless everything is applied,
// as the connector never wrote prices on its own. A delivery date for a
// line X3 holds none for changes nothing the buyer ordered: it is written
// at once. held names every line of the 855, changed or not: a line
// answered again supersedes the undecided changes earlier 855s proposed
// for it. Other kinds pass through whole.
func holdChanges(u POUpdate, policy changePolicy, po *PurchaseOrder, cur X3Values) (now, held POUpdate) {
	if u.Kind != Kind855 {
		return u, POUpdate{}
	}
	now, held = u, POUpdate{Kind: u.Kind, PONumber: u.PONumber}
	now.Lines = make([]LineUpdate, len(u.Lines))
	for i, lu := range u.Lines {
		w, h := lu, LineUpdate{Ref: lu.Ref, Status: lu.Status}
		w.Set = maps.Clone(lu.Set)
		if p, ok := w.Set[colNetPrice]; ok && policy != applyEverything {
			delete(w.Set, colNetPrice)
			h.Set = map[string]any{colNetPrice: p}
		}
		if policy == reviewChanges {
			h.Quantity, w.Quantity = lu.Quantity, nil
			if hasDate(po, cur, lu.Ref) {
				h.Delivery, w.Delivery = lu.Delivery, ""
			}
		}
		now.Lines[i], held.Lines = w, append(held.Lines, h)
	}
	return now, held
}

// hasDate reports whether X3 holds an expected receipt date for the line.
func hasDate(po *PurchaseOrder, cur X3Values, ref LineRef) bool {
	line, ok := matchLine(po, ref)
	return !ok || cur.Lines[lineKey{line.Line, line.Seq}][colExpectedReceipt] != ""
}

// review resolves held changes against the PO as read: a change becomes a
// proposal only where it differs from what X3 holds, with X3's value
// beside it. It checks what the write would check (lines, units), so a
// change nobody could accept fails the document as it always did.
func (held POUpdate) review(po *PurchaseOrder, cur X3Values, hist History, mc MapConfig) (*ReviewOutcome, error) {
	if held.Kind != Kind855 {
		return nil, nil
	}
	p, err := held.Resolve(po, cur, hist, mc)
	if err != nil {
		return nil, err
	}
	r := &ReviewOutcome{PONumber: po.Number}
	for _, lu := range held.Lines {
		if line, ok := matchLine(po, lu.Ref); ok {
			r.Lines = append(r.Lines, LineKey{line.Line, line.Seq})
		}
	}
	for _, lp := range p.Lines {
		for _, col := range slices.Sorted(maps.Keys(lp.Set)) {
			r.Changes = append(r.Changes, proposal(po, lp, col, cur))
		}
	}
	return r, nil
}

func proposal(po *PurchaseOrder, lp LinePatch, col string, cur X3Values) ProposedChange {
	v := lp.Set[col]
	raw, _ := json.Marshal(v) // numbers and strings only
	c := ProposedChange{PONumber: po.Number, Line: lp.Line, Seq: lp.Seq, Field: fieldOfColumn(col), Column: col,
		Current: cur.Lines[lineKey{lp.Line, lp.Seq}][col], Proposed: normValue(v), Value: raw, Supplier: po.Supplier,
		Decision: DecisionPending}
	switch c.Field {
	case ChangeQuantity:
		for _, l := range po.Lines {
			if l.Line == lp.Line && (lp.Seq == 0 || l.Seq == lp.Seq) {
				c.Unit = l.Unit
			}
		}
	case ChangePrice:
		c.Unit = po.Currency
	}
	return c
}

// CurrentText is X3's value with its unit, as lists show it.
func (c ProposedChange) CurrentText() string { return withUnit(c.Current, c.Unit) }

// ProposedText is the supplier's value with its unit.
func (c ProposedChange) ProposedText() string { return withUnit(c.Proposed, c.Unit) }

func withUnit(v, unit string) string {
	if v == "" || unit == "" {
		return orDash(v)
	}
	return v + " " + unit
}

// Describe says what the change is, for the audit trail and the screen:
// "PO P line 1000 quantity 10 → 8 UN".
func (c ProposedChange) Describe() string {
	s := fmt.Sprintf("PO %s line %d %s %s → %s", c.PONumber, c.Line, c.Field, orDash(c.Current), c.Proposed)
	if c.Unit != "" {
		s += " " + c.Unit
	}
	return s
}

// Status is the decision as a person reads it, with the state of the
// write once accepted: "pending", "accepted by cli:ann, written", …
func (c ProposedChange) Status() string {
	switch c.Decision {
	case DecisionAccepted:
	case DecisionSuperseded:
		return "superseded by a later 855"
	case DecisionRejected:
		return "rejected by " + c.DecidedBy
	default:
		return c.Decision
	}
	s := "accepted by " + c.DecidedBy
	switch c.WriteState {
	case StateApplied:
		return s + ", written"
	case StateFailed:
		return s + ", write failed: " + c.WriteError
	}
	return s + ", to write"
}

// keepReview puts what the targets leave for the buyer into the outcome
// and returns how many changes wait.
func keepReview(targets []target, o *InboundOutcome) int {
	n := 0
	for _, t := range targets {
		if t.review != nil {
			o.Review = append(o.Review, *t.review)
			n += len(t.review.Changes)
		}
	}
	return n
}

// reviewNote is the applied message's part about the changes that wait.
func reviewNote(o InboundOutcome) string {
	var parts []string
	for _, r := range o.Review {
		for _, c := range r.Changes {
			parts = append(parts, c.Describe())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("; %d supplier change(s) wait for the buyer's review (ml-connector review): %s",
		len(parts), strings.Join(parts, "; "))
}
