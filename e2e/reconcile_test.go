package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/x12"
)

// reconcileRig is one PO against both simulators on a clock the test
// moves, so a day can pass between a lost answer and the next attempt.
type reconcileRig struct {
	*world
	clock *offsetClock
	st    *stedi.Client
	posts atomic.Int32 // generate-edi requests Stedi received
}

func newReconcileRig(t *testing.T) *reconcileRig {
	t.Helper()
	r := &reconcileRig{clock: &offsetClock{}}
	w := &world{t: t, x3Faults: faultinject.New(1), stediFaults: faultinject.New(2), maxAttempts: 3, bus: core.NewBus()}
	r.world = w
	w.x3 = x3sim.New(x3sim.Config{Folder: "SEED", User: "EDIUSER", Password: x3Password, Seed: 42, GraphQLAPI: x3gql.New})
	w.stedi = stedisim.New(stedisim.Config{APIKeys: []string{stediKey}, Faults: w.stediFaults, Now: r.clock.Now})
	w.x3URL = serve(t, w.x3)
	w.stediURL = serve(t, http.HandlerFunc(func(rw http.ResponseWriter, req *http.Request) {
		if req.Method == http.MethodPost {
			r.posts.Add(1)
		}
		w.stedi.ServeHTTP(rw, req)
	})) + stedisim.APIVersion
	w.partners = core.Partners{}
	w.allSuppliersOnEDI()
	w.x3.SeedPurchaseOrders(1)
	w.dbPath = filepath.Join(t.TempDir(), "reconcile.db")
	w.openDB()
	w.db.Now = r.clock.Now
	var err error
	if r.st, err = stedi.New(stedi.Config{BaseURL: w.stediURL, APIKey: stediKey, HTTPClient: &http.Client{Timeout: 5 * time.Second}}); err != nil {
		t.Fatal(err)
	}
	return r
}

// poll reads X3 and queues what changed.
func (r *reconcileRig) poll() {
	r.t.Helper()
	x3, err := rest.New(rest.Config{BaseURL: r.x3URL, Folder: "SEED", User: "EDIUSER", Password: x3Password})
	if err != nil {
		r.t.Fatal(err)
	}
	p := &core.Poller{ERP: x3, Store: r.db, Partners: r.partners, Map: r.mapConfig(), Folder: "SEED", Fetchers: 1,
		Bus: r.bus, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: r.clock.Now, CheckX12: x12.CheckGuideJSON}
	if _, err := p.PollOnce(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// crashMidSend claims the queued document and sends it as the sender
// would, with fault f on the way; then the process dies: the claim stays.
func (r *reconcileRig) crashMidSend(f faultinject.Fault) core.Document {
	r.t.Helper()
	docs, err := r.db.ClaimDue(context.Background(), r.clock.Now().Add(time.Second), 1, time.Minute)
	if err != nil || len(docs) != 1 {
		r.t.Fatalf("claim: %+v, err %v", docs, err)
	}
	// Two: net/http resends a request with an Idempotency-Key once by
	// itself when a reused connection breaks.
	r.stediFaults.Next(2, isPost, f)
	if _, err := r.st.GenerateEDI(context.Background(), core.OutboundRequest(docs[0])); err == nil {
		r.t.Fatal("the answer came back; the fault was not injected")
	}
	return docs[0]
}

// restartAfter lets d pass, then runs a sender until document id leaves
// the queue, and returns it.
func (r *reconcileRig) restartAfter(d time.Duration, id int64) core.Document {
	r.t.Helper()
	r.clock.Advance(d)
	s := &core.Sender{EDI: r.st, Lookup: r.st, Store: r.db, Workers: 1, MaxAttempts: r.maxAttempts,
		Backoff: core.Backoff{Base: time.Millisecond, Max: 2 * time.Millisecond}, Lease: time.Minute,
		Idle: 5 * time.Millisecond, Bus: r.bus, Logger: slog.New(slog.NewTextHandler(&r.logs, nil)), Now: r.clock.Now}
	events, stop := r.bus.Subscribe(256)
	defer stop()
	if err := s.Start(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	defer s.Stop()
	deadline := time.After(30 * time.Second)
	for {
		doc, err := r.db.Document(context.Background(), id)
		if err != nil {
			r.t.Fatal(err)
		}
		if doc.State == core.StateSent || doc.State == core.StateFailed {
			return doc
		}
		select {
		case <-events:
		case <-deadline:
			r.t.Fatalf("document %d still %s; log:\n%s", id, doc.State, r.logs.String())
		}
	}
}

// offsetClock runs with the wall clock (X3 stamps records with it, and
// the sender's backoff must come due) plus what the test advanced it by.
type offsetClock struct{ offset atomic.Int64 }

func (c *offsetClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

func (c *offsetClock) Advance(d time.Duration) { c.offset.Add(int64(d)) }

func (r *reconcileRig) trail(id int64) string {
	entries, err := r.db.AuditTrail(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Action + ": " + e.Message + "\n")
	}
	return b.String()
}

// A claim left by a crash just after Stedi committed the request, and a
// restart a day later: Stedi no longer remembers the key, so a resend
// would go out again. The sender asks Stedi, finds the transaction, and
// records the document sent without resending it.
func TestReconcile_PastTheWindow_StediHoldsIt_NotResent(t *testing.T) {
	r := newReconcileRig(t)
	r.poll()
	d := r.crashMidSend(faultinject.Fault{DropAfterCommit: true})
	got := r.restartAfter(25*time.Hour, d.ID)
	if got.State != core.StateSent {
		t.Fatalf("state %s (%s), want sent", got.State, got.LastError)
	}
	if n := r.posts.Load(); n != 1 {
		t.Errorf("Stedi received %d generate-edi requests, want 1: the document was resent", n)
	}
	if n := r.stedi.CountByDocument()[d.SourceKey]; n != 1 {
		t.Errorf("PO %s accepted %d times, want 1", d.SourceKey, n)
	}
	trail := r.trail(d.ID)
	tx := r.stedi.Accepted()[0]
	if !strings.Contains(trail, "reconciled: not resent") || !strings.Contains(trail, tx.FileExecutionID) {
		t.Errorf("the trail does not name the transaction found (file execution %s):\n%s", tx.FileExecutionID, trail)
	}
	if got.Attempts != 0 {
		t.Errorf("%d attempts counted, want 0: no request was made", got.Attempts)
	}
}

// The same crash, but the request never reached Stedi: Stedi lists
// nothing, and the document is sent, once, with its window started over.
func TestReconcile_PastTheWindow_StediHasNone_Resent(t *testing.T) {
	r := newReconcileRig(t)
	r.poll()
	d := r.crashMidSend(faultinject.Fault{DropBeforeCommit: true})
	got := r.restartAfter(25*time.Hour, d.ID)
	if got.State != core.StateSent {
		t.Fatalf("state %s (%s), want sent", got.State, got.LastError)
	}
	if n := r.stedi.CountByDocument()[d.SourceKey]; n != 1 {
		t.Errorf("PO %s accepted %d times, want 1", d.SourceKey, n)
	}
	if !got.FirstSentAt.After(d.FirstSentAt) {
		t.Errorf("first sent %v, want the resend's time, after %v", got.FirstSentAt, d.FirstSentAt)
	}
	if trail := r.trail(d.ID); !strings.Contains(trail, "Stedi holds no transaction of this revision; sending it again") {
		t.Errorf("trail:\n%s", trail)
	}
}

// Stedi holds revision 1 of the PO; revision 2's request was lost before
// Stedi saw it. Stedi lists a transaction for the PO number, but its
// content is revision 1's: revision 2 is sent.
func TestReconcile_AnotherRevisionIsNotThisOne(t *testing.T) {
	r := newReconcileRig(t)
	r.poll()
	first := r.restartAfter(0, r.crashMidSend(faultinject.Fault{DropAfterCommit: true}).ID)
	if first.State != core.StateSent {
		t.Fatalf("revision 1: %s", first.State)
	}
	po := first.SourceKey
	r.clock.Advance(time.Minute)
	r.x3.UpdatePurchaseOrder(po, func(p *x3sim.PO) { p.Lines[0].Quantity++ })
	r.poll()
	second := r.crashMidSend(faultinject.Fault{DropBeforeCommit: true})
	if second.Revision != 2 {
		t.Fatalf("claimed revision %d, want 2", second.Revision)
	}
	got := r.restartAfter(25*time.Hour, second.ID)
	if got.State != core.StateSent || r.stedi.CountByDocument()[po] != 2 {
		t.Fatalf("revision 2 %s, PO accepted %d times; want sent, 2 (one per revision)", got.State, r.stedi.CountByDocument()[po])
	}
	if trail := r.trail(second.ID); !strings.Contains(trail, "it lists 1 of 850 "+po+", with other content") {
		t.Errorf("trail:\n%s", trail)
	}
}

// When Stedi cannot say (its listing keeps failing), the document is not
// resent blindly: it waits in the failed queue with what to do.
func TestReconcile_StediCannotAnswer_Held(t *testing.T) {
	r := newReconcileRig(t)
	r.poll()
	d := r.crashMidSend(faultinject.Fault{DropAfterCommit: true})
	r.stediFaults.SetRules(faultinject.Rule{Match: func(q *http.Request) bool { return strings.HasSuffix(q.URL.Path, "/transactions") },
		Rate: 1, Fault: faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable"}`}})
	got := r.restartAfter(25*time.Hour, d.ID)
	if got.State != core.StateFailed || !strings.Contains(got.LastError, "held for the operator") ||
		!strings.Contains(got.LastError, "not resent blindly") {
		t.Fatalf("state %s, error %q; want failed, held for the operator", got.State, got.LastError)
	}
	if n := r.posts.Load(); n != 1 {
		t.Errorf("Stedi received %d generate-edi requests, want 1", n)
	}
	if got.Attempts != r.maxAttempts {
		t.Errorf("%d attempts, want %d (each failed listing is one)", got.Attempts, r.maxAttempts)
	}
}
