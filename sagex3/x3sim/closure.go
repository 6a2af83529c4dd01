package x3sim

import (
	"fmt"
	"slices"
)

// How X3 closes purchase orders (sagex3-api.md §3.1, §3.3): a buyer closes
// a line or the whole order (LINCLEFLG, CLEFLG = 2, LINSTA 3 closed), and a
// receipt of the whole quantity closes a line by receipt (RCPCLEFLG and
// LINCLEFLG = 2), the order's RCPFLG going to "in part" then "in full";
// once every line is closed the order is. Every change moves UPDDATTIM.

// RCPFLG values (local menu 280).
const (
	receivedNo     = 1
	receivedInPart = 2
	receivedInFull = 3
)

// CancelPurchaseOrder closes a PO as a buyer does when it will not be
// delivered: every line still open is closed (not by receipt), and the
// order. It reports whether the PO exists.
func (s *Server) CancelPurchaseOrder(num string) bool {
	return s.UpdatePurchaseOrder(num, func(p *PO) {
		for i := range p.Lines {
			closeLine(&p.Lines[i], false)
		}
		p.Closed = menuYes
	})
}

// CancelPurchaseOrderLine closes one line as a buyer does; the order
// closes with its last open line. It reports whether the PO has the line.
func (s *Server) CancelPurchaseOrderLine(num string, line int) bool {
	found := false
	s.UpdatePurchaseOrder(num, func(p *PO) {
		for i := range p.Lines {
			if p.Lines[i].Line == line {
				found = true
				closeLine(&p.Lines[i], false)
			}
		}
		closeWhenAllClosed(p)
	})
	return found
}

// ReceiveInFull receives what is still due on every open line of a PO,
// as receiving staff do in X3 (one purchase receipt), which closes the
// lines and the order by receipt.
func (s *Server) ReceiveInFull(num string) error {
	p, ok := s.PurchaseOrder(num)
	if !ok {
		return fmt.Errorf("purchase order %s does not exist", num)
	}
	r := Receipt{Site: p.ReceivingSite, Date: s.Now().Format("2006-01-02"), Supplier: p.Supplier, Created: s.Now(), CreatedBy: "RECEIVING"}
	for _, l := range p.Lines {
		if due := round4(l.Quantity - s.Received(num, l.Line)); l.Closed != menuYes && due > 0 {
			r.Lines = append(r.Lines, ReceiptLine{Line: len(r.Lines) + 1, PO: num, POLine: l.Line, Item: l.Item, Unit: l.Unit, Quantity: due})
		}
	}
	if len(r.Lines) == 0 {
		return fmt.Errorf("purchase order %s has nothing left to receive", num)
	}
	_, err := s.AddReceipt(r)
	return err
}

// settleReceipts closes by receipt the lines of po that are received in
// full and sets the order's RCPFLG, after a receipt was stored.
func (s *Server) settleReceipts(po string) {
	current, ok := s.PurchaseOrder(po)
	if !ok {
		return
	}
	received := make([]float64, len(current.Lines))
	for i, l := range current.Lines {
		received[i] = s.Received(po, l.Line)
	}
	s.UpdatePurchaseOrder(po, func(p *PO) {
		any, all := false, true
		for i := range p.Lines {
			l := &p.Lines[i]
			any = any || received[i] > 0
			full := received[i] >= l.Quantity
			all = all && full
			if full && l.Closed != menuYes {
				closeLine(l, true)
			}
		}
		p.Received = receivedNo
		switch {
		case all:
			p.Received = receivedInFull
		case any:
			p.Received = receivedInPart
		}
		closeWhenAllClosed(p)
	})
}

func closeLine(l *POLine, byReceipt bool) {
	if l.Closed == menuYes {
		return
	}
	l.Closed, l.Status, l.ClosedByReceipt = menuYes, lineClosed, menuNo
	if byReceipt {
		l.ClosedByReceipt = menuYes
	}
}

func closeWhenAllClosed(p *PO) {
	if len(p.Lines) > 0 && !slices.ContainsFunc(p.Lines, func(l POLine) bool { return l.Closed != menuYes }) {
		p.Closed = menuYes
	}
}

// lineClosed is LINSTA's "Closed" (local menu 279).
const lineClosed = 3
