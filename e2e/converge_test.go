package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// The case the crash test found, through the real clients and both
// simulators: Stedi accepts the 850 but the answer is lost; the partner's
// 855 and 856 are applied while the sender still retries; the resend is
// answered from Stedi's idempotency cache. The 850 ends shipped, not sent.
func TestConverge_AnswersBeforeTheLostSendIsRecorded(t *testing.T) {
	l := newLoop(t, 1)
	l.maxAttempts = 1000 // Stedi is down for as long as the test needs
	for _, s := range l.x3.Suppliers() {
		l.stedi.SetPartnerProfile(s.PartnershipID, stedisim.PartnerProfile{Ship: stedisim.ShipFull})
	}
	// Two: net/http resends a request with an Idempotency-Key once by
	// itself when a reused connection breaks.
	l.stediFaults.Next(2, isPost, faultinject.Fault{DropAfterCommit: true})
	l.stediFaults.SetRules(faultinject.Rule{Match: isPost, Rate: 1,
		Fault: faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable"}`}})
	l.start()
	l.waitFor("Stedi accepted the 850, the sender still retries", func() bool {
		return l.stedi.AcceptedCount() == 1 && l.kindState(core.Kind850, core.StateRetrying) == 1
	})
	answers, err := l.stedi.ProcessDue()
	if err != nil || len(answers) != 2 {
		t.Fatalf("partner answers %v, %v; want an 855 and an 856", answers, err)
	}
	l.settled("855 and 856 applied", answers, nil)
	for _, s := range []core.State{core.StateSent, core.StateAcknowledged, core.StateShipped} {
		if n := l.kindState(core.Kind850, s); n != 0 {
			t.Fatalf("the 850 is %s before Stedi's answer to it was recorded", s)
		}
	}
	l.stediFaults.SetRules() // Stedi is back: the resend is answered from its cache
	l.waitFor("the 850 shipped", func() bool { return l.kindState(core.Kind850, core.StateShipped) == 1 })
	if n := l.stedi.AcceptedCount(); n != 1 {
		t.Errorf("Stedi accepted the 850 %d times, want 1", n)
	}
	docs, _ := l.db.ListDocuments(context.Background(), storeFilterAll())
	for _, d := range docs {
		if d.Kind != core.Kind850 {
			continue
		}
		trail, _ := l.db.AuditTrail(context.Background(), d.ID)
		var actions []string
		for _, e := range trail {
			actions = append(actions, e.Action)
		}
		got := strings.Join(actions, " ")
		if !strings.Contains(got, "sent shipped") || !strings.Contains(trailText(trail), "idempotency cache") {
			t.Errorf("850 trail: %s", got)
		}
	}
}

func trailText(trail []core.AuditEntry) string {
	var b strings.Builder
	for _, e := range trail {
		b.WriteString(e.Message + "\n")
	}
	return b.String()
}

// The partner's 997 can come back while the answer to the send it
// acknowledges is lost and the sender still retries (Stedi is down after
// accepting the 850). It waits for the resend to be recorded, with the
// envelope Stedi generated, and is then matched to the 850; it does not
// go to the failed queue as answering nothing sent.
func TestConverge_The997OfALostSendWaitsForTheResend(t *testing.T) {
	l := newLoop(t, 1)
	l.maxAttempts = 1000 // Stedi is down for as long as the test needs
	for _, s := range l.x3.Suppliers() {
		l.stedi.SetPartnerProfile(s.PartnershipID, stedisim.PartnerProfile{FA: stedisim.FAAccept,
			Ack: stedisim.AckNone, Ship: stedisim.ShipNone})
	}
	l.stediFaults.Next(2, isPost, faultinject.Fault{DropAfterCommit: true}) // two: net/http resends once by itself
	l.stediFaults.SetRules(faultinject.Rule{Match: isPost, Rate: 1,
		Fault: faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable"}`}})
	l.start()
	l.waitFor("Stedi accepted the 850, the sender still retries", func() bool {
		return l.stedi.AcceptedCount() == 1 && l.kindState(core.Kind850, core.StateRetrying) == 1
	})
	answers, err := l.stedi.ProcessDue()
	if err != nil || len(answers) != 1 {
		t.Fatalf("partner answers %v, %v; want one 997", answers, err)
	}
	l.waitFor("the 997 tried while its 850 is resent", func() bool {
		s := l.inboundDocs()[answers[0]].State
		return s == core.StateRetrying || s == core.StateFailed
	})
	if d := l.inboundDocs()[answers[0]]; d.State == core.StateFailed {
		t.Fatalf("the 997 failed while its 850 was still being resent: %s", d.LastError)
	}
	l.stediFaults.SetRules() // Stedi is back: the resend is answered from its cache
	l.settled("the 997 matched", answers, nil)
	if n := l.kindState(core.Kind850, core.StateSent); n != 1 {
		t.Fatalf("%d 850s sent, want 1", n)
	}
	if n := l.stedi.AcceptedCount(); n != 1 {
		t.Errorf("Stedi accepted the 850 %d times, want 1", n)
	}
}
