package core_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Transaction answers GET /transactions/{id} from the listing: the fake
// Stedi is a core.TransactionLookup, as stedi.Client is.
func (f *fakeStedi) Transaction(_ context.Context, id string) (core.InboundTransaction, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail[id] {
		return core.InboundTransaction{}, &core.Error{Class: core.Transient, Op: "stedi get transaction", Status: 503}
	}
	for _, t := range f.txs {
		if t.TransactionID == id {
			return t, nil
		}
	}
	return core.InboundTransaction{}, &core.Error{Class: core.Permanent, Op: "stedi get transaction", Status: 404, Err: core.ErrNotFound}
}

// deliverThin stores what Stedi knows of a transaction and takes in the
// thin event that announces it, as the webhook does.
func (r *inboxRig) deliverThin(tx core.InboundTransaction, doc, environment string) int64 {
	r.t.Helper()
	r.stedi.mu.Lock()
	r.stedi.txs = append(r.stedi.txs, tx)
	r.stedi.outputs[tx.TransactionID] = []byte(doc)
	r.stedi.mu.Unlock()
	ev := core.InboxEvent{ID: "evt_" + tx.TransactionID, Type: core.EventThinTransactionProcessed, Source: core.SourceWebhook,
		Raw: []byte(`{}`), Thin: true, Transaction: &core.InboundTransaction{TransactionID: tx.TransactionID, ProcessedAt: tx.ProcessedAt}}
	if environment == "TEST" {
		ev.Transaction.Mode = "test"
	}
	res, err := r.db.IntakeEvents(context.Background(), []core.InboxEntry{core.NewInboxEntry(ev)}, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	r.inbox.Wake()
	return res[0].DocID
}

func inbound855(id, mode string) core.InboundTransaction {
	return core.InboundTransaction{TransactionID: id, Direction: "INBOUND", Mode: mode, SetID: "855", PartnershipID: "p1",
		ProcessedAt: time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC), ControlNumber: "0001"}
}

func TestInbox_ThinEventResolvedThenApplied(t *testing.T) {
	r := newInboxRig(t)
	r.stedi.fail["tx-1"] = true // Stedi answers 503 at first: the lookup is retried
	id := r.deliverThin(inbound855("tx-1", "production"), ack("PO1", "SO-1", "1000:IA:10"), "PRODUCTION")
	r.waitState(id, core.StateRetrying)
	r.stedi.mu.Lock()
	r.stedi.fail["tx-1"] = false
	r.stedi.mu.Unlock()
	d := r.settle(id)
	if d.State != core.StateApplied || d.Kind != core.Kind855 || d.PartnershipID != "p1" || d.PONumber != "PO1" || d.Test {
		t.Fatalf("resolved document %+v (%s)", d, d.LastError)
	}
	if d.SourceUpdated.IsZero() || !d.SourceUpdated.Equal(time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("processed at %v, want Stedi's processedAt", d.SourceUpdated)
	}
	if po := r.po("PO1"); po.AckNumber != "SO-1" {
		t.Errorf("PO1 acknowledgment %q, want SO-1", po.AckNumber)
	}
	trail, _ := r.db.AuditTrail(context.Background(), d.ID)
	// The failed lookups (one or more before the fake recovers), then the resolution.
	if got := actions(trail); !strings.HasPrefix(got, "received,attempt_failed,") || !strings.Contains(got, ",resolved,fetched,") ||
		!strings.HasSuffix(got, ",applied") {
		t.Errorf("audit %s", got)
	}
}

func TestInbox_ThinTestEnvironmentIsHeld(t *testing.T) {
	r := newInboxRig(t)
	before := r.writes()
	// Stedi calls the transaction production; the event's environment TEST is enough.
	d := r.settle(r.deliverThin(inbound855("tx-t", "production"), ack("PO1", "SO-T", "1000:IA:10"), "TEST"))
	if d.State != core.StateHeld || !d.Test || d.Kind != core.Kind855 {
		t.Fatalf("TEST event: %+v (%s)", d, d.LastError)
	}
	if r.writes() != before {
		t.Errorf("a TEST event wrote to production X3 (%d writes)", r.writes()-before)
	}
}

func TestInbox_ThinEventOfAnotherSetIsClosed(t *testing.T) {
	r := newInboxRig(t)
	out := core.InboundTransaction{TransactionID: "tx-850", Direction: "OUTBOUND", Mode: "production", SetID: "850", PartnershipID: "p1"}
	id := r.deliverThin(out, `{}`, "PRODUCTION")
	d := r.waitState(id, core.StateClosed)
	if d.Kind != core.KindTransaction || d.LastError != "" {
		t.Errorf("closed document %+v", d)
	}
	// An 856 of the partnership does not wait on it once it is closed.
	if pending, _ := r.db.AcknowledgmentPending(context.Background(), "PO1", "p1"); pending {
		t.Error("a closed thin transaction still holds 856s back")
	}
}

// waitState waits until the document reaches state.
func (r *inboxRig) waitState(id int64, state core.State) core.Document {
	r.t.Helper()
	events, stop := r.bus.Subscribe(256)
	defer stop()
	deadline := time.After(30 * time.Second)
	for {
		d, err := r.db.Document(context.Background(), id)
		if err != nil {
			r.t.Fatal(err)
		}
		if d.State == state {
			return d
		}
		select {
		case <-events:
		case <-deadline:
			r.t.Fatalf("document %d still %s, want %s", id, d.State, state)
		}
	}
}
