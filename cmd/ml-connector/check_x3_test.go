package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// checkJSON runs `check --json` and decodes its items.
func checkJSON(t *testing.T, w *simWorld) ([]checkItem, error) {
	t.Helper()
	t.Setenv("ML_X3_PASSWORD", simX3Password)
	t.Setenv("ML_STEDI_API_KEY", simStediKey)
	t.Setenv("ML_WEBHOOK_SECRET", simWebhookSecret)
	out, err := runCmd(t, "check", "--json", "--config", w.configPath, "--timeout", "5s")
	var items []checkItem
	if jerr := json.Unmarshal([]byte(out), &items); jerr != nil {
		t.Fatalf("check --json is not a JSON array of items: %v\n%s", jerr, out)
	}
	return items, err
}

func item(items []checkItem, capability, namePart string) (checkItem, bool) {
	for _, it := range items {
		if it.Capability == capability && strings.Contains(it.Name, namePart) {
			return it, true
		}
	}
	return checkItem{}, false
}

func TestCheck_JSONOnAStockSiteListsWhatIsMissingWithItsFix(t *testing.T) {
	w := newSimWorldOn(t, x3sim.Config{Site: x3sim.SiteStock}, stedisim.Config{})
	items, err := checkJSON(t, w)
	if !errors.Is(err, exitError(1)) {
		t.Fatalf("err = %v, want exit status 1", err)
	}
	edit, _ := item(items, "write 855 acknowledgment", "YPOACK facet $edit")
	ship, _ := item(items, "record 856 shipment", "YSHIPASN facet $create")
	for _, it := range []checkItem{edit, ship} {
		if it.Status != "missing" || !strings.Contains(it.Fix, "docs/x3-setup.md") || !strings.Contains(it.Fix, "x3.rest.") {
			t.Errorf("item %+v: want missing, with the setup step and the configuration key", it)
		}
	}
	for capability, part := range map[string]string{"poll POs": "PORDER facet $query", "read lines": "line collection POHPOP",
		"x3": "read one with its lines", "stedi": "list one transaction", "database": ""} {
		if it, ok := item(items, capability, part); !ok || it.Status != "ok" {
			t.Errorf("%s: %+v (found %v), want ok", capability, it, ok)
		}
	}
}

func TestCheck_JSONOnAConfiguredSitePasses(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	items, err := checkJSON(t, w)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	caps := map[string]bool{}
	for _, it := range items {
		caps[it.Capability] = true
		if it.Status != "ok" && !(it.Capability == "guides" && it.Status == "skipped") { // no partner names a guide schema here
			t.Errorf("not ok on a configured site: %+v", it)
		}
	}
	for _, c := range []string{"poll POs", "read lines", "write 855 acknowledgment", "record 856 shipment", "x3", "stedi", "webhook", "database"} {
		if !caps[c] {
			t.Errorf("no item for %s", c)
		}
	}
}

// A site that names its lines and representations otherwise fails, the
// check naming what it has; it passes once [x3.rest] names them.
func TestCheck_SiteWithOtherNamesPassesOnceConfigured(t *testing.T) {
	w := newSimWorldOn(t, x3sim.Config{Names: x3sim.Names{POLines: "ZLINES", POEditRepresentation: "ZACK",
		ShipmentRepresentation: "ZSHIP"}}, stedisim.Config{})
	out, err := checkWith(t, w, simX3Password, simStediKey)
	if !errors.Is(err, exitError(1)) || !strings.Contains(out, "it has: ZLINES") || !strings.Contains(out, "x3.rest.po_lines") {
		t.Fatalf("err %v, want a failure naming the collection the site has:\n%s", err, out)
	}
	w.addConfig(t, "[x3.rest]\npo_lines = \"ZLINES\"\npo_edit_representation = \"ZACK\"\nshipment_representation = \"ZSHIP\"")
	if out, err := checkWith(t, w, simX3Password, simStediKey); err != nil {
		t.Errorf("configured with the site's names: %v\n%s", err, out)
	}
}

// A purchase order read without lines is a failure, not a pass.
func TestCheck_APOReadWithoutLinesFails(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	old := time.Now().Add(-time.Hour)
	w.x3.AddPurchaseOrder(x3sim.PO{Number: "PO-EMPTY", Supplier: "AURORA", Created: old, Updated: old})
	out, err := checkWith(t, w, simX3Password, simStediKey)
	if !errors.Is(err, exitError(1)) || !strings.Contains(partLine(out, "x3"), "FAIL") || !strings.Contains(out, "PO-EMPTY") ||
		!strings.Contains(out, "without any line") {
		t.Errorf("err %v:\n%s", err, out)
	}
}
