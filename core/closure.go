package core

import (
	"fmt"
	"strings"
)

// A buyer closes a PO, or a line, in X3 when it will not be delivered
// (cancelled), and X3 closes it itself when it was received in full
// (sagex3-api.md §3.1, §3.3: PORDER CLEFLG and RCPFLG, PORDERQ LINCLEFLG,
// RCPCLEFLG and LINSTA). The partner must hear of the first and nothing of
// the second. Which one happened is read from those fields only: when the
// site does not show them, the PO is reported, never guessed at.

// Flag is an X3 local menu 1 (Yes/No) value as X3 stores it, or FlagUnread
// when the site did not show the field (its property is missing).
type Flag int

const (
	FlagUnread Flag = 0
	FlagNo     Flag = 1
	FlagYes    Flag = 2
)

// ReceivedInFull is RCPFLG's "In full" (local menu 280).
const ReceivedInFull = 3

// lineClosedStatus is LINSTA's "Closed" (local menu 279).
const lineClosedStatus = 3

// Closure is how a PO stands for its partner.
type Closure int

const (
	// Open: the order stands; lines the buyer closed leave it
	// (PurchaseOrder.OrderedLines).
	Open Closure = iota
	// ClosedByReceipt: every line was received in full. The partner
	// delivered what it was asked for: nothing to tell it.
	ClosedByReceipt
	// Cancelled: the buyer closed the PO before any line of it was
	// received in full. (Closed once some lines were, the rest leaves the
	// order as cancelled lines: the PO stays Open for its partner.)
	Cancelled
)

// closed reports whether X3 shows the line closed, for either reason.
func (l POLine) closed() bool { return l.Closed == FlagYes || l.Status == lineClosedStatus }

// CancelledByBuyer reports a line the buyer closed: closed, and not by receipt.
func (l POLine) CancelledByBuyer() bool { return l.closed() && l.ClosedByReceipt == FlagNo }

// OrderedLines are the lines the partner is asked for: all but those the
// buyer cancelled (a line closed by receipt was delivered and stays).
func (po *PurchaseOrder) OrderedLines() []POLine {
	out := make([]POLine, 0, len(po.Lines))
	for _, l := range po.Lines {
		if !l.CancelledByBuyer() {
			out = append(out, l)
		}
	}
	return out
}

// ClosureOf tells how po stands. The error names the X3 fields the site
// would have to show for a closed PO or line to be told apart: X3 shows it
// closed, but not whether by receipt.
func ClosureOf(po *PurchaseOrder) (Closure, error) {
	var unknown []string
	allClosed, allReceived, someReceived := len(po.Lines) > 0, len(po.Lines) > 0, false
	for _, l := range po.Lines {
		allClosed = allClosed && l.closed()
		allReceived = allReceived && l.ClosedByReceipt == FlagYes
		someReceived = someReceived || l.ClosedByReceipt == FlagYes
		if l.closed() && l.ClosedByReceipt == FlagUnread && po.ReceiptStatus != ReceivedInFull {
			unknown = append(unknown, fmt.Sprintf("line %d", l.Line))
		}
	}
	headerClosed := po.Closed == FlagYes || allClosed
	switch {
	case headerClosed && (po.ReceiptStatus == ReceivedInFull || allReceived):
		return ClosedByReceipt, nil
	case len(unknown) > 0:
		return Open, fmt.Errorf("PO %s: %s closed in Sage X3, but the site does not show whether by receipt "+
			"(RCPCLEFLG on the lines, RCPFLG on the PO): nothing is sent until it does (see ml-connector check)",
			po.Number, strings.Join(unknown, ", "))
	case headerClosed && po.ReceiptStatus == 0 && !linesTell(po):
		return Open, fmt.Errorf("PO %s: closed in Sage X3 (CLEFLG), but the site does not show whether by receipt "+
			"(RCPFLG, RCPCLEFLG): nothing is sent until it does (see ml-connector check)", po.Number)
	case headerClosed && !someReceived:
		return Cancelled, nil
	}
	return Open, nil
}

// linesTell reports whether every line shows whether it was closed by receipt.
func linesTell(po *PurchaseOrder) bool {
	for _, l := range po.Lines {
		if l.ClosedByReceipt == FlagUnread {
			return false
		}
	}
	return len(po.Lines) > 0
}
