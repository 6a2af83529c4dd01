package x3sim_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const (
	testUser     = "EDIUSER"
	testPassword = "S3cr3t-P@ss"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// clock is a settable simulator clock.
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

type fixture struct {
	sim   *x3sim.Server
	srv   *httptest.Server
	clock *clock
}

func newFixture(t *testing.T, cfg x3sim.Config) *fixture {
	t.Helper()
	clk := &clock{t: t0}
	cfg.User, cfg.Password, cfg.Now = testUser, testPassword, clk.Now
	if cfg.Seed == 0 {
		cfg.Seed = 42
	}
	sim := x3sim.New(cfg)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &fixture{sim: sim, srv: srv, clock: clk}
}

// response is a decoded api1 answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// do sends one request; path may be absolute or relative to the server.
func (f *fixture) do(t *testing.T, method, path string, body []byte, user, password string) response {
	t.Helper()
	url := path
	if len(path) > 0 && path[0] == '/' {
		url = f.srv.URL + path
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

func (f *fixture) get(t *testing.T, path string) response {
	t.Helper()
	return f.do(t, http.MethodGet, path, nil, testUser, testPassword)
}

func (f *fixture) put(t *testing.T, path string, body string) response {
	t.Helper()
	return f.do(t, http.MethodPut, path, []byte(body), testUser, testPassword)
}

// diagnosis returns the first $diagnoses entry of an error answer.
func diagnosis(t *testing.T, r response) map[string]any {
	t.Helper()
	diags, ok := r.json(t)["$diagnoses"].([]any)
	if !ok || len(diags) == 0 {
		t.Fatalf("no $diagnoses in %s", r.body)
	}
	return diags[0].(map[string]any)
}

// keysOf lists the $key of every resource of a feed page.
func keysOf(t *testing.T, page map[string]any) []string {
	t.Helper()
	var keys []string
	for _, r := range page["$resources"].([]any) {
		keys = append(keys, r.(map[string]any)["$key"].(string))
	}
	return keys
}

// nextURL returns the page's $links.$next.$url, or "" on the last page.
func nextURL(page map[string]any) string {
	links, _ := page["$links"].(map[string]any)
	next, _ := links["$next"].(map[string]any)
	u, _ := next["$url"].(string)
	return u
}

// collect follows $next from path and returns every key in order.
func (f *fixture) collect(t *testing.T, path string) (keys []string, pages int) {
	t.Helper()
	for url := path; url != ""; pages++ {
		r := f.get(t, url)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", url, r.status, r.body)
		}
		page := r.json(t)
		keys = append(keys, keysOf(t, page)...)
		url = nextURL(page)
	}
	return keys, pages
}
