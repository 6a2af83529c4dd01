package stedisim

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// accept sends po (the sample 850 with lines lines) through generate-edi.
func (f *fixture) accept(po string, lines int) {
	f.t.Helper()
	decodeOK(f.t, f.do(req{body: body(SamplePO850(po, lines))}))
}

// due runs ProcessDue and fails the test on an error.
func (f *fixture) due() []string {
	f.t.Helper()
	ids, err := f.sim.ProcessDue()
	if err != nil {
		f.t.Fatal(err)
	}
	return ids
}

// stored returns the transaction, its Guide JSON decoded, and checks its
// X12 input strictly: what the partners write must be clean.
func (f *fixture) stored(id string) (*storedTx, map[string]any) {
	f.t.Helper()
	tx, ok := f.sim.txs.get(id)
	if !ok {
		f.t.Fatalf("transaction %s not stored", id)
	}
	ic, err := x12.Parse([]byte(tx.input.data))
	if err != nil {
		f.t.Fatal(err)
	}
	for _, fd := range x12.Validate(ic, x12.Strict) {
		if fd.Severity == x12.Error {
			f.t.Errorf("partner file %s: %s", tx.input.data, fd)
		}
	}
	var g map[string]any
	if err := json.Unmarshal([]byte(tx.output.data), &g); err != nil {
		f.t.Fatal(err)
	}
	return tx, g
}

// dig walks v along keys: map keys, or decimal indexes into arrays.
func dig(t *testing.T, v any, keys ...string) any {
	t.Helper()
	for _, k := range keys {
		switch c := v.(type) {
		case map[string]any:
			v = c[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(c) {
				t.Fatalf("no index %s in %v", k, c)
			}
			v = c[i]
		default:
			t.Fatalf("cannot take %q of %v", k, v)
		}
	}
	return v
}

// acks returns each ACK of an 855 Guide JSON as "PO101 ACK01 ACK02 ACK05".
func acks(t *testing.T, g map[string]any) []string {
	t.Helper()
	var out []string
	for _, l := range dig(t, g, "detail", "baseline_item_data_PO1_loop").([]any) {
		ack := dig(t, l, "line_item_acknowledgment_ACK_loop", "0", "line_item_acknowledgment_ACK").(map[string]any)
		date, _ := ack["date_05"].(string)
		out = append(out, dig(t, l, "baseline_item_data_PO1", "assigned_identification_01").(string)+" "+
			ack["line_item_status_code_01"].(string)+" "+strconv.FormatFloat(ack["quantity_02"].(float64), 'f', -1, 64)+" "+date)
	}
	return out
}

// shipped sums SN102 by LIN01 over the item HLs of an 856 Guide JSON.
func shipped(t *testing.T, g map[string]any) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	var walk func(v any)
	walk = func(v any) {
		for _, hl := range v.([]any) {
			m := hl.(map[string]any)
			if lin, ok := m["item_identification_LIN"].(map[string]any); ok {
				sn1 := m["item_detail_shipment_SN1"].(map[string]any)
				out[lin["assigned_identification_01"].(string)] += sn1["number_of_units_shipped_02"].(float64)
			}
			if kids, ok := m["hierarchical_level_HL_loop"]; ok {
				walk(kids)
			}
		}
	}
	walk(dig(t, g, "detail", "hierarchical_level_HL_loop"))
	return out
}

// received is one request a webhook receiver got.
type received struct {
	header http.Header
	body   []byte
}

// receiver is a webhook endpoint on loopback. answer picks the status of
// the n-th request (1-based).
type receiver struct {
	url  string
	mu   sync.Mutex
	got  []received
	seen chan received
}

func newReceiver(t *testing.T, answer func(n int) int) *receiver {
	t.Helper()
	rc := &receiver{seen: make(chan received, 64)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, received{r.Header.Clone(), b})
		n := len(rc.got)
		rc.mu.Unlock()
		rc.seen <- received{r.Header.Clone(), b}
		w.WriteHeader(answer(n))
	}))
	t.Cleanup(srv.Close)
	rc.url = srv.URL
	return rc
}

func always(status int) func(int) int { return func(int) int { return status } }

// hookFixture starts a simulator whose webhook points at rc and whose
// deliveries are reported on the returned channel.
func hookFixture(t *testing.T, rc *receiver, cfg WebhookConfig, edit func(*Config)) (*fixture, chan Delivery) {
	t.Helper()
	f := setup(t, func(c *Config) {
		c.SchedulerTick = 24 * time.Hour // the test calls ProcessDue itself
		if edit != nil {
			edit(c)
		}
	})
	ds := make(chan Delivery, 64)
	cfg.URL = rc.url
	cfg.OnDelivery = func(d Delivery) { ds <- d }
	f.sim.SetWebhook(cfg)
	if err := f.sim.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.sim.Stop)
	return f, ds
}

// next waits for the next delivery report.
func next(t *testing.T, ds chan Delivery) Delivery {
	t.Helper()
	select {
	case d := <-ds:
		return d
	case <-time.After(10 * time.Second): // a hang guard, not a timing assumption
		t.Fatal("no delivery reported")
		return Delivery{}
	}
}

// eventOf decodes a delivered body.
func eventOf(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var w struct {
		Event map[string]any `json:"event"`
	}
	if err := json.Unmarshal(b, &w); err != nil || w.Event == nil {
		t.Fatalf("body %s: %v", b, err)
	}
	return w.Event
}
