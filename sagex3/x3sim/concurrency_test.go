package x3sim_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// TestConcurrentReadersAndWriters is meant for -race: feeds, reads, $edits
// and the test helpers all run at once.
func TestConcurrentReadersAndWriters(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	keys := f.sim.SeedPurchaseOrders(50)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for i := range 20 {
				key := keys[(g*20+i)%len(keys)]
				switch g % 3 {
				case 0:
					f.collect(t, poQuery+"&count=7")
				case 1:
					f.put(t, poURL(key, "$edit"), fmt.Sprintf(`{"OCNNUM":"A%d"}`, i))
				default:
					f.sim.Touch(key)
					f.get(t, poURL(key, "$details"))
					f.sim.SeedPurchaseOrders(1)
					f.sim.Writes()
				}
			}
		})
	}
	wg.Wait()
	if got, want := f.sim.Count(), 50+2*20; got != want {
		t.Errorf("Count() = %d, want %d", got, want)
	}
}

// BenchmarkQueryPage pages through 10,000 POs filtered on the update stamp,
// the connector's polling pattern.
func BenchmarkQueryPage(b *testing.B) {
	sim := x3sim.New(x3sim.Config{Seed: 1, Now: func() time.Time { return t0 }})
	sim.SeedPurchaseOrders(10_000)
	auth := "Basic " + basicToken("admin", "admin")
	next := poQuery + "&count=100&where=UPDDATTIM%20ge%20%402026-11-26T00%3A00%3A00Z%40"
	url := next
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", auth)
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		url = next
		if i := strings.Index(rec.Body.String(), `"$url":"`); i >= 0 {
			rest := rec.Body.String()[i+8:]
			url = rest[:strings.IndexByte(rest, '"')]
		}
	}
}

func basicToken(user, password string) string {
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth(user, password)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}
