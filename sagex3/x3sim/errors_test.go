package x3sim_test

import (
	"net/http"
	"testing"

	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

func TestBasicAuthIsRequired(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(3)
	for name, creds := range map[string][2]string{
		"missing":        {"", ""},
		"wrong password": {testUser, "nope"},
		"wrong user":     {"someone", testPassword},
	} {
		r := f.do(t, http.MethodGet, poQuery+"&count=5", nil, creds[0], creds[1])
		if r.status != http.StatusUnauthorized || r.header.Get("WWW-Authenticate") != `Basic realm="Sage X3"` {
			t.Errorf("%s credentials: %d %q", name, r.status, r.header.Get("WWW-Authenticate"))
		}
		if d := diagnosis(t, r); d["$severity"] != "error" || d["$message"] == "" {
			t.Errorf("%s credentials: envelope %s", name, r.body)
		}
	}
}

func TestRequestErrors(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(3)
	cases := []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"unknown class", "GET", "/api1/x3/erp/SEED/NOSUCH?representation=NOSUCH.$query", 400, "ResourceKindNotFound"},
		{"foreign representation", "GET", "/api1/x3/erp/SEED/PORDER?representation=BPSUPPLIER.$query", 404, "RepresentationNotFound"},
		{"missing representation", "GET", "/api1/x3/erp/SEED/PORDER", 400, "BadQueryParameter"},
		{"details on collection", "GET", "/api1/x3/erp/SEED/PORDER?representation=PORDER.$details", 400, "BadQueryParameter"},
		{"bad where", "GET", poQuery + "&where=UPDDATTIM%20ge", 400, "BadWhereSyntax"},
		{"where on unknown property", "GET", poQuery + "&where=NOSUCH%20eq%20'x'", 400, "BadWhereSyntax"},
		{"where type mismatch", "GET", poQuery + "&where=UPDDATTIM%20ge%20'x'", 400, "BadWhereSyntax"},
		{"bad count", "GET", poQuery + "&count=abc", 400, "BadQueryParameter"},
		{"bad key paging", "GET", poQuery + "&key=lt.PO", 400, "BadQueryParameter"},
		{"bad orderBy", "GET", poQuery + "&orderBy=NOSUCH", 400, "BadQueryParameter"},
		{"unknown key", "GET", poURL("NOSUCH", "$details"), 404, "ApplicationDiagnosis"},
		{"unknown folder", "GET", "/api1/x3/erp/OTHER/PORDER?representation=PORDER.$query", 404, "DatasetNotFound"},
		{"POST on collection", "POST", poQuery, 405, "BadUrlSyntax"},
		{"DELETE on record", "DELETE", poURL("NOSUCH", "$details"), 405, "BadUrlSyntax"},
		{"PUT on read-only class", "PUT", "/api1/x3/erp/SEED/BPSUPPLIER('AURORA')?representation=BPSUPPLIER.$edit", 405, "BadUrlSyntax"},
		{"PUT without $edit", "PUT", poURL("NOSUCH", "$details"), 400, "BadQueryParameter"},
	}
	for _, c := range cases {
		r := f.do(t, c.method, c.path, []byte(`{}`), testUser, testPassword)
		if r.status != c.status {
			t.Errorf("%s: status %d %s, want %d", c.name, r.status, r.body, c.status)
			continue
		}
		if d := diagnosis(t, r); d["$sdataCode"] != c.code || d["$message"] == "" {
			t.Errorf("%s: diagnosis %v, want code %s", c.name, d, c.code)
		}
		if c.status == 405 && r.header.Get("Allow") == "" {
			t.Errorf("%s: 405 without Allow", c.name)
		}
	}
}

func TestFaultInjectorSitsInFront(t *testing.T) {
	faults := faultinject.New(1)
	f := newFixture(t, x3sim.Config{Faults: faults})
	faults.Next(1, nil, faultinject.Fault{Status: http.StatusServiceUnavailable, Body: `{}`})
	if r := f.get(t, poQuery); r.status != http.StatusServiceUnavailable {
		t.Errorf("first request: %d, want the injected 503", r.status)
	}
	if r := f.get(t, poQuery); r.status != http.StatusOK {
		t.Errorf("second request: %d, want 200", r.status)
	}
}
