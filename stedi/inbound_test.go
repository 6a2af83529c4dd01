package stedi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// inboundEnv is a simulator behind a watching middleware, and a client.
type inboundEnv struct {
	sim       *stedisim.Server
	client    *stedi.Client
	url       string
	now       *atomic.Pointer[time.Time]
	lists     atomic.Int32 // GET /transactions requests
	downloads atomic.Int32 // requests to pre-signed URLs
}

// inboundSetup starts a simulator on a settable clock whose partner for
// pid answers with profile. wrap, if set, goes around the simulator
// inside the watcher. Every download is checked for the API key.
func inboundSetup(t *testing.T, profile stedisim.PartnerProfile, wrap func(http.Handler) http.Handler) *inboundEnv {
	t.Helper()
	e := &inboundEnv{now: &atomic.Pointer[time.Time]{}}
	start := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	e.now.Store(&start)
	e.sim = stedisim.New(stedisim.Config{
		APIKeys:      []string{apiKey},
		Partnerships: map[string]stedisim.Partnership{pid: stedisim.DemoPartnership("MLCONNECTOR", "ACMESUPPLY")},
		Now:          func() time.Time { return *e.now.Load() },
	})
	e.sim.SetPartnerProfile(pid, profile)
	var h http.Handler = e.sim
	if wrap != nil {
		h = wrap(h)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/artifacts/"):
			e.downloads.Add(1)
			if a := r.Header.Get("Authorization"); a != "" {
				t.Errorf("the download URL received an Authorization header (%d characters)", len(a))
			}
		case strings.HasSuffix(r.URL.Path, "/transactions"):
			e.lists.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	e.url = ts.URL
	e.client = newClient(t, ts.URL+stedisim.APIVersion, apiKey)
	return e
}

func (e *inboundEnv) advance(d time.Duration) {
	next := e.now.Load().Add(d)
	e.now.Store(&next)
}

// order sends a two-line 850 through the client and lets the partner answer.
func (e *inboundEnv) order(t *testing.T, number string) []string {
	t.Helper()
	if _, err := e.client.GenerateEDI(context.Background(), po(number, "k-"+number)); err != nil {
		t.Fatal(err)
	}
	ids, err := e.sim.ProcessDue()
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func (e *inboundEnv) listAll(t *testing.T, since time.Time) []core.InboundTransaction {
	t.Helper()
	var got []core.InboundTransaction
	err := e.client.InboundTransactions(context.Background(), since, func(it core.InboundTransaction) error {
		got = append(got, it)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// guide855 is what the tests read of an 855's Guide JSON.
type guide855 struct {
	Heading struct {
		BAK struct {
			PO string `json:"purchase_order_number_03"`
		} `json:"beginning_segment_for_purchase_order_acknowledgment_BAK"`
	} `json:"heading"`
	Detail struct {
		Lines []struct {
			PO1 struct {
				LineID string `json:"assigned_identification_01"`
			} `json:"baseline_item_data_PO1"`
			ACK []struct {
				ACK struct {
					Status   string  `json:"line_item_status_code_01"`
					Quantity float64 `json:"quantity_02"`
				} `json:"line_item_acknowledgment_ACK"`
			} `json:"line_item_acknowledgment_ACK_loop"`
		} `json:"baseline_item_data_PO1_loop"`
	} `json:"detail"`
}

func TestInboundAcknowledgmentLoopback(t *testing.T) {
	e := inboundSetup(t, stedisim.PartnerProfile{Ack: stedisim.AckRejectLine, Line: "2", Ship: stedisim.ShipNone}, nil)
	ids := e.order(t, "4500012345")
	if len(ids) != 1 {
		t.Fatalf("partner answered with %d documents, want one 855", len(ids))
	}
	got := e.listAll(t, time.Time{})
	want := core.InboundTransaction{TransactionID: ids[0], Direction: "INBOUND", Mode: "production", SetID: "855",
		PartnershipID: pid, ProcessedAt: *e.now.Load(), ControlNumber: "0001"}
	if len(got) != 1 || got[0].FileExecutionID == "" {
		t.Fatalf("listed %+v; want only the 855 (the outbound 850 is filtered out)", got)
	}
	want.FileExecutionID = got[0].FileExecutionID
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("listed  %+v\nwant    %+v", got[0], want)
	}
	one, err := e.client.Transaction(context.Background(), ids[0])
	if err != nil || !reflect.DeepEqual(one, want) {
		t.Errorf("Transaction = %+v, %v", one, err)
	}
	raw, err := e.client.TransactionOutput(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if e.downloads.Load() != 1 {
		t.Errorf("%d downloads; the 302 was not followed to the artifact URL", e.downloads.Load())
	}
	var g guide855
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	if g.Heading.BAK.PO != "4500012345" {
		t.Errorf("BAK03 = %q", g.Heading.BAK.PO)
	}
	var acks []string
	for _, l := range g.Detail.Lines {
		acks = append(acks, fmt.Sprintf("%s:%s:%g", l.PO1.LineID, l.ACK[0].ACK.Status, l.ACK[0].ACK.Quantity))
	}
	if strings.Join(acks, " ") != "1:IA:1 2:IR:0" {
		t.Errorf("ACKs %v, want line 1 accepted and line 2 rejected", acks)
	}
	x12, err := e.client.TransactionInput(context.Background(), ids[0])
	if err != nil || !strings.Contains(string(x12), "BAK*00*AC*4500012345*") {
		t.Errorf("input %q, %v", x12, err)
	}
}

func TestInboundTransactionsPaging(t *testing.T) {
	stedi.SetListPageSize(t, 2)
	e := inboundSetup(t, stedisim.PartnerProfile{Ship: stedisim.ShipNone}, nil)
	var answered []string
	for i := range 5 {
		answered = append(answered, e.order(t, fmt.Sprintf("PO-%d", i))...)
		e.advance(time.Minute)
	}
	got := e.listAll(t, time.Time{})
	if len(got) != 5 || e.lists.Load() != 3 {
		t.Fatalf("%d transactions in %d requests; want 5 in 3 pages of 2", len(got), e.lists.Load())
	}
	for i, it := range got { // newest first
		if it.TransactionID != answered[4-i] {
			t.Errorf("item %d is %s, want %s", i, it.TransactionID, answered[4-i])
		}
	}
	// The third PO was answered at 09:32:00; since rounds down to the second.
	recent := e.listAll(t, time.Date(2026, 3, 1, 9, 32, 0, 400, time.UTC))
	if len(recent) != 3 {
		t.Errorf("since 09:32: %d transactions, want 3", len(recent))
	}
	stop := errors.New("enough")
	n := 0
	err := e.client.InboundTransactions(context.Background(), time.Time{}, func(core.InboundTransaction) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn's error: got %v after %d calls", err, n)
	}
}

// withoutLocation drops the Location header of every answer, leaving the
// documentDownloadUrl of the body.
func withoutLocation(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(noLocation{w}, r)
	})
}

type noLocation struct{ http.ResponseWriter }

func (n noLocation) WriteHeader(status int) {
	n.Header().Del("Location")
	n.ResponseWriter.WriteHeader(status)
}

func TestTransactionOutputWithoutLocation(t *testing.T) {
	e := inboundSetup(t, stedisim.PartnerProfile{Ship: stedisim.ShipNone}, withoutLocation)
	ids := e.order(t, "PO-1")
	raw, err := e.client.TransactionOutput(context.Background(), ids[0])
	if err != nil || !strings.Contains(string(raw), `"PO-1"`) || e.downloads.Load() != 1 {
		t.Errorf("output %.80s…, %v, %d downloads", raw, err, e.downloads.Load())
	}
}

func TestTransactionNotFound(t *testing.T) {
	e := inboundSetup(t, stedisim.PartnerProfile{}, nil)
	_, err := e.client.Transaction(context.Background(), "no-such-id")
	classified(t, err, core.Permanent, http.StatusNotFound)
	if !errors.Is(err, core.ErrNotFound) {
		t.Errorf("Transaction: %v does not wrap core.ErrNotFound", err)
	}
	_, err = e.client.TransactionOutput(context.Background(), "no-such-id")
	classified(t, err, core.Permanent, http.StatusNotFound)
	if !errors.Is(err, core.ErrNotFound) {
		t.Errorf("TransactionOutput: %v does not wrap core.ErrNotFound", err)
	}
}

// refuseDownloads answers 403 at the storage host, as S3 does for an
// expired URL.
func refuseDownloads(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/artifacts/") {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, "<Error><Code>AccessDenied</Code></Error>")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func TestExpiredDownloadIsTransient(t *testing.T) {
	e := inboundSetup(t, stedisim.PartnerProfile{Ship: stedisim.ShipNone}, refuseDownloads)
	ids := e.order(t, "PO-1")
	_, err := e.client.TransactionOutput(context.Background(), ids[0])
	classified(t, err, core.Transient, http.StatusForbidden)
	if strings.Contains(err.Error(), "signature") {
		t.Errorf("the error shows the pre-signed URL: %v", err)
	}
}

func TestInboundErrorsHideKey(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status := http.StatusInternalServerError
		if strings.HasSuffix(r.URL.Path, "/output") {
			status = http.StatusUnauthorized
		}
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message":"bad token %s"}`, r.Header.Get("Authorization"))
	}))
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL, apiKey)
	err := c.InboundTransactions(context.Background(), time.Time{}, func(core.InboundTransaction) error { return nil })
	classified(t, err, core.Transient, http.StatusInternalServerError)
	assertNoKey(t, apiKey, err)
	_, err = c.TransactionOutput(context.Background(), "tx")
	classified(t, err, core.Unauthorized, http.StatusUnauthorized)
	assertNoKey(t, apiKey, err)
}

// A webhook event and the listing describe a transaction the same way.
func TestWebhookEventMatchesListing(t *testing.T) {
	e := inboundSetup(t, stedisim.PartnerProfile{Ship: stedisim.ShipNone}, nil)
	bodies := make(chan []byte, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- b
	}))
	t.Cleanup(hook.Close)
	var once sync.Once
	delivered := make(chan struct{})
	e.sim.SetWebhook(stedisim.WebhookConfig{URL: hook.URL, OnDelivery: func(stedisim.Delivery) { once.Do(func() { close(delivered) }) }})
	if err := e.sim.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.sim.Stop)
	e.order(t, "PO-1")
	<-delivered
	ev, err := stedi.ParseWebhookEvent(<-bodies)
	if err != nil || ev.Type != stedi.EventTransactionProcessed || ev.ID == "" || ev.Transaction == nil {
		t.Fatalf("event %+v, %v", ev, err)
	}
	if listed := e.listAll(t, time.Time{}); len(listed) != 1 || !reflect.DeepEqual(*ev.Transaction, listed[0]) {
		t.Errorf("event   %+v\nlisting %+v", *ev.Transaction, listed)
	}
	if _, err := e.sim.InjectInbound(pid, []byte("not x12")); err == nil {
		t.Fatal("garbage processed")
	}
	ev, err = stedi.ParseWebhookEvent(<-bodies)
	if err != nil || ev.Type != stedi.EventFileFailed || ev.FileFailure == nil ||
		ev.FileFailure.PartnershipID != pid || ev.FileFailure.Errors[0].FaultCode != "FAILED_TO_PARSE" {
		t.Errorf("file.failed.v2 read as %+v (%+v), %v", ev, ev.FileFailure, err)
	}
}

func TestParseWebhookEventRejects(t *testing.T) {
	for _, body := range []string{`not json`, `{}`, `{"event":{"id":"x"}}`,
		`{"event":{"id":"x","detail-type":"transaction.processed.v2","detail":{}}}`} {
		if ev, err := stedi.ParseWebhookEvent([]byte(body)); err == nil {
			t.Errorf("%s read as %+v", body, ev)
		}
	}
	ev, err := stedi.ParseWebhookEvent([]byte(`{"id":"e1","detail-type":"file.processed.v2","detail":{}}`))
	if err != nil || ev.ID != "e1" || ev.Transaction != nil || ev.FileFailure != nil {
		t.Errorf("bare envelope of another type: %+v, %v", ev, err)
	}
}
