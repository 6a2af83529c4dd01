package rest_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
)

func collectStamps(t *testing.T, list func(fn func(core.RecordStamp) error) error) []core.RecordStamp {
	t.Helper()
	var got []core.RecordStamp
	if err := list(func(s core.RecordStamp) error { got = append(got, s); return nil }); err != nil {
		t.Fatalf("listing: %v", err)
	}
	return got
}

func keys(stamps []core.RecordStamp) []string {
	out := make([]string, len(stamps))
	for i, s := range stamps {
		out[i] = s.Key
	}
	return out
}

func TestChangedPurchaseOrdersPagesThroughEveryPOOnce(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(23)
	c := f.REST(t)

	stamps := collectStamps(t, func(fn func(core.RecordStamp) error) error {
		return c.ChangedPurchaseOrders(context.Background(), time.Time{}, fn)
	})

	if got, want := keys(stamps), f.Sim.PurchaseOrderNumbers(); !slices.Equal(got, want) {
		t.Errorf("keys %v, want every PO once: %v", got, want)
	}
	for _, s := range stamps {
		if !s.Updated.Equal(x3test.T0) {
			t.Errorf("%s: Updated %v, want %v", s.Key, s.Updated, x3test.T0)
		}
	}
	reqs := f.Requests()
	if len(reqs) != 5 {
		t.Errorf("%d requests for 23 POs at count=5, want 5 pages", len(reqs))
	}
	if q := reqs[0].URL.Query(); q.Get("count") != "5" || q.Get("representation") != "PORDER.$query" || q.Has("where") {
		t.Errorf("first page query %q: want count=5, PORDER.$query and no where for a zero since", reqs[0].URL.RawQuery)
	}
}

func TestChangedPurchaseOrdersFiltersOnUpdateStamp(t *testing.T) {
	f := x3test.NewSite(t)
	all := f.Sim.SeedPurchaseOrders(12)
	c := f.REST(t)
	t1 := f.Clock.Advance(10 * time.Minute)
	f.Sim.Touch(all[7])
	f.Sim.Touch(all[2])

	stamps := collectStamps(t, func(fn func(core.RecordStamp) error) error {
		return c.ChangedPurchaseOrders(context.Background(), t1, fn)
	})

	want := []string{all[2], all[7]}
	slices.Sort(want)
	if got := keys(stamps); !slices.Equal(got, want) {
		t.Errorf("changed since t1: %v, want the touched POs %v", got, want)
	}
	for _, s := range stamps {
		if !s.Updated.Equal(t1) {
			t.Errorf("%s: Updated %v, want %v", s.Key, s.Updated, t1)
		}
	}
	raw := f.Requests()[0].URL.RawQuery
	if !strings.Contains(raw, "where=UPDDATTIM%20ge%20%402026-11-26T10%3A10%3A00Z%40") {
		t.Errorf("where not sent URL-encoded as UPDDATTIM ge @…@: %s", raw)
	}
}

func TestChangedPurchaseOrdersStopsOnCallbackError(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(12)
	c := f.REST(t)
	stop := errors.New("stop")
	calls := 0

	err := c.ChangedPurchaseOrders(context.Background(), time.Time{}, func(core.RecordStamp) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})

	if !errors.Is(err, stop) || calls != 3 || len(f.Requests()) != 1 {
		t.Errorf("err %v after %d calls and %d requests; want the callback's error after 3 calls, 1 request",
			err, calls, len(f.Requests()))
	}
}
