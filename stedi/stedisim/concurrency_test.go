package stedisim

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mlconnector/ml-connector/internal/faultinject"
)

func TestConcurrentDistinctKeys(t *testing.T) {
	f := setup(t, nil)
	const workers, each = 8, 16
	var mu sync.Mutex
	seen := map[int64]bool{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				po := fmt.Sprintf("PO-%d-%d", w, i)
				r := f.do(req{idemKey: po, body: body(SamplePO850(po, 1))})
				if r.status != http.StatusOK {
					t.Errorf("%s: %d %s", po, r.status, r.body)
					return
				}
				g := decodeOK(t, r)
				mu.Lock()
				seen[g.Metadata.InterchangeMetadata[0].InterchangeControlNumber] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for n := int64(1); n <= workers*each; n++ {
		if !seen[n] {
			t.Errorf("control number %d never used; numbers must be 1..%d without gaps or repeats", n, workers*each)
		}
	}
	if got := f.sim.AcceptedCount(); got != workers*each {
		t.Errorf("accepted %d, want %d", got, workers*each)
	}
}

func TestConcurrentSameKey(t *testing.T) {
	f := setup(t, nil)
	b := body(SamplePO850("PO-SAME", 1))
	var ok, conflict atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			switch r := f.do(req{idemKey: "same", body: b}); r.status {
			case http.StatusOK:
				ok.Add(1)
			case http.StatusConflict:
				conflict.Add(1)
			default:
				t.Errorf("status %d %s", r.status, r.body)
			}
		})
	}
	wg.Wait()
	if ok.Load() < 1 || ok.Load()+conflict.Load() != 8 {
		t.Errorf("%d ok, %d conflicts", ok.Load(), conflict.Load())
	}
	if n := f.sim.CountByDocument()["PO-SAME"]; n != 1 {
		t.Errorf("PO-SAME accepted %d times, want exactly 1", n)
	}
}

func TestFaultsWrapTheHandler(t *testing.T) {
	in := faultinject.New(1)
	f := setup(t, func(c *Config) { c.Faults = in })
	in.Next(1, nil, faultinject.Fault{Status: http.StatusServiceUnavailable,
		Body: `{"message":"Service Unavailable","code":"ServiceUnavailable"}`})
	if r := f.do(req{body: body(SamplePO850("1", 1))}); r.status != http.StatusServiceUnavailable {
		t.Errorf("injected fault: %d", r.status)
	}
	decodeOK(t, f.do(req{body: body(SamplePO850("1", 1))}))
}

// BenchmarkGenerateEDI measures the handler alone (no network), with
// distinct idempotency keys as the engine sends them.
func BenchmarkGenerateEDI(b *testing.B) {
	sim := New(Config{APIKeys: []string{testKey},
		Partnerships: map[string]Partnership{testPID: DemoPartnership("MLCONNECTOR", "ACMESUPPLY")}})
	const path = "/2023-08-01/x12/partnerships/" + testPID + "/generate-edi"
	var seq atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			po := fmt.Sprintf("PO-%d", seq.Add(1))
			r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body(SamplePO850(po, 5))))
			r.Header.Set("Authorization", testKey)
			r.Header.Set("Idempotency-Key", po)
			w := httptest.NewRecorder()
			sim.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Fatalf("%d %s", w.Code, w.Body)
			}
		}
	})
}
