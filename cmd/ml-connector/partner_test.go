package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/demo"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
)

// guideWorld is both simulators with AURORA on a 004010 partnership whose
// 850 guide is the simulator's 004010 partner guide, and a configuration
// that names the same guide schema.
type guideWorld struct {
	x3         *x3sim.Server
	stedi      *stedisim.Server
	configPath string
	dbPath     string
}

func newGuideWorld(t *testing.T) *guideWorld {
	t.Helper()
	w := &guideWorld{x3: x3sim.New(x3sim.Config{Folder: "SEED", User: "EDIUSER", Password: simX3Password, Seed: 1, GraphQLAPI: x3gql.New})}
	w.x3.SeedPurchaseOrders(12)
	w.stedi = stedisim.New(stedisim.Config{APIKeys: []string{simStediKey}})
	w.stedi.AddPartnership("mlc_aurora", stedisim.DemoPartnership4010(demo.LocalProfile, "AURORA"))
	x3srv, stsrv := httptest.NewServer(w.x3), httptest.NewServer(w.stedi)
	t.Cleanup(x3srv.Close)
	t.Cleanup(stsrv.Close)
	dir := t.TempDir()
	schema, _ := stedisim.GuideSchema("850", "004010")
	if err := os.WriteFile(filepath.Join(dir, "aurora-850.json"), schema, 0o600); err != nil {
		t.Fatal(err)
	}
	w.dbPath, w.configPath = filepath.Join(dir, "g.db"), filepath.Join(dir, "g.toml")
	cfg := `database = "g.db"
[x3]
url = "` + x3srv.URL + `"
folder = "SEED"
user = "EDIUSER"
[stedi]
url = "` + stsrv.URL + stedisim.APIVersion + `"
[buyer]
name = "Northwind Electronics"
id = "ELC"
[sites.DC01]
name = "Northwind DC Columbus"
id = "DC01"
address1 = "4100 Logistics Pkwy"
city = "Columbus"
postal_code = "43217"
[sites.DC02]
name = "Northwind DC Reno"
id = "DC02"
city = "Reno"
postal_code = "89502"
[admin]
listen = "off"
[[partners]]
supplier = "AURORA"
partnership_id = "mlc_aurora"
release = "004010"
guides = { "850" = "aurora-850.json" }
transaction_settings = { "850" = "004010-850" }
`
	if err := os.WriteFile(w.configPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ML_X3_PASSWORD", simX3Password)
	t.Setenv("ML_STEDI_API_KEY", simStediKey)
	return w
}

// addPO puts an AURORA PO in X3; without a part, its line lacks ITMREFBPS.
func (w *guideWorld) addPO(number, part string) {
	w.x3.AddPurchaseOrder(x3sim.PO{Number: number, Supplier: "AURORA", OrderDate: "2026-03-02", ReceivingSite: "DC01", Currency: "USD",
		Lines: []x3sim.POLine{{Item: "MCU-32F411", SupplierItem: part, Unit: "EA", Quantity: 20, NetPrice: 6.85, ExpectedReceipt: "2026-03-20"}}})
}

func TestPartnerTest_SendsATestInterchange(t *testing.T) {
	w := newGuideWorld(t)
	w.addPO("PO-ONBOARD", "AS-32F411-LQ64")
	out, err := runCmd(t, "partner", "test", "AURORA", "--po", "PO-ONBOARD", "--config", w.configPath)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	isa := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "ISA*") {
			isa = l
		}
	}
	if f := strings.Split(isa, "*"); len(f) < 16 || f[15] != "T" || f[12] != "00401" {
		t.Errorf("the X12 printed is not a 004010 test interchange: %q\n%s", isa, out)
	}
	for _, want := range []string{"ACCEPTED as a test interchange", "release 004010", "aurora-850.json", "N1*ST*Northwind DC Columbus"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	got := w.stedi.Accepted()
	if len(got) != 1 || got[0].DocumentNumber != "PO-ONBOARD" || !strings.HasPrefix(got[0].IdempotencyKey, "partner-test-") {
		t.Errorf("accepted %+v", got)
	}
	// Without --po: the supplier's newest PO is sent.
	if out, err := runCmd(t, "partner", "test", "AURORA", "--config", w.configPath); err != nil && !strings.Contains(out, "refuses") {
		t.Fatalf("newest PO: %v\n%s", err, out)
	}
}

func TestPartnerTest_RefusedByTheGuideIsNeverSent(t *testing.T) {
	w := newGuideWorld(t)
	w.addPO("PO-NOPART", "")
	out, err := runCmd(t, "partner", "test", "AURORA", "--po", "PO-NOPART", "--config", w.configPath)
	if err == nil {
		t.Fatalf("a PO the guide refuses passed:\n%s", out)
	}
	if !strings.Contains(out, "The preflight refuses it; nothing was sent") ||
		!strings.Contains(out, "PO PO-NOPART line 1000: supplier part ITMREFBPS (PO109 product_service_id_09)") {
		t.Errorf("output:\n%s", out)
	}
	if n := len(w.stedi.Accepted()); n != 0 {
		t.Errorf("%d sent", n)
	}
}

// check tries the recent outbound documents against the guides: one sent
// before the guide required the vendor part would now fail.
func TestCheck_GuidesNameDocumentsThatWouldNowFail(t *testing.T) {
	w := newGuideWorld(t)
	db, err := store.Open(context.Background(), w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	mc := core.MapConfig{Buyer: core.Party{Name: "Northwind"}, Sites: map[string]core.Party{"DC01": {Name: "DC", ID: "DC01"}}}
	var news []core.NewDocument
	for _, part := range []string{"AS-1", ""} {
		po := &core.PurchaseOrder{Number: "PO-OLD" + part, Supplier: "AURORA", OrderDate: "2026-03-01", ReceivingSite: "DC01",
			Lines: []core.POLine{{Line: 1000, Item: "MCU", SupplierItem: part, Unit: "EA", Quantity: 1, NetPrice: 2}}}
		payload, err := core.Map850(po, core.Partner{Supplier: "AURORA"}, mc, core.PurposeOriginal) // as sent in 005010
		if err != nil {
			t.Fatal(err)
		}
		news = append(news, core.NewDocument{X3Record: []byte(`{}`), Doc: core.Document{Kind: core.Kind850, Direction: core.Outbound,
			SourceKey: po.Number, PONumber: po.Number, Supplier: "AURORA", Revision: 1, Purpose: "00", ContentHash: po.Number,
			IdempotencyKey: "k-" + po.Number, State: core.StatePending, Payload: payload}})
	}
	if err := db.Intake(context.Background(), core.Intake{Actor: "test", New: news}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, _ := runCmd(t, "check", "--config", w.configPath, "--timeout", "5s")
	line := partLine(out, "guides")
	if !strings.Contains(line, "FAIL") || !strings.Contains(out, "2 document(s) checked, 1 would now fail") ||
		!strings.Contains(out, "PO PO-OLD line 1000: supplier part ITMREFBPS") {
		t.Errorf("check output:\n%s", out)
	}
}
