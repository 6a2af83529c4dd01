package stedisim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testKey = "sim-test-key"
	testPID = "mlconnector_acme"
)

// clock is a settable time source, so TTL tests need no sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type fixture struct {
	t     *testing.T
	sim   *Server
	url   string
	clock *clock
}

// setup starts a simulator over loopback with one demo partnership; edit
// may change the config first.
func setup(t *testing.T, edit func(*Config)) *fixture {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}
	cfg := Config{
		APIKeys:      []string{testKey},
		Partnerships: map[string]Partnership{testPID: DemoPartnership("MLCONNECTOR", "ACMESUPPLY")},
		Now:          c.Now,
	}
	if edit != nil {
		edit(&cfg)
	}
	sim := New(cfg)
	ts := httptest.NewServer(sim)
	t.Cleanup(ts.Close)
	return &fixture{t: t, sim: sim, url: ts.URL, clock: c}
}

// req is one request to the simulator; zero fields take defaults.
type req struct {
	method, path, auth, idemKey, body string
	noAuth                            bool
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (f *fixture) do(r req) reply {
	f.t.Helper()
	if r.method == "" {
		r.method = http.MethodPost
	}
	if r.path == "" {
		r.path = "/2023-08-01/x12/partnerships/" + testPID + "/generate-edi"
	}
	hr, err := http.NewRequest(r.method, f.url+r.path, strings.NewReader(r.body))
	if err != nil {
		f.t.Fatal(err)
	}
	switch {
	case r.auth != "":
		hr.Header.Set("Authorization", r.auth)
	case !r.noAuth:
		hr.Header.Set("Authorization", testKey)
	}
	if r.idemKey != "" {
		hr.Header.Set("Idempotency-Key", r.idemKey)
	}
	hr.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

// body builds a generate-edi request with one group of transactions for
// the demo 850 setting.
func body(txs ...json.RawMessage) string {
	return groupBody(DemoSetting850, txs...)
}

func groupBody(setting string, txs ...json.RawMessage) string {
	b, _ := json.Marshal(map[string]any{"transactionGroups": []any{
		map[string]any{"transactionSettingId": setting, "transactions": txs},
	}})
	return string(b)
}

func decodeOK(t *testing.T, r reply) generateResponse {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d, body %s", r.status, r.body)
	}
	var g generateResponse
	if err := json.Unmarshal(r.body, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// errorBody decodes {"message","code"}.
func errorBody(t *testing.T, r reply) (message, code string) {
	t.Helper()
	var e struct{ Message, Code string }
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %q: %v", r.body, err)
	}
	return e.Message, e.Code
}

// edit returns the sample PO with one JSON edit applied: set is called
// on the decoded object.
func edit(t *testing.T, po json.RawMessage, set func(tx map[string]any)) json.RawMessage {
	t.Helper()
	var tx map[string]any
	if err := json.Unmarshal(po, &tx); err != nil {
		t.Fatal(err)
	}
	set(tx)
	b, err := json.Marshal(tx)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// at walks tx along keys (map keys, or "0", "1" for array indexes).
func at(tx map[string]any, keys ...string) map[string]any {
	var cur any = tx
	for _, k := range keys {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			i := int(k[0] - '0')
			cur = c[i]
		}
	}
	return cur.(map[string]any)
}
