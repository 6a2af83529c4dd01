package e2e

import (
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// The return path over GraphQL, with a connected app's JWT and with Sage's
// cloud tokens, against a configured site: every PO goes out once, every
// 855 is written through the site's acknowledgment operation and every
// 856 into the PO's declared ship-notice properties, once each, while X3
// answers some requests with 500.
func TestInbound_OverGraphQL_EveryAnswerWrittenOnce(t *testing.T) {
	for _, tr := range x3Transports[1:] {
		t.Run(tr.name, func(t *testing.T) {
			const pos = 20
			l := newLoop(t, pos)
			l.applyChanges = true // the partners' changes are written as they come, as assertX3State expects
			l.erp = tr.setup(l.world)
			profileOf := map[string]stedisim.PartnerProfile{}
			for i, s := range l.x3.Suppliers() {
				p := profiles[i%len(profiles)]
				profileOf[s.Code] = p
				l.stedi.SetPartnerProfile(s.PartnershipID, p)
			}
			l.x3Faults.SetRules(faultinject.Rule{Match: isPost, Rate: 0.03, Fault: faultinject.Fault{Status: 500,
				Body: `{"$severity":"error","$dataCode":"InternalServerError","$message":"","$source":"Gateway"}`}})
			l.start()
			l.waitFor("every PO sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == pos })

			wave1, err := l.stedi.ProcessDue()
			if err != nil || len(wave1) < 2*pos {
				t.Fatalf("wave 1: %d transactions, err %v", len(wave1), err)
			}
			l.settled("wave 1 applied", wave1, nil)
			l.clock.Advance(time.Hour)
			wave2, err := l.stedi.ProcessDue()
			if err != nil {
				t.Fatal(err)
			}
			l.settled("wave 2 applied", wave2, nil)

			l.pollsAfter(time.Now())
			for po, n := range l.stedi.CountByDocument() {
				if n != 1 {
					t.Errorf("PO %s went out %d times", po, n)
				}
			}
			if n := l.kindState(core.Kind850, core.StateShipped); n != pos {
				t.Errorf("%d 850s shipped, want %d", n, pos)
			}
			l.assertWrittenOnce(append(wave1, wave2...))
			l.assertX3State(profileOf)
			l.assertNoX3Secrets()
		})
	}
}
