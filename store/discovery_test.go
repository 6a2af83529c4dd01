package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

func TestX3Discovery_TheLatestIsKept(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if _, ok, err := db.LatestX3Discovery(ctx); ok || err != nil {
		t.Fatalf("a new database has a discovery: %v %v", ok, err)
	}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	missing := core.X3SetupItem{Capability: core.CapWrite855, Name: "PORDER representation YPOACK facet $edit",
		Status: core.SetupMissing, Fix: "create it"}
	for i, items := range [][]core.X3SetupItem{{missing}, {{Capability: core.CapWrite855, Name: missing.Name, Status: core.SetupOK}}} {
		if err := db.SaveX3Discovery(ctx, core.X3Discovery{API: "rest", At: at.Add(time.Duration(i) * time.Minute), Items: items}); err != nil {
			t.Fatal(err)
		}
	}
	d, ok, err := db.LatestX3Discovery(ctx)
	if err != nil || !ok || d.API != "rest" || !d.At.Equal(at.Add(time.Minute)) || len(d.Items) != 1 || d.Items[0].Status != core.SetupOK {
		t.Errorf("latest %+v %v %v", d, ok, err)
	}
}
