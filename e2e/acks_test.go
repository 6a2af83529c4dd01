package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/x12"
)

// TestAcks_PartnersProvidedWith997s_EveryOneMatchedToWhatWasSent is issue
// 15's delivery axis end to end: the engine sends 850s through the real
// Stedi client, the simulated partners answer each file with a 997 quoting
// the control numbers the simulator rendered, and the inbox records each
// one against the 850 it answers; the partner that rejects its first PO
// sends it to the failed queue with the refused segment named, and sends
// it no 855.
func TestAcks_PartnersProvidedWith997s_EveryOneMatchedToWhatWasSent(t *testing.T) {
	l := newLoop(t, 20)
	var rejecter string
	for i, s := range l.x3.Suppliers() {
		p := stedisim.PartnerProfile{Ack: stedisim.AckAcceptAll, Ship: stedisim.ShipFull, FA: stedisim.FAAccept}
		if i == 0 {
			p.FA, rejecter = stedisim.FARejectFirst, s.PartnershipID
		}
		l.stedi.SetPartnerProfile(s.PartnershipID, p)
	}
	l.start()
	sent := l.ediPOs()
	l.waitFor("every PO sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == sent })
	wave, err := l.stedi.ProcessDue()
	if err != nil {
		t.Fatal(err)
	}
	l.settled("997s, 855s and 856s applied", wave, nil)

	ctx := context.Background()
	docs, _ := l.db.ListDocuments(ctx, storeFilterAll())
	var ids []int64
	byID := map[int64]core.Document{}
	for _, d := range docs {
		if d.Kind == core.Kind850 {
			ids, byID[d.ID] = append(ids, d.ID), d
		}
	}
	tracks, err := l.db.Tracking(ctx, ids...)
	if err != nil {
		t.Fatal(err)
	}
	rendered := renderedControls(t, l.stedi.Accepted())
	rejected := 0
	for _, id := range ids {
		d, tr := byID[id], tracks[id]
		if want := rendered[d.PONumber]; tr.Envelope.GroupControl != want.group || tr.Envelope.SetControl != want.set {
			t.Errorf("PO %s tracked in group %d set %s, Stedi rendered group %d set %s", d.PONumber,
				tr.Envelope.GroupControl, tr.Envelope.SetControl, want.group, want.set)
		}
		if got := tr.Due.POA.Sub(tr.SentAt); got != 48*time.Hour && tr.FAStatus != "R" {
			t.Errorf("PO %s: 855 due %s after the send, want the default 48h", d.PONumber, got)
		}
		switch tr.FAStatus {
		case "A":
		case "R":
			rejected++
			if d.PartnershipID != rejecter || d.State != core.StateFailed || !strings.Contains(d.LastError, "segment PO1") ||
				!strings.Contains(d.LastError, "element PO103 (355): invalid code value") || !tr.POAAt.IsZero() {
				t.Errorf("rejected PO %s: %s %q, 855 at %v", d.PONumber, d.State, d.LastError, tr.POAAt)
			}
		default:
			t.Errorf("PO %s: 997 status %q, want every 850 acknowledged", d.PONumber, tr.FAStatus)
		}
	}
	if rejected != 1 {
		t.Errorf("%d 850s rejected, want the first one of partnership %s", rejected, rejecter)
	}
	if c, _ := l.db.CountAcks(ctx); c.Unmatched != 0 || c.Rejected != 1 || c.Accepted != sent-1 || c.Awaiting != 0 {
		t.Errorf("counts %+v", c)
	}
}

type controls struct {
	group int64
	set   string
}

// renderedControls reads, from the X12 the simulator rendered, each PO's
// GS06 and ST02.
func renderedControls(t *testing.T, as []stedisim.Accepted) map[string]controls {
	out := map[string]controls{}
	for _, a := range as {
		ic, err := x12.Parse([]byte(a.EDI))
		if err != nil {
			t.Fatal(err)
		}
		g := ic.Groups[0]
		gs, _ := strconv.ParseInt(g.GS.Element(6), 10, 64)
		out[a.DocumentNumber] = controls{gs, g.Sets[0].ST.Element(2)}
	}
	return out
}
