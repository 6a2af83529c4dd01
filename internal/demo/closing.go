package demo

import (
	"log/slog"
	"slices"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// Ticks of the closing story, after Stedi's outage (ticks 25 to 37): a
// buyer cancels a PO whose 850 went out (a cancellation 850, BEG01 01,
// goes once, and its partner answers it no more), then receiving gets a
// shipped PO in full (X3 closes it by receipt: nothing is sent).
const (
	cancelTick  = 38
	receiveTick = 42
)

// closingStory plays it; skip is a PO another part of the story is about.
func (e *Env) closingStory(tick int, log *slog.Logger, skip string) {
	other := func(po string) bool { return po != skip }
	switch tick {
	case cancelTick:
		if po, ok := e.sentPO(other); ok && e.X3.CancelPurchaseOrder(po) {
			log.Info("buyer cancelled a PO in X3 after its 850 went out (a cancellation 850 follows, once)", "po", po)
		}
	case receiveTick:
		if po, ok := e.sentPO(func(po string) bool { return other(po) && e.shippedInFull(po) }); ok {
			if err := e.X3.ReceiveInFull(po); err != nil {
				log.Warn("receiving could not receive a PO", "po", po, "err", err)
				return
			}
			log.Info("receiving got a PO in full in X3 (closed by receipt: nothing is sent)", "po", po)
		}
	}
}

// sentPO is the newest PO whose original 850 Stedi accepted for a
// production partner, still open in X3, that fits.
func (e *Env) sentPO(fits func(po string) bool) (string, bool) {
	accepted := e.Stedi.Accepted()
	for i := len(accepted) - 1; i >= 0; i-- {
		a := accepted[i]
		if a.SetID != "850" || a.Purpose != "00" || e.testPartnership(a.PartnershipID) {
			continue
		}
		if p, ok := e.X3.PurchaseOrder(a.DocumentNumber); ok && p.Closed != closedYes && fits(a.DocumentNumber) {
			return a.DocumentNumber, true
		}
	}
	return "", false
}

// shippedInFull reports whether the shipments X3 recorded from the
// partner's 856s cover every line of po.
func (e *Env) shippedInFull(po string) bool {
	p, _ := e.X3.PurchaseOrder(po)
	shipped := map[int]float64{}
	for _, sh := range e.X3.Shipments() {
		for _, l := range sh.Lines {
			if l.PO == po {
				shipped[l.POLine] += l.Quantity
			}
		}
	}
	return len(p.Lines) > 0 && !slices.ContainsFunc(p.Lines, func(l x3sim.POLine) bool { return shipped[l.Line] < l.Quantity })
}

func (e *Env) testPartnership(id string) bool {
	for _, p := range e.Config.Partners {
		if p.PartnershipID == id {
			return p.Test
		}
	}
	return false
}

// closedYes is CLEFLG's Yes (local menu 1).
const closedYes = 2
