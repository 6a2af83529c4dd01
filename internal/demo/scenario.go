package demo

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// Tick is the scenario's time step.
const Tick = 400 * time.Millisecond

// RunScenario plays the demo's story until ctx ends: buyers create and
// change purchase orders, accounts payable validates supplier invoices
// (810s), X3 stamps records without changing them, Stedi
// has a short outage, one PO carries a unit no partner understands until a
// buyer fixes it, one supplier's partnership gets set up at Stedi late, a
// buyer cancels a PO that went out and receiving closes one by receipt.
func (e *Env) RunScenario(ctx context.Context, log *slog.Logger) {
	rng := rand.New(rand.NewPCG(7, 11))
	e.StediFaults.SetRules(stediNoise()...)
	e.X3Faults.SetRules(faultinject.Rule{Match: isGet, Rate: 0.02, Fault: unavailable()})
	t := time.NewTicker(Tick)
	defer t.Stop()
	var badPO string
	for tick := 1; ; tick++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		switch {
		case tick%3 == 0:
			nums := e.X3.SeedPurchaseOrders(1)
			log.Info("buyer created a purchase order in X3", "po", nums[0])
		case tick%10 == 1:
			e.changeQuantity(rng, log)
		case tick%7 == 0:
			e.touch(rng, log)
		case tick%5 == 2:
			if nums := e.X3.SeedSupplierInvoices(1); len(nums) > 0 {
				log.Info("accounts payable validated a supplier invoice in X3 (an 810 follows)", "invoice", nums[0])
			}
		}
		e.inboundStory(tick, log)
		e.closingStory(tick, log, badPO) // closing.go
		switch tick {
		case 15:
			badPO = e.addUnmappablePO(log)
		case 25:
			log.Warn("Stedi outage begins (every request answers 503 for 5 s)")
			e.StediFaults.SetRules(faultinject.Rule{Rate: 1, Fault: unavailable()})
		case 37:
			log.Info("Stedi outage ends")
			e.StediFaults.SetRules(stediNoise()...)
		case 35:
			e.fixUnit(badPO, log)
		case 50:
			e.SetUpUnreadyPartnership()
			log.Info("Stedi partnership set up for supplier "+e.Unready.Code+"; its failed POs can now be replayed",
				"partnership", e.Unready.PartnershipID)
		case 56:
			e.replayFailed(ctx, log)
		}
	}
}

// stediNoise is the background of failures a busy cloud API shows.
func stediNoise() []faultinject.Rule {
	return []faultinject.Rule{
		{Match: isPost, Rate: 0.05, Fault: unavailable()},
		{Match: isPost, Rate: 0.02, Fault: faultinject.Fault{DropAfterCommit: true}},
	}
}

func unavailable() faultinject.Fault {
	return faultinject.Fault{Status: http.StatusServiceUnavailable,
		Body: `{"message":"Service Unavailable","code":"ServiceUnavailable"}`}
}

func isGet(r *http.Request) bool  { return r.Method == http.MethodGet }
func isPost(r *http.Request) bool { return r.Method == http.MethodPost }

func (e *Env) randomPO(rng *rand.Rand) (string, bool) {
	nums := e.X3.PurchaseOrderNumbers()
	if len(nums) == 0 {
		return "", false
	}
	return nums[rng.IntN(len(nums))], true
}

func (e *Env) changeQuantity(rng *rand.Rand, log *slog.Logger) {
	num, ok := e.randomPO(rng)
	if !ok {
		return
	}
	e.X3.UpdatePurchaseOrder(num, func(po *x3sim.PO) {
		if len(po.Lines) > 0 {
			po.Lines[0].Quantity++
		}
	})
	log.Info("buyer changed a quantity in X3 (a replacement 850 follows if it went out)", "po", num)
}

func (e *Env) touch(rng *rand.Rand, log *slog.Logger) {
	if num, ok := e.randomPO(rng); ok {
		e.X3.Touch(num)
		log.Info("X3 re-stamped a PO without changing it (nothing must be sent)", "po", num)
	}
}

// addUnmappablePO creates a PO whose unit has no X12 code: it fails at
// once, naming the X3 field, and goes out by itself once fixed.
func (e *Env) addUnmappablePO(log *slog.Logger) string {
	nums := e.X3.SeedPurchaseOrders(1)
	num := nums[0]
	e.X3.UpdatePurchaseOrder(num, func(po *x3sim.PO) {
		po.Supplier = e.Config.Partners[len(e.Config.Partners)-1].Supplier
		po.Lines[0].Unit = "GROSS"
	})
	log.Warn("buyer created a PO with unit GROSS, which has no X12 code", "po", num)
	return num
}

func (e *Env) fixUnit(num string, log *slog.Logger) {
	if num == "" {
		return
	}
	e.X3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Lines[0].Unit = "EA" })
	log.Info("buyer fixed the unit in X3; the PO goes out without anyone replaying it", "po", num)
}

// replayFailed plays the operator who, once the partnership exists and the
// outage is over, replays the failed queue.
func (e *Env) replayFailed(ctx context.Context, log *slog.Logger) {
	if e.ReplayFailed == nil {
		return
	}
	n, err := e.ReplayFailed(ctx)
	if err != nil {
		log.Error("operator replay failed", "err", err)
		return
	}
	log.Info("operator replayed the failed queue", "documents", n)
}
