package e2e

import (
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// Both directions with a partner on 004010 and one in test mode: the
// 004010 partner's 855 and 856 arrive with 004010 key names and are
// written into X3; the test partner's 850 goes out as a test interchange,
// and its test 855 and 856 are held, never written into X3.
func TestInbound_004010PartnerAndTestPartner(t *testing.T) {
	l := newLoop(t, 0)
	l.stedi.AddPartnership("mlc_aurora", stedisim.DemoPartnership4010("NORTHWIND", "AURORA"))
	l.partners["AURORA"] = core.Partner{Supplier: "AURORA", PartnershipID: "mlc_aurora", Release: core.Release4010,
		TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850v4010},
		Guides:              map[core.Kind]core.Guide{core.Kind850: compiledGuide(t, "850", "004010")}}
	cascade := l.partners["CASCADE"]
	cascade.Test = true
	l.partners["CASCADE"] = cascade
	l.addPO("PO-4010", "AURORA", "AS-32F411-LQ64")
	l.addPO("PO-TEST", "CASCADE", "CC-1")
	l.start()
	l.waitFor("both 850s sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == 1 && l.testSent() == 1 })

	answers, err := l.stedi.ProcessDue()
	if err != nil || len(answers) != 4 {
		t.Fatalf("%d answers (%v), want an 855 and an 856 per PO", len(answers), err)
	}
	l.waitFor("all four answers handled", func() bool {
		done := 0
		for _, d := range l.inboundDocs() {
			if d.State == core.StateApplied || d.State == core.StateHeld {
				done++
			}
		}
		return done == 4
	})
	for _, d := range l.inboundDocs() {
		want := map[string]core.State{"PO-4010": core.StateApplied, "PO-TEST": core.StateHeld}[d.PONumber]
		if d.State != want || d.Test != (d.PONumber == "PO-TEST") {
			t.Errorf("%s of %s: %s, test %v (%s)", d.Kind, d.PONumber, d.State, d.Test, d.LastError)
		}
	}
	if po, _ := l.x3.PurchaseOrder("PO-4010"); po.AckNumber == "" || po.Lines[0].AckFlag != 2 {
		t.Errorf("the 004010 855 was not written: %+v", po)
	}
	if po, _ := l.x3.PurchaseOrder("PO-TEST"); po.AckNumber != "" || po.Lines[0].AckFlag == 2 || po.ASNNumber != "" {
		t.Errorf("a test 855 changed X3: %+v", po)
	}
	if n := l.kindState(core.Kind850, core.StateShipped); n != 1 {
		t.Errorf("%d production 850s shipped, want the 004010 one", n)
	}
}

// testSent counts test documents sent.
func (l *loop) testSent() int {
	counts, err := l.db.TestCounts(l.t.Context())
	if err != nil {
		l.t.Fatal(err)
	}
	n := 0
	for _, c := range counts {
		if c.Kind == core.Kind850 && c.State == core.StateSent {
			n += c.Count
		}
	}
	return n
}
