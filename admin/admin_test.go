package admin_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "admin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// switchable is a probe whose result the test sets.
type switchable struct {
	mu  sync.Mutex
	err error
}

func (s *switchable) set(err error) { s.mu.Lock(); s.err = err; s.mu.Unlock() }

func (s *switchable) probe(part string) admin.Probe {
	return admin.Probe{Part: part, Run: func(context.Context) admin.Outcome {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.err != nil {
			return admin.Outcome{Result: admin.Fail, Tried: "ping", Detail: s.err.Error(), Advice: "fix it"}
		}
		return admin.Outcome{Result: admin.OK, Tried: "ping"}
	}}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServer_HealthzReadyzMetrics(t *testing.T) {
	db := openStore(t)
	sp := &admin.StoreProbe{DB: db}
	defer sp.Close()
	x3 := &switchable{}
	mon := &admin.Monitor{Probes: []admin.Probe{sp.Probe(), x3.probe("x3")}}
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ml_connector_up 1\n") })
	srv := &admin.Server{Addr: "127.0.0.1:0", Monitor: mon, Metrics: metrics}
	if err := srv.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	base := "http://" + srv.ListenAddr()

	if code, body := get(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	// Before the first round of checks the daemon is not ready.
	if code, _ := get(t, base+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz before any check = %d", code)
	}
	mon.RunOnce(context.Background())
	code, body := get(t, base+"/readyz")
	var r struct {
		Ready  bool
		Checks []admin.Outcome
	}
	json.Unmarshal([]byte(body), &r)
	if code != 200 || !r.Ready || len(r.Checks) != 2 || r.Checks[0].Part != "database" || !strings.Contains(r.Checks[0].Detail, "writable") {
		t.Errorf("/readyz = %d %s", code, body)
	}

	x3.set(errors.New("HTTP 401 Unauthorized"))
	mon.RunOnce(context.Background())
	code, body = get(t, base+"/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "HTTP 401 Unauthorized") {
		t.Errorf("/readyz with X3 refusing = %d %s", code, body)
	}
	if code, body := get(t, base+"/metrics"); code != 200 || body != "ml_connector_up 1\n" {
		t.Errorf("/metrics = %d %q", code, body)
	}
}

func TestServer_TakenPortFailsTheStart(t *testing.T) {
	a := &admin.Server{Addr: "127.0.0.1:0"}
	a.Start(context.Background())
	defer a.Stop()
	b := &admin.Server{Addr: a.ListenAddr()}
	if err := b.Start(context.Background()); err == nil || !strings.Contains(err.Error(), "admin.listen") {
		t.Fatalf("err = %v", err)
	}
}

func TestMonitor_SinceMovesOnlyWhenTheResultChanges(t *testing.T) {
	p := &switchable{}
	mon := &admin.Monitor{Probes: []admin.Probe{p.probe("stedi")}}
	first := mon.RunOnce(context.Background())[0]
	second := mon.RunOnce(context.Background())[0]
	if !second.Since.Equal(first.Since) {
		t.Errorf("since moved on an unchanged result: %v → %v", first.Since, second.Since)
	}
	p.set(errors.New("refused"))
	third := mon.RunOnce(context.Background())[0]
	if third.Result != admin.Fail || !third.Since.Equal(third.At) {
		t.Errorf("failing outcome %+v", third)
	}
	if mon.Ready() || mon.Passing()["stedi"] {
		t.Error("ready with a failing check")
	}
}

func TestRunAll_RunsProbesInParallel(t *testing.T) {
	// Each probe waits for the other to start: run one after the other,
	// they would wait until their timeout and fail.
	var started sync.WaitGroup
	started.Add(2)
	meet := admin.Probe{Part: "a", Run: func(ctx context.Context) admin.Outcome {
		started.Done()
		done := make(chan struct{})
		go func() { started.Wait(); close(done) }()
		select {
		case <-done:
			return admin.Outcome{Result: admin.OK}
		case <-ctx.Done():
			return admin.Outcome{Result: admin.Fail, Detail: ctx.Err().Error()}
		}
	}}
	other := meet
	other.Part = "b"
	for _, o := range admin.RunAll(context.Background(), []admin.Probe{meet, other}) {
		if o.Result != admin.OK {
			t.Errorf("%s: %+v", o.Part, o)
		}
	}
}

func TestStoreProbe_FailsWhileAnotherWriterHoldsTheLock(t *testing.T) {
	db := openStore(t)
	hold, err := sql.Open("sqlite3", "file:"+db.Path()+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	tx, err := hold.Begin()
	if err != nil {
		t.Fatal(err)
	}
	sp := &admin.StoreProbe{DB: db, BusyTimeout: 1} // 1ns: give up at once
	defer sp.Close()
	o := admin.RunAll(context.Background(), []admin.Probe{sp.Probe()})[0]
	if o.Result != admin.Fail || !strings.Contains(o.Detail, "locked") || o.Advice == "" {
		t.Errorf("outcome while locked: %+v", o)
	}
	tx.Rollback()
	if o := admin.RunAll(context.Background(), []admin.Probe{sp.Probe()})[0]; o.Result != admin.OK {
		t.Errorf("outcome after the lock: %+v", o)
	}
	// The probe leaves nothing behind.
	if v, ok, _ := db.Control(context.Background(), "admin.probe"); ok {
		t.Errorf("probe row left: %q", v)
	}
}

// fakeERP lists one PO and reads it, or fails.
type fakeERP struct{ err error }

func (f fakeERP) ChangedPurchaseOrders(_ context.Context, _ time.Time, fn func(core.RecordStamp) error) error {
	if f.err != nil {
		return f.err
	}
	if err := fn(core.RecordStamp{Key: "P001"}); err != nil {
		return err
	}
	return errors.New("the probe did not stop after the first PO")
}

func (f fakeERP) PurchaseOrder(_ context.Context, n string) (*core.PurchaseOrder, error) {
	return &core.PurchaseOrder{Number: n, Supplier: "SUP1", Lines: make([]core.POLine, 3)}, nil
}

type pinger struct{ err error }

func (p pinger) Ping(context.Context) error { return p.err }

func TestX3AndStediProbes_SayWhatToDo(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	cases := []struct {
		probe       admin.Probe
		result      admin.Result
		detail, fix string
	}{
		{admin.X3Probe(fakeERP{}, "x3", ""), admin.OK, "read PO P001 (supplier SUP1, 3 lines)", ""},
		{admin.X3Probe(fakeERP{err: &core.Error{Class: core.Unauthorized, Op: "x3 list", Status: 401}}, "x3", ""),
			admin.Fail, "HTTP 401", "ML_X3_PASSWORD"},
		{admin.X3Probe(fakeERP{err: &core.Error{Class: core.Unauthorized, Op: "x3 token", Status: 403}}, "x3", "run ml-connector x3 authorize"),
			admin.Fail, "HTTP 403", "x3 authorize"},
		{admin.X3Probe(fakeERP{err: &core.Error{Class: core.Transient, Op: "x3 list", Err: refused}}, "x3", ""),
			admin.Fail, "connection refused", "x3.url"},
		{admin.StediProbe(pinger{}, "stedi"), admin.OK, "accepted", ""},
		{admin.StediProbe(pinger{err: &core.Error{Class: core.Unauthorized, Op: "stedi", Status: 401}}, "stedi"),
			admin.Fail, "HTTP 401", "ML_STEDI_API_KEY"},
	}
	for _, c := range cases {
		o := admin.RunAll(context.Background(), []admin.Probe{c.probe})[0]
		if o.Result != c.result || !strings.Contains(o.Detail, c.detail) || !strings.Contains(o.Advice, c.fix) {
			t.Errorf("%s: %+v; want %s with %q, advice %q", c.probe.Part, o, c.result, c.detail, c.fix)
		}
	}
}
