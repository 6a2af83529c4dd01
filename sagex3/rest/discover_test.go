package rest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

func TestDiscoveryOfAStockSiteFindsNoWriteRoute(t *testing.T) {
	f := x3test.NewSite(t, x3test.Stock)
	d, err := f.REST(t).Discover(context.Background(), x3test.AllCapabilities)
	if err != nil {
		t.Fatal(err)
	}
	blocked := d.Blocked()
	if len(blocked[core.CapPollPOs]) > 0 || len(blocked[core.CapReadLines]) > 0 || len(blocked[core.CapPollInvoices]) > 0 {
		t.Errorf("a stock site reads: %v", blocked)
	}
	edit, _ := x3test.FindItem(d, core.CapWrite855, "YPOACK facet $edit")
	ship, _ := x3test.FindItem(d, core.CapRecord856, "YSHIPASN facet $create")
	for _, it := range []core.X3SetupItem{edit, ship} {
		if it.Status != core.SetupMissing || it.Optional || !strings.Contains(it.Fix, "docs/x3-setup.md") || !strings.Contains(it.Fix, "x3.rest.") {
			t.Errorf("item %+v: want missing, required, with the setup step and the key", it)
		}
	}
	if lines, ok := x3test.FindItem(d, core.CapReadLines, "line collection POHPOP"); !ok || lines.Status != core.SetupOK {
		t.Errorf("lines: %+v", lines)
	}
	if d.API != "rest" || d.At.IsZero() {
		t.Errorf("discovery %s at %v", d.API, d.At)
	}
}

func TestDiscoveryOfAConfiguredSiteFindsEverything(t *testing.T) {
	f := x3test.NewSite(t)
	d, err := f.REST(t).Discover(context.Background(), x3test.AllCapabilities)
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
	if _, ok := x3test.FindItem(d, core.CapWrite855, "property LINOCNFLG in YPOACK.$edit lines POHPOP"); !ok {
		t.Errorf("the line properties of the edit facet are checked: %+v", d.Items)
	}
}

// A site that named its collection and representations otherwise: the
// defaults are missing, with the collections the site has; the same site
// passes once configured with its names.
func TestDiscoveryNamesWhatTheSiteHasAndTakesItsNames(t *testing.T) {
	f := x3test.NewSite(t, func(c *x3sim.Config) {
		c.Names = x3sim.Names{POLines: "ZLINES", POEditRepresentation: "ZACK", ShipmentRepresentation: "ZSHIP", ShipmentLines: "ZSHIPD"}
	})
	d, err := f.REST(t).Discover(context.Background(), x3test.AllCapabilities)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := x3test.FindItem(d, core.CapReadLines, "line collection POHPOP")
	if lines.Status != core.SetupMissing || !strings.Contains(lines.Fix, "ZLINES") || !strings.Contains(lines.Fix, "x3.rest.po_lines") {
		t.Errorf("lines item %+v: want missing, naming the collection the site has and the key", lines)
	}
	names, err := rest.NewNames(map[string]string{rest.POLines: "ZLINES", rest.POEditRepresentation: "ZACK",
		rest.ShipmentRepresentation: "ZSHIP", rest.ShipmentLines: "ZSHIPD"})
	if err != nil {
		t.Fatal(err)
	}
	d, err = f.REST(t, func(c *rest.Config) { c.Names = names }).Discover(context.Background(), x3test.AllCapabilities)
	if err != nil || len(d.Blocked()) != 0 {
		t.Errorf("configured with the site's names: %v, blocked %v", err, d.Blocked())
	}
}

func TestDiscoveryFailsOnRefusedCredentials(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.REST(t, func(c *rest.Config) { c.Password = "wrong" })
	_, err := c.Discover(context.Background(), x3test.AllCapabilities)
	x3test.Classified(t, err, core.Unauthorized)
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
	c, err := rest.New(rest.Config{BaseURL: srv.URL, Folder: "SEED", User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Discover(context.Background(), []core.X3Capability{core.CapWrite855})
	if err != nil {
		t.Fatal(err)
	}
	if notes, _ := x3test.FindItem(d, core.CapWrite855, "OCNREM"); notes.Status != core.SetupMissing || !notes.Optional {
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
