package e2e

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// Against a stock X3 the connector sends every PO while the suppliers'
// answers wait, with the setup message; once the administrator has set X3
// up, every 855 lands in the PO and every 856 in one X3 shipment, by
// themselves, once each.
func TestInbound_StockSiteWaitsForSetup_ThenEveryAnswerLandsOnce(t *testing.T) {
	l := newLoop(t, 30)
	l.x3.SetSite(x3sim.SiteStock)
	l.start()
	client, err := rest.New(rest.Config{BaseURL: l.x3URL, Folder: "SEED", User: "EDIUSER", Password: x3Password,
		HTTPClient: &http.Client{Timeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	l.inbox.Stop()
	setup := &core.X3Setup{Discoverer: client, Needs: []core.X3Capability{core.CapPollPOs, core.CapReadLines, core.CapWrite855, core.CapRecord856},
		Store: l.db, Probe: 20 * time.Millisecond, Resumed: l.inbox.Wake, Bus: l.bus, Logger: slog.New(slog.NewTextHandler(&l.logs, nil))}
	l.inbox.ASNTarget, l.inbox.Shipments, l.inbox.Setup = core.ASNShipment, client, setup
	for _, svc := range []interface{ Start(context.Context) error }{setup, l.inbox} {
		if err := svc.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(setup.Stop)

	l.waitFor("30 POs sent", func() bool { return l.kindState(core.Kind850, core.StateSent) == 30 })
	wave, err := l.stedi.ProcessDue()
	if err != nil || len(wave) < 60 {
		t.Fatalf("%d transactions, err %v", len(wave), err)
	}
	l.waitFor("every answer received", func() bool { return len(l.inboundDocs()) == len(wave) })
	reason, _, _ := l.db.Control(context.Background(), core.ControlX3SetupPaused)
	if !strings.Contains(reason, "YPOACK facet $edit is missing") || !strings.Contains(reason, "YSHIPASN facet $create is missing") {
		t.Errorf("pause %q", reason)
	}
	for _, d := range l.inboundDocs() {
		if d.State != core.StateReceived || d.Attempts != 0 {
			t.Errorf("document %d (%s): %s after %d attempts, want waiting untouched", d.ID, d.Kind, d.State, d.Attempts)
		}
	}
	if len(l.x3.Writes()) != 0 || len(l.x3.Shipments()) != 0 {
		t.Errorf("%d writes, %d shipments while X3 lacks its setup", len(l.x3.Writes()), len(l.x3.Shipments()))
	}

	l.x3.SetSite(x3sim.SiteConfigured) // the administrator follows docs/x3-setup.md
	l.settled("every answer applied once the setup is done", wave, nil)

	shipments := map[string]int{}
	for _, s := range l.x3.Shipments() {
		shipments[s.Supplier+"/"+s.Reference]++
	}
	acks := 0
	for _, d := range l.inboundDocs() {
		if d.Kind == core.Kind855 {
			acks++
		}
	}
	if len(shipments) != len(wave)-acks || len(l.x3.Shipments()) != len(wave)-acks {
		t.Errorf("%d shipments (%d distinct) for %d ship notices", len(l.x3.Shipments()), len(shipments), len(wave)-acks)
	}
	ok := 0
	for _, w := range l.x3.Writes() {
		if w.Status == 200 {
			ok++
		}
	}
	if ok != acks {
		t.Errorf("%d writes to POs for %d acknowledgments", ok, acks)
	}
	if reason, _, _ := l.db.Control(context.Background(), core.ControlX3SetupPaused); reason != "" {
		t.Errorf("still paused: %q", reason)
	}
}
