package x3sim_test

import (
	"encoding/json"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

func poURL(key, facet string) string {
	return "/api1/x3/erp/SEED/PORDER('" + key + "')?representation=PORDER." + facet
}

// ackURL is the configured site's acknowledgment representation.
func ackURL(key string) string {
	return "/api1/x3/erp/SEED/PORDER('" + key + "')?representation=YPOACK.$edit"
}

// lineUUIDs reads the $uuid of each line of a PO.
func lineUUIDs(t *testing.T, f *fixture, key string) []string {
	t.Helper()
	var ids []string
	for _, l := range decodeDetails(t, f.get(t, poURL(key, "$details"))).Lines {
		ids = append(ids, l.UUID)
	}
	return ids
}

// detailsBody mirrors the $details shape the tests check.
type detailsBody struct {
	UUID      string   `json:"$uuid"`
	ETag      string   `json:"$etag"`
	POHNUM    string   `json:"POHNUM"`
	BPSNUM    string   `json:"BPSNUM"`
	BPRNAM    []string `json:"BPRNAM"`
	CPY       string   `json:"CPY"`
	POHFCY    string   `json:"POHFCY"`
	ORDDAT    string   `json:"ORDDAT"`
	CUR       string   `json:"CUR"`
	TOTORD    float64  `json:"TOTORD"`
	OCNNUM    string   `json:"OCNNUM"`
	OCNDAT    string   `json:"OCNDAT"`
	UPDDATTIM string   `json:"UPDDATTIM"`
	UPDUSR    string   `json:"UPDUSR"`
	Lines     []struct {
		UUID      string  `json:"$uuid"`
		POPLIN    int     `json:"POPLIN"`
		POQSEQ    int     `json:"POQSEQ"`
		ITMREF    string  `json:"ITMREF"`
		ITMREFBPS string  `json:"ITMREFBPS"`
		UOM       string  `json:"UOM"`
		QTYUOM    float64 `json:"QTYUOM"`
		NETPRI    float64 `json:"NETPRI"`
		LINAMT    float64 `json:"LINAMT"`
		EXTRCPDAT string  `json:"EXTRCPDAT"`
		LINSTA    int     `json:"LINSTA"`
		LINOCNDAT string  `json:"LINOCNDAT"`
		LINOCNFLG int     `json:"LINOCNFLG"`
	} `json:"POHPOP"`
}

func decodeDetails(t *testing.T, r response) detailsBody {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var d detailsBody
	if err := json.Unmarshal(r.body, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDetailsServesHeaderAndLines(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	key := f.sim.SeedPurchaseOrders(5)[2]
	d := decodeDetails(t, f.get(t, poURL(key, "$details")))

	if d.POHNUM != key || d.UUID == "" || d.ETag != d.UPDDATTIM || d.CPY != "ELC" || d.CUR != "USD" || len(d.BPRNAM) != 2 {
		t.Errorf("header: %+v", d)
	}
	if _, err := time.Parse(time.DateOnly, d.ORDDAT); err != nil || d.OCNDAT != "" {
		t.Errorf("dates must be YYYY-MM-DD or empty: ORDDAT %q OCNDAT %q", d.ORDDAT, d.OCNDAT)
	}
	if len(d.Lines) < 1 || len(d.Lines) > 6 {
		t.Fatalf("%d lines, want 1 to 6", len(d.Lines))
	}
	total := 0.0
	for i, l := range d.Lines {
		if l.POPLIN != (i+1)*1000 || l.POQSEQ != 1 || l.LINSTA != 1 || l.LINOCNFLG != 1 || l.UUID == "" || l.ITMREFBPS == "" {
			t.Errorf("line %d: %+v", i, l)
		}
		if math.Abs(l.LINAMT-math.Round(l.QTYUOM*l.NETPRI*100)/100) > 1e-9 {
			t.Errorf("line %d LINAMT %v != QTYUOM %v × NETPRI %v", i, l.LINAMT, l.QTYUOM, l.NETPRI)
		}
		total += l.LINAMT
	}
	if math.Abs(d.TOTORD-total) > 0.005 {
		t.Errorf("TOTORD %v, lines sum to %v", d.TOTORD, total)
	}
}

func TestEditMergesByLineAndStampsTheWrite(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Lines: []x3sim.POLine{
		{Item: "A", Quantity: 10, NetPrice: 2.5},
		{Item: "B", Quantity: 4, NetPrice: 1.25},
	}})
	t1 := f.clock.Advance(90 * time.Second)
	ids := lineUUIDs(t, f, "PO1")
	patch := `{"OCNNUM":"ACK-77","OCNDAT":"2026-11-27","POHPOP":[{"$uuid":"` + ids[1] + `","QTYUOM":6,"LINOCNFLG":2,"LINOCNDAT":"2026-11-27"}]}`

	d := decodeDetails(t, f.put(t, ackURL("PO1"), patch))

	if d.OCNNUM != "ACK-77" || d.OCNDAT != "2026-11-27" || d.UPDUSR != testUser || d.UPDDATTIM != t1.Format(time.RFC3339) {
		t.Errorf("header after $edit: %+v", d)
	}
	if l := d.Lines[1]; l.QTYUOM != 6 || l.LINOCNFLG != 2 || l.LINAMT != 7.5 {
		t.Errorf("line 2000 after $edit: %+v", l)
	}
	if l := d.Lines[0]; l.QTYUOM != 10 || l.LINOCNFLG != 1 {
		t.Errorf("line 1000 must be unchanged: %+v", l)
	}
	if d.TOTORD != 32.5 {
		t.Errorf("TOTORD %v, want 32.5", d.TOTORD)
	}
	writes := f.sim.Writes()
	if len(writes) != 1 || writes[0].PO != "PO1" || writes[0].User != testUser || !writes[0].Time.Equal(t1) ||
		string(writes[0].Patch) != patch || writes[0].Status != http.StatusOK {
		t.Errorf("Writes() = %+v", writes)
	}
	if po, _ := f.sim.PurchaseOrder("PO1"); po.AckNumber != "ACK-77" || !po.Updated.Equal(t1) {
		t.Errorf("stored PO not updated: %+v", po)
	}
}

func TestEditRejectsInvalidPatchesAtomically(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Lines: []x3sim.POLine{{Item: "A", Quantity: 1, NetPrice: 1}}})
	before, _ := f.sim.PurchaseOrder("PO1")
	id := lineUUIDs(t, f, "PO1")[0]
	cases := map[string]string{
		"read-only total":     `{"OCNNUM":"X","TOTORD":5}`,
		"unknown line":        `{"POHPOP":[{"$uuid":"no-such-uuid","QTYUOM":1}]}`,
		"line without $uuid":  `{"POHPOP":[{"POPLIN":1000,"QTYUOM":1}]}`,
		"bad date":            `{"OCNDAT":"27/11/2026"}`,
		"bad menu value":      `{"POHPOP":[{"$uuid":"` + id + `","LINOCNFLG":3}]}`,
		"too long":            `{"OCNNUM":"123456789012345678901"}`,
		"unknown property":    `{"NOSUCH":1}`,
		"unknown line column": `{"POHPOP":[{"$uuid":"` + id + `","NOSUCH":1}]}`,
		"lines by table name": `{"PORDERQ":[{"$uuid":"` + id + `","QTYUOM":1}]}`,
		"key change":          `{"POHNUM":"PO2"}`,
		"not an object":       `[1,2]`,
	}
	for name, patch := range cases {
		r := f.put(t, ackURL("PO1"), patch)
		if r.status != http.StatusBadRequest || diagnosis(t, r)["$message"] == "" {
			t.Errorf("%s: status %d %s, want 400 with a message", name, r.status, r.body)
		}
	}
	if after, _ := f.sim.PurchaseOrder("PO1"); after.AckNumber != before.AckNumber || !after.Updated.Equal(before.Updated) {
		t.Errorf("a rejected $edit changed the PO: %+v", after)
	}
	if got := len(f.sim.Writes()); got != len(cases) {
		t.Errorf("Writes() recorded %d attempts, want %d", got, len(cases))
	}
}

func TestEditOnLockedRecordIsTransientConflict(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1"})
	unlock := f.sim.LockPurchaseOrder("PO1", "JDOE")

	r := f.put(t, ackURL("PO1"), `{"OCNNUM":"A"}`)
	if d := diagnosis(t, r); r.status != http.StatusConflict || d["$severity"] != "transient" {
		t.Errorf("locked: %d %s, want 409 with severity transient", r.status, r.body)
	}
	unlock()
	if r := f.put(t, ackURL("PO1"), `{"OCNNUM":"A"}`); r.status != http.StatusOK {
		t.Errorf("after unlock: %d %s", r.status, r.body)
	}
}

func TestTouchAndUpdateBumpTheStamp(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	key := f.sim.SeedPurchaseOrders(1)[0]
	before, _ := f.sim.PurchaseOrder(key)

	t1 := f.clock.Advance(time.Minute)
	f.sim.Touch(key)
	touched, _ := f.sim.PurchaseOrder(key)
	if !touched.Updated.Equal(t1) || touched.Total != before.Total {
		t.Errorf("Touch: updated %v total %v", touched.Updated, touched.Total)
	}

	t2 := f.clock.Advance(time.Minute)
	f.sim.UpdatePurchaseOrder(key, func(p *x3sim.PO) { p.Lines[0].Quantity *= 2 })
	updated, _ := f.sim.PurchaseOrder(key)
	if !updated.Updated.Equal(t2) || updated.Lines[0].Amount != math.Round(updated.Lines[0].Quantity*updated.Lines[0].NetPrice*100)/100 {
		t.Errorf("UpdatePurchaseOrder did not bump/recompute: %+v", updated)
	}
	if f.sim.Touch("NOPE") || f.sim.UpdatePurchaseOrder("NOPE", func(*x3sim.PO) {}) {
		t.Error("unknown POs must report false")
	}
}

func TestSameSeedSameData(t *testing.T) {
	a := newFixture(t, x3sim.Config{Seed: 7})
	b := newFixture(t, x3sim.Config{Seed: 7})
	c := newFixture(t, x3sim.Config{Seed: 8})
	keys := a.sim.SeedPurchaseOrders(10)
	b.sim.SeedPurchaseOrders(10)
	c.sim.SeedPurchaseOrders(10)
	differs := false
	for _, k := range keys {
		da, db, dc := a.get(t, poURL(k, "$details")), b.get(t, poURL(k, "$details")), c.get(t, poURL(k, "$details"))
		if string(da.body) != string(db.body) {
			t.Errorf("%s differs between two sims with the same seed", k)
		}
		differs = differs || string(da.body) != string(dc.body)
	}
	if !differs {
		t.Error("a different seed produced the same data")
	}
}
