package rest_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// A 200 whose body carries an error $diagnoses is a failure for a read,
// a list page and a write alike; never a record, an end of list or a
// write done.
func TestAnswerWithAnErrorDiagnosisIsAFailure(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Sim.SeedPurchaseOrders(12)
	c := f.REST(t)
	ctx := context.Background()

	f.Faults.Next(1, x3sim.IsRecordRead, x3sim.DiagnosisFault("record read failed"))
	_, err := c.PurchaseOrder(ctx, "PODC0100042")
	if ce := x3test.Classified(t, err, core.Transient); ce.Status != http.StatusOK || ce.Message != "record read failed" {
		t.Errorf("read: %v", err)
	}

	var listed []string
	f.Faults.Next(1, func(r *http.Request) bool { return x3sim.IsListPage(r) && r.URL.Query().Has("startIndex") },
		x3sim.DiagnosisFault("page lost"))
	err = c.ChangedPurchaseOrders(ctx, time.Time{}, func(rs core.RecordStamp) error { listed = append(listed, rs.Key); return nil })
	if ce := x3test.Classified(t, err, core.Transient); ce.Message != "page lost" || len(listed) != 5 {
		t.Errorf("list: %v after %d rows; want the second page to fail the listing", err, len(listed))
	}

	read, err := c.PurchaseOrder(ctx, "PODC0100042")
	if err != nil {
		t.Fatal(err)
	}
	f.Faults.Next(1, x3sim.IsWrite, x3sim.DiagnosisFault("OCNNUM: refused by a rule"))
	_, err = c.WritePurchaseOrder(ctx, core.POWrite{PONumber: read.Number, Header: map[string]any{core.FieldAckNumber: "A"}})
	if ce := x3test.Classified(t, err, core.Permanent); ce.Message != "OCNNUM: refused by a rule" {
		t.Errorf("write: %v", err)
	}
	if po, _ := f.Sim.PurchaseOrder(read.Number); po.AckNumber != "" {
		t.Error("the refused write was applied")
	}
}

// Warnings and infos do not fail an answer; a transient severity on a
// write is transient.
func TestDiagnosisSeverities(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)
	f.Faults.Next(1, x3sim.IsRecordRead, faultinject.Fault{Status: 200,
		Body: `{"$diagnoses":[{"$severity":"warning","$message":"slow"}],"POHNUM":"X","POHPOP":[]}`})
	if po, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil || po.Number != "X" {
		t.Errorf("a warning failed the read: %v", err)
	}
	f.Faults.Next(1, x3sim.IsWrite, faultinject.Fault{Status: 200,
		Body: `{"$diagnoses":[{"$severity":"Transient","$message":"record locked"}]}`})
	_, err := c.WritePurchaseOrder(context.Background(), core.POWrite{PONumber: "PODC0100042", Header: map[string]any{core.FieldAckNumber: "A"}})
	x3test.Classified(t, err, core.Transient)
}

// An empty page that links to a next one, or an answer without
// $resources, is not the end of a listing.
func TestIncompleteListingIsAFailure(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(3)
	c := f.REST(t)
	for name, body := range map[string]string{
		"empty page with a next link": `{"$resources":[],"$links":{"$next":{"$url":"/api1/x3/erp/SEED/PORDER?representation=PORDER.$query&startIndex=6"}}}`,
		"no $resources":               `{"$links":{}}`,
	} {
		f.Faults.Next(1, x3sim.IsListPage, faultinject.Fault{Status: 200, Body: body})
		err := c.ChangedPurchaseOrders(context.Background(), time.Time{}, func(core.RecordStamp) error { return nil })
		if err == nil {
			t.Errorf("%s: taken as the end of the listing", name)
			continue
		}
		x3test.Classified(t, err, core.Transient)
	}
}

// A server that refuses date-time literals is asked by date, from the day
// before, which it is told once; later listings go straight to dates.
func TestServerRefusingDateTimeLiteralsIsStillPolled(t *testing.T) {
	f := x3test.NewSite(t, func(c *x3sim.Config) { c.RefuseDateTimeLiterals = true })
	old := f.Sim.SeedPurchaseOrders(3)
	f.Clock.Advance(72 * time.Hour)
	changed := f.Sim.SeedPurchaseOrders(2)
	var logs bytes.Buffer
	c := f.REST(t, func(c *rest.Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	since := f.Clock.Now().Add(-time.Minute)
	for range 2 {
		var got []string
		if err := c.ChangedPurchaseOrders(context.Background(), since, func(rs core.RecordStamp) error { got = append(got, rs.Key); return nil }); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, ",") != strings.Join(changed, ",") {
			t.Errorf("listed %v, want the changed %v (not the older %v)", got, changed, old)
		}
	}
	if n := strings.Count(logs.String(), "refuses date-time literals"); n != 1 {
		t.Errorf("said %d times: %s", n, logs.String())
	}
	var wheres []string
	for _, r := range f.Requests() {
		wheres = append(wheres, r.URL.Query().Get("where"))
	}
	if len(wheres) != 3 || !strings.Contains(wheres[0], "T") || wheres[1] != wheres[2] || !strings.HasPrefix(wheres[1], "UPDDAT ge @") {
		t.Errorf("where clauses %q: want one date-time refused, then dates", wheres)
	}
}

func TestListingIsInUpdateStampOrder(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(3)
	err := f.REST(t).ChangedPurchaseOrders(context.Background(), x3test.T0, func(core.RecordStamp) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	log := f.Requests()
	if ob := log[len(log)-1].URL.Query().Get("orderBy"); ob != "UPDDATTIM asc,POHNUM asc" {
		t.Errorf("orderBy %q", ob)
	}
}
