package sagex3_test

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const (
	testUser     = "EDIUSER"
	testPassword = "S3cr3t-P@ss"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// fixture is a simulator on a loopback httptest server, with fault
// injection and a log of the requests that reached it.
type fixture struct {
	sim    *x3sim.Server
	srv    *httptest.Server
	faults *faultinject.Injector
	clock  *clock

	mu       sync.Mutex
	requests []*http.Request
}

func newFixture(t *testing.T, site ...func(*x3sim.Config)) *fixture {
	t.Helper()
	f := &fixture{faults: faultinject.New(1), clock: &clock{t: t0}}
	cfg := x3sim.Config{Folder: "SEED", User: testUser, Password: testPassword, Seed: 42, Now: f.clock.Now, Faults: f.faults}
	for _, m := range site {
		m(&cfg)
	}
	f.sim = x3sim.New(cfg)
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Clone(r.Context()))
		f.mu.Unlock()
		f.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) client(t *testing.T, mutate ...func(*sagex3.Config)) *sagex3.Client {
	t.Helper()
	cfg := sagex3.Config{BaseURL: f.srv.URL, Folder: "SEED", User: testUser, Password: testPassword, PageSize: 5}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := sagex3.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) requestLog() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.requests...)
}

// classified asserts err is a *core.Error of the wanted class whose text
// holds no secret, and returns it. Every error a test produces goes
// through here, so every one is scanned for the password.
func classified(t *testing.T, err error, want core.ErrorClass) *core.Error {
	t.Helper()
	assertNoSecret(t, err)
	var ce *core.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *core.Error", err, err)
	}
	if ce.Class != want {
		t.Errorf("class %q, want %q (error: %v)", ce.Class, want, err)
	}
	return ce
}

var basicToken = base64.StdEncoding.EncodeToString([]byte(testUser + ":" + testPassword))

func assertNoSecret(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error, got nil")
	}
	var texts []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		texts = append(texts, ce.Op, ce.Code, ce.Message)
	}
	for _, s := range texts {
		if strings.Contains(s, testPassword) || strings.Contains(s, basicToken) {
			t.Errorf("error text leaks the password: %q", s)
		}
	}
}
