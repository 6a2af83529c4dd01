package sagex3_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

var allCaps = []core.X3Capability{core.CapPollPOs, core.CapReadLines, core.CapWrite855, core.CapRecord856, core.CapPollInvoices}

func stock(c *x3sim.Config) { c.Site = x3sim.SiteStock }

// find returns the item of a capability whose name holds part.
func find(d core.X3Discovery, c core.X3Capability, part string) (core.X3SetupItem, bool) {
	for _, it := range d.Items {
		if it.Capability == c && strings.Contains(it.Name, part) {
			return it, true
		}
	}
	return core.X3SetupItem{}, false
}

func TestDiscoveryOfAStockSiteFindsNoWriteRoute(t *testing.T) {
	f := newFixture(t, stock)
	d, err := f.client(t).Discover(context.Background(), allCaps)
	if err != nil {
		t.Fatal(err)
	}
	blocked := d.Blocked()
	if len(blocked[core.CapPollPOs]) > 0 || len(blocked[core.CapReadLines]) > 0 || len(blocked[core.CapPollInvoices]) > 0 {
		t.Errorf("a stock site reads: %v", blocked)
	}
	edit, _ := find(d, core.CapWrite855, "YPOACK facet $edit")
	ship, _ := find(d, core.CapRecord856, "YSHIPASN facet $create")
	for _, it := range []core.X3SetupItem{edit, ship} {
		if it.Status != core.SetupMissing || it.Optional || !strings.Contains(it.Fix, "docs/x3-setup.md") || !strings.Contains(it.Fix, "x3.rest.") {
			t.Errorf("item %+v: want missing, required, with the setup step and the key", it)
		}
	}
	if lines, ok := find(d, core.CapReadLines, "line collection POHPOP"); !ok || lines.Status != core.SetupOK {
		t.Errorf("lines: %+v", lines)
	}
	if d.API != "rest" || d.At.IsZero() {
		t.Errorf("discovery %s at %v", d.API, d.At)
	}
}

func TestDiscoveryOfAConfiguredSiteFindsEverything(t *testing.T) {
	f := newFixture(t)
	d, err := f.client(t).Discover(context.Background(), allCaps)
	if err != nil {
		t.Fatal(err)
	}
	if b := d.Blocked(); len(b) != 0 {
		t.Errorf("blocked: %v", b)
	}
	for _, it := range d.Items {
		if it.Status != core.SetupOK {
			t.Errorf("missing on a configured site: %+v", it)
		}
	}
	if _, ok := find(d, core.CapWrite855, "property LINOCNFLG in YPOACK.$edit lines POHPOP"); !ok {
		t.Errorf("the line properties of the edit facet are checked: %+v", d.Items)
	}
}

// A site that named its collection and representations otherwise: the
// defaults are missing, with the collections the site has; the same site
// passes once configured with its names.
func TestDiscoveryNamesWhatTheSiteHasAndTakesItsNames(t *testing.T) {
	f := newFixture(t, func(c *x3sim.Config) {
		c.Names = x3sim.Names{POLines: "ZLINES", POEditRepresentation: "ZACK", ShipmentRepresentation: "ZSHIP", ShipmentLines: "ZSHIPD"}
	})
	d, err := f.client(t).Discover(context.Background(), allCaps)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := find(d, core.CapReadLines, "line collection POHPOP")
	if lines.Status != core.SetupMissing || !strings.Contains(lines.Fix, "ZLINES") || !strings.Contains(lines.Fix, "x3.rest.po_lines") {
		t.Errorf("lines item %+v: want missing, naming the collection the site has and the key", lines)
	}
	names, err := sagex3.NewNames(map[string]string{sagex3.POLines: "ZLINES", sagex3.POEditRepresentation: "ZACK",
		sagex3.ShipmentRepresentation: "ZSHIP", sagex3.ShipmentLines: "ZSHIPD"})
	if err != nil {
		t.Fatal(err)
	}
	d, err = f.client(t, func(c *sagex3.Config) { c.Names = names }).Discover(context.Background(), allCaps)
	if err != nil || len(d.Blocked()) != 0 {
		t.Errorf("configured with the site's names: %v, blocked %v", err, d.Blocked())
	}
}

func TestDiscoveryFailsOnRefusedCredentials(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, func(c *sagex3.Config) { c.Password = "wrong" })
	_, err := c.Discover(context.Background(), allCaps)
	classified(t, err, core.Unauthorized)
}

// An optional property the site lacks is left out of writes once
// discovery found it missing; the required ones still go.
func TestWriteLeavesOutAnOptionalPropertyTheSiteLacks(t *testing.T) {
	var sent []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.Path, "$prototypes"):
			props := map[string]any{"OCNNUM": map[string]any{"$type": "application/x-string"},
				"POHPOP": map[string]any{"$type": "application/x-array", "$item": map[string]any{"$properties": map[string]any{
					"LINOCNFLG": map[string]any{"$type": "application/x-integer"}}}}}
			_ = json.NewEncoder(w).Encode(map[string]any{"$properties": props})
		case r.Method == http.MethodPut:
			sent, _ = io.ReadAll(r.Body)
			_, _ = w.Write([]byte(`{"POHNUM":"PO1","POHPOP":[]}`))
		}
	}))
	t.Cleanup(srv.Close)
	c, err := sagex3.New(sagex3.Config{BaseURL: srv.URL, Folder: "SEED", User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Discover(context.Background(), []core.X3Capability{core.CapWrite855})
	if err != nil {
		t.Fatal(err)
	}
	if notes, _ := find(d, core.CapWrite855, "OCNREM"); notes.Status != core.SetupMissing || !notes.Optional {
		t.Fatalf("OCNREM: %+v", notes)
	}
	_, err = c.WritePurchaseOrder(context.Background(), core.POWrite{PONumber: "PO1",
		Header: map[string]any{core.FieldAckNumber: "A-1", core.FieldAckNotes: "855 AC"},
		Lines:  []core.LineWrite{{Line: 1000, Key: "u-1", Set: map[string]any{core.FieldLineAckFlag: 2, core.FieldLineAckDate: "2026-11-27"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(sent); !strings.Contains(s, `"OCNNUM":"A-1"`) || strings.Contains(s, "OCNREM") ||
		strings.Contains(s, "LINOCNDAT") || !strings.Contains(s, `"LINOCNFLG":2`) {
		t.Errorf("sent %s: want OCNNUM and LINOCNFLG, without the optional OCNREM and LINOCNDAT the site lacks", s)
	}
}
