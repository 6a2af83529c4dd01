package x3sim_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const poQuery = "/api1/x3/erp/SEED/PORDER?representation=PORDER.$query"

func TestQueryServesDocumentedEnvelope(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(12)
	all := f.sim.PurchaseOrderNumbers()

	r := f.get(t, poQuery+"&count=5")
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	page := r.json(t)
	if page["$itemsPerPage"] != float64(5) {
		t.Errorf("$itemsPerPage = %v, want 5", page["$itemsPerPage"])
	}
	if got := keysOf(t, page); !slices.Equal(got, all[:5]) {
		t.Errorf("first page keys %v, want %v", got, all[:5])
	}
	for _, res := range page["$resources"].([]any) {
		row := res.(map[string]any)
		if row["$uuid"] == "" || row["$key"] != row["POHNUM"] || row["UPDDATTIM"] != "2026-11-26T10:00:00Z" {
			t.Errorf("resource lacks $uuid/$key/UPDDATTIM: %v", row)
		}
	}
	next := nextURL(page)
	wantPrefix := f.srv.URL + "/api1/x3/erp/SEED/PORDER?"
	if !strings.HasPrefix(next, wantPrefix) {
		t.Fatalf("$next %q is not an absolute URL on %s", next, wantPrefix)
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(next, wantPrefix))
	if q.Get("count") != "5" || q.Get("representation") != "PORDER.$query" || q.Get("key") != "gt."+all[4] {
		t.Errorf("$next keeps the wrong parameters: %v", q)
	}
}

func TestQueryPagesEveryRecordOnceAndOmitsNextOnLastPage(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(12)

	keys, pages := f.collect(t, poQuery+"&count=5")
	if pages != 3 || !slices.Equal(keys, f.sim.PurchaseOrderNumbers()) {
		t.Errorf("got %d pages with keys %v, want 3 pages with every PO once", pages, keys)
	}
	last := f.get(t, poQuery+"&count=5&key=gt."+keys[9]).json(t)
	if _, hasLinks := last["$links"]; !hasLinks || nextURL(last) != "" {
		t.Errorf("last page must carry $links without $next: %v", last["$links"])
	}
}

func TestQueryDefaultsToTwentyRows(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(25)
	page := f.get(t, poQuery).json(t)
	if n := len(keysOf(t, page)); n != 20 || nextURL(page) == "" {
		t.Errorf("got %d rows (next %q), want 20 and a $next link", n, nextURL(page))
	}
}

func TestWhereFiltersOnUpdateStampAndSupplier(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(30)
	all := f.sim.PurchaseOrderNumbers()
	t1 := f.clock.Advance(time.Hour)
	f.sim.Touch(all[3])
	f.sim.Touch(all[17])

	stamp := func(op string, at time.Time) string {
		return url.QueryEscape(fmt.Sprintf("UPDDATTIM %s @%s@", op, at.Format(time.RFC3339)))
	}
	touched, _ := f.collect(t, poQuery+"&count=5&where="+stamp("ge", t1))
	if !slices.Equal(touched, []string{all[3], all[17]}) {
		t.Errorf("UPDDATTIM ge t1 = %v, want the two touched POs", touched)
	}
	if none, _ := f.collect(t, poQuery+"&where="+stamp("gt", t1)); len(none) != 0 {
		t.Errorf("UPDDATTIM gt t1 = %v, want none", none)
	}

	po, _ := f.sim.PurchaseOrder(all[0])
	where := url.QueryEscape("BPSNUM eq '" + po.Supplier + "' and UPDDATTIM ge @2026-11-26@")
	got, _ := f.collect(t, poQuery+"&count=3&where="+where)
	var want []string
	for _, k := range all {
		if p, _ := f.sim.PurchaseOrder(k); p.Supplier == po.Supplier {
			want = append(want, k)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("BPSNUM eq %s = %v, want %v", po.Supplier, got, want)
	}
}

func TestOrderByPagesWithStartIndex(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(13)
	keys, pages := f.collect(t, poQuery+"&count=5&orderBy="+url.QueryEscape("TOTORD desc"))
	if pages != 3 || len(keys) != 13 {
		t.Fatalf("got %d pages, %d keys; want 3 pages, 13 keys", pages, len(keys))
	}
	for i := 1; i < len(keys); i++ {
		a, _ := f.sim.PurchaseOrder(keys[i-1])
		b, _ := f.sim.PurchaseOrder(keys[i])
		if a.Total < b.Total {
			t.Errorf("TOTORD not descending at %d: %v < %v", i, a.Total, b.Total)
		}
	}
	slices.Sort(keys)
	if !slices.Equal(keys, f.sim.PurchaseOrderNumbers()) {
		t.Errorf("orderBy paging lost or repeated POs: %v", keys)
	}
}

func TestSupplierQueryAndDetails(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	keys, _ := f.collect(t, "/api1/x3/erp/SEED/BPSUPPLIER?representation=BPSUPPLIER.$query&count=3")
	sups := f.sim.Suppliers()
	if len(keys) != len(sups) || len(sups) < 6 {
		t.Fatalf("feed has %d suppliers, Suppliers() %d", len(keys), len(sups))
	}
	edi := 0
	for _, s := range sups {
		if s.EDI {
			edi++
			if s.PartnershipID != "mlc_"+strings.ToLower(s.Code) {
				t.Errorf("partnership id %q for %s", s.PartnershipID, s.Code)
			}
		}
	}
	if edi == 0 || edi == len(sups) {
		t.Errorf("want a mix of EDI and non-EDI suppliers, got %d of %d", edi, len(sups))
	}
	d := f.get(t, "/api1/x3/erp/SEED/BPSUPPLIER('"+sups[0].Code+"')?representation=BPSUPPLIER.$details").json(t)
	if d["BPSNAM"] != sups[0].Name || d["ENAFLG"] != float64(2) || d["CUR"] != "USD" || d["CTY"] == "" {
		t.Errorf("supplier details: %v", d)
	}
}
