package e2e

import (
	"context"
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

var e2eEventSecret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("e2e-event-destination-secret-01"))

// TestInbound_EventDestinationOnly_EveryAnswerWrittenOnce: Stedi's webhook
// is an event destination, so every 855 and 856 arrives only as a thin,
// signed v1.event (duplicated and out of order now and then, with Stedi
// failing some GETs); the inbox learns what each transaction is from
// GET /transactions/{id}, and every one is written into X3 exactly once.
// Then a partner's test 856 (environment TEST) changes nothing in X3.
func TestInbound_EventDestinationOnly_EveryAnswerWrittenOnce(t *testing.T) {
	l := newLoop(t, 30)
	l.applyChanges = true
	l.eventSecret = e2eEventSecret
	profileOf := map[string]stedisim.PartnerProfile{}
	for i, s := range l.x3.Suppliers() {
		p := profiles[i%len(profiles)]
		profileOf[s.Code] = p
		l.stedi.SetPartnerProfile(s.PartnershipID, p)
	}
	l.stediFaults.SetRules(faultinject.Rule{Match: isGet, Rate: 0.05,
		Fault: faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable"}`}})
	l.start()
	l.waitFor("30 POs sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == 30 })

	wave1, err := l.stedi.ProcessDue()
	if err != nil || len(wave1) < 60 {
		t.Fatalf("wave 1: %d transactions, err %v", len(wave1), err)
	}
	l.settled("wave 1 applied", wave1, nil)
	l.clock.Advance(time.Hour)
	wave2, err := l.stedi.ProcessDue()
	if err != nil || len(wave2) == 0 {
		t.Fatalf("wave 2: %d transactions, err %v", len(wave2), err)
	}
	l.settled("wave 2 applied", wave2, nil)

	all := append(wave1, wave2...)
	l.assertThinOnly(all)
	l.assertWrittenOnce(all)
	l.assertX3State(profileOf)
	if n := l.kindState(core.Kind850, core.StateShipped); n != 30 {
		t.Errorf("%d 850s shipped, want 30", n)
	}
	dups := 0
	for _, d := range l.stedi.Deliveries() {
		if d.Duplicate && d.Outcome == stedisim.Delivered {
			dups++
		}
	}
	if dups == 0 {
		t.Error("no event was delivered twice: the test proves nothing about duplicates")
	}
	l.assertTestEventHeld()
	l.assertNoSecrets()
	if strings.Contains(l.logs.String(), strings.TrimPrefix(e2eEventSecret, "whsec_")) {
		t.Error("the event destination secret reached the log")
	}
}

// assertThinOnly checks each transaction came in as a thin event and was
// resolved by asking Stedi, never by the webhook envelope or the catch-up.
func (l *loop) assertThinOnly(txs []string) {
	docs := l.inboundDocs()
	for _, tx := range txs {
		d := docs[tx]
		trail, err := l.db.AuditTrail(context.Background(), d.ID)
		if err != nil {
			l.t.Fatal(err)
		}
		resolved := slices.IndexFunc(trail, func(e core.AuditEntry) bool { return e.Action == "resolved" })
		if len(trail) == 0 || !strings.Contains(trail[0].Message, "announced by Stedi's event destination") || resolved < 0 {
			l.t.Errorf("transaction %s (%s): trail does not start with the thin event, or has no resolution: %+v", tx, d.Kind, trail)
		}
	}
}

// assertTestEventHeld sends a partner's 856 as a test interchange (ISA15
// T, so Stedi's event says environment TEST) for a PO: it is held, and
// production X3 sees no write.
func (l *loop) assertTestEventHeld() {
	l.t.Helper()
	num := l.x3.PurchaseOrderNumbers()[0]
	po, _ := l.x3.PurchaseOrder(num)
	pid := l.partners[po.Supplier].PartnershipID
	n := stedisim.ShipNotice{ShipmentID: "ASN-TEST", PONumber: num, SCAC: "UPSN", Shipped: l.clock.Now(),
		Packs: []stedisim.Pack{{SSCC: "00012345600000000009", Items: []stedisim.ShipItem{{LineID: "1000", Quantity: 1,
			Unit: l.mapConfig().Unit(po.Lines[0].Unit)}}}}}
	file, err := l.stedi.PartnerFile(pid, n.Transaction())
	if err != nil {
		l.t.Fatal(err)
	}
	ids, err := l.stedi.InjectInbound(pid, asTestInterchange(file))
	if err != nil || len(ids) != 1 {
		l.t.Fatalf("inject the test 856: %v %v", ids, err)
	}
	writes := len(l.x3.Writes())
	l.waitFor("the test 856 held", func() bool {
		d, ok := l.inboundDocs()[ids[0]]
		return ok && d.State == core.StateHeld
	})
	if d := l.inboundDocs()[ids[0]]; !d.Test || d.Kind != core.Kind856 {
		l.t.Errorf("test 856: %+v", d)
	}
	if got := len(l.x3.Writes()); got != writes {
		l.t.Errorf("a test event wrote to production X3 (%d writes)", got-writes)
	}
	if p, _ := l.x3.PurchaseOrder(num); p.ASNNumber == "ASN-TEST" {
		l.t.Error("the test ship notice reached production X3")
	}
}

// asTestInterchange sets ISA15 (usage) to T in an X12 file.
func asTestInterchange(file []byte) []byte {
	s := string(file)
	sep := s[3:4]
	f := strings.SplitN(s, sep, 17)
	f[15] = "T"
	return []byte(strings.Join(f, sep))
}
