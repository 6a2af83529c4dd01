package stedi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// Past the idempotency window the sender asks Stedi what it sent: the
// client lists the outbound 850s of one PO number, page by page, and
// downloads the Guide JSON Stedi kept of each, the very body it was sent.
func TestOutboundTransactionsByPONumber(t *testing.T) {
	stedi.SetListPageSize(t, 1)
	e := inboundSetup(t, stedisim.PartnerProfile{Ship: stedisim.ShipNone}, nil)
	e.order(t, "PO-1")
	e.order(t, "PO-2")
	sent := po("PO-1", "k-PO-1-again")
	sent.Transaction = stedisim.SamplePO850("PO-1", 3)
	if _, err := e.client.GenerateEDI(context.Background(), sent); err != nil { // a second revision of PO-1
		t.Fatal(err)
	}
	var got []core.OutboundTransaction
	q := core.OutboundQuery{PartnershipID: pid, SetID: "850", BusinessIdentifier: "PO-1"}
	err := e.client.OutboundTransactions(context.Background(), q, func(tx core.OutboundTransaction) error {
		got = append(got, tx)
		return nil
	})
	if err != nil || len(got) != 2 {
		t.Fatalf("listed %d outbound 850s of PO-1 (err %v), want 2", len(got), err)
	}
	if e.lists.Load() != 2 {
		t.Errorf("%d list requests, want 2 pages of 1", e.lists.Load())
	}
	held, err := e.client.OutboundGuideJSON(context.Background(), got[0]) // newest first: the second revision
	if err != nil {
		t.Fatal(err)
	}
	if same, err := core.SameTransaction(sent.Transaction, held); err != nil || !same {
		t.Errorf("the newest transaction's Guide JSON is not what was sent (%v): %s", err, held)
	}
	if got[0].Status != "succeeded" || got[0].FileExecutionID == "" || !strings.Contains(string(got[0].Raw), `"businessIdentifiers"`) {
		t.Errorf("listed item %+v", got[0])
	}
}

// A listing that hands an empty page with a next page token is broken,
// not finished: the sender must not conclude that Stedi holds nothing.
func TestOutboundTransactionsEmptyPageInTheMiddleIsAFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			_, _ = w.Write([]byte(`{"items":[],"nextPageToken":"p2"}`))
			return
		}
		_, _ = w.Write([]byte(`{"items":[]}`))
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, apiKey)
	q := core.OutboundQuery{PartnershipID: pid, SetID: "850", BusinessIdentifier: "PO-1"}
	err := c.OutboundTransactions(context.Background(), q, func(core.OutboundTransaction) error { return nil })
	if core.ClassOf(err) != core.Transient || !strings.Contains(err.Error(), "empty page") {
		t.Errorf("err %v, want a transient failure naming the empty page", err)
	}
}
