package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/store"
)

// fakeStedi serves transaction outputs and the inbound transaction list.
type fakeStedi struct {
	mu      sync.Mutex
	outputs map[string][]byte
	txs     []core.InboundTransaction
	failed  []core.InboundTransaction // listed with status failed
	fail    map[string]bool           // transaction ids whose output fails transiently
}

func (f *fakeStedi) TransactionOutput(_ context.Context, id string) (json.RawMessage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail[id] {
		return nil, &core.Error{Class: core.Transient, Op: "stedi transaction output", Status: 503}
	}
	b, ok := f.outputs[id]
	if !ok {
		return nil, &core.Error{Class: core.Permanent, Op: "stedi transaction output", Status: 404, Err: core.ErrNotFound}
	}
	return b, nil
}

func (f *fakeStedi) InboundTransactions(_ context.Context, since time.Time, fn func(core.InboundTransaction) error) error {
	f.mu.Lock()
	txs := slices.Clone(f.txs)
	f.mu.Unlock()
	return listSince(txs, since, fn)
}

func (f *fakeStedi) FailedInboundTransactions(_ context.Context, since time.Time, fn func(core.InboundTransaction) error) error {
	f.mu.Lock()
	txs := slices.Clone(f.failed)
	f.mu.Unlock()
	return listSince(txs, since, fn)
}

func listSince(txs []core.InboundTransaction, since time.Time, fn func(core.InboundTransaction) error) error {
	for _, t := range txs {
		if !t.ProcessedAt.Before(since) {
			if err := fn(t); err != nil {
				return err
			}
		}
	}
	return nil
}

type inboxRig struct {
	t        *testing.T
	x3       *x3sim.Server
	client   *rest.Client
	db       *store.DB
	stedi    *fakeStedi
	bus      *core.Bus
	partners core.Partners
	mc       core.MapConfig
	inbox    *core.Inbox
	supplier string
	faults   *faultinject.Injector
}

func newInboxRig(t *testing.T, tune ...func(*core.Inbox)) *inboxRig {
	t.Helper()
	return newInboxRigOn(t, rigSite{}, tune...)
}

// rigSite sets up the simulated X3 and the client that talks to it.
type rigSite struct {
	sim    func(*x3sim.Config)
	client func(*rest.Config)
}

func newInboxRigOn(t *testing.T, site rigSite, tune ...func(*core.Inbox)) *inboxRig {
	t.Helper()
	r := &inboxRig{t: t, bus: core.NewBus(), stedi: &fakeStedi{outputs: map[string][]byte{}, fail: map[string]bool{}},
		faults: faultinject.New(1)}
	simCfg := x3sim.Config{Folder: "SEED", User: "U", Password: "pw", Seed: 1, Faults: r.faults}
	if site.sim != nil {
		site.sim(&simCfg)
	}
	simCfg.GraphQLAPI = x3gql.New
	r.x3 = x3sim.New(simCfg)
	srv := httptest.NewServer(r.x3)
	t.Cleanup(srv.Close)
	clientCfg := rest.Config{BaseURL: srv.URL, Folder: "SEED", User: "U", Password: "pw"}
	if site.client != nil {
		site.client(&clientCfg)
	}
	var err error
	if r.client, err = rest.New(clientCfg); err != nil {
		t.Fatal(err)
	}
	if r.db, err = store.Open(context.Background(), filepath.Join(t.TempDir(), "inbox.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.db.Close() })
	r.supplier = r.x3.Suppliers()[0].Code
	r.partners = core.Partners{r.supplier: {Supplier: r.supplier, PartnershipID: "p1", TransactionSettings: map[core.Kind]string{core.Kind850: "ts-850"}}}
	r.mc = core.MapConfig{Buyer: core.Party{Name: "Northwind"},
		Sites: map[string]core.Party{"DC01": {Name: "DC Columbus", ID: "DC01", Address1: "1 Dock Rd", City: "Columbus", PostalCode: "43217"}}}
	r.addPO("PO1")
	r.sendAll()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r.inbox = &core.Inbox{EDI: r.stedi, ERP: r.client, Writer: r.client, Store: r.db, Partners: r.partners, Map: r.mc,
		Workers: 2, MaxAttempts: 4, Backoff: core.Backoff{Base: time.Millisecond, Max: 5 * time.Millisecond},
		Idle: 10 * time.Millisecond, Wait: 2 * time.Millisecond, Bus: r.bus, Logger: log, Now: time.Now}
	for _, f := range tune {
		f(r.inbox)
	}
	if err := r.inbox.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.inbox.Stop)
	return r
}

func (r *inboxRig) addPO(num string) {
	r.x3.AddPurchaseOrder(x3sim.PO{Number: num, Supplier: r.supplier, OrderDate: "2026-01-02", ReceivingSite: "DC01", Currency: "USD",
		Lines: []x3sim.POLine{
			{Item: "ITM-A", SupplierItem: "SUP-A", Unit: "UN", Quantity: 10, NetPrice: 2, ExpectedReceipt: "2026-02-01"},
			{Item: "ITM-B", Unit: "UN", Quantity: 5, NetPrice: 3, ExpectedReceipt: "2026-02-01"},
			{Item: "ITM-C", Unit: "UN", Quantity: 2, NetPrice: 1, ExpectedReceipt: "2026-02-01"},
		}})
}

func (r *inboxRig) poller() *core.Poller {
	return &core.Poller{ERP: r.client, Store: r.db, Partners: r.partners, Map: r.mc, Folder: "SEED", Fetchers: 2,
		Bus: r.bus, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now, Absorbed: r.db}
}

// sendAll polls X3 and marks every queued 850 sent, as if Stedi took it.
func (r *inboxRig) sendAll() core.PollResult {
	r.t.Helper()
	ctx := context.Background()
	res, err := r.poller().PollOnce(ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	docs, _ := r.db.ClaimDue(ctx, time.Now().Add(time.Second), 100, time.Minute)
	for _, d := range docs {
		_ = r.db.Complete(ctx, []core.Outcome{{DocID: d.ID, State: core.StateSent}})
	}
	return res
}

// deliver stores a transaction as the webhook would, with its output.
func (r *inboxRig) deliver(tx string, kind core.Kind, partnership string, doc string) int64 {
	r.t.Helper()
	return r.deliverMode(tx, kind, partnership, doc, "production")
}

// deliverMode is deliver for a transaction of Stedi mode mode.
func (r *inboxRig) deliverMode(tx string, kind core.Kind, partnership, doc, mode string) int64 {
	r.t.Helper()
	return r.deliverAt(tx, kind, partnership, doc, mode, time.Now())
}

// deliverAt is deliverMode for a transaction Stedi processed at processed.
func (r *inboxRig) deliverAt(tx string, kind core.Kind, partnership, doc, mode string, processed time.Time) int64 {
	r.t.Helper()
	r.stedi.mu.Lock()
	r.stedi.outputs[tx] = []byte(doc)
	r.stedi.mu.Unlock()
	res, err := r.db.IntakeEvents(context.Background(), []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{
		ID: "ev-" + tx, Type: core.EventTransactionProcessed, Source: core.SourceWebhook, Raw: []byte(`{}`),
		Transaction: &core.InboundTransaction{TransactionID: tx, Direction: "INBOUND", SetID: string(kind), Mode: mode,
			PartnershipID: partnership, ProcessedAt: processed}})}, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	r.inbox.Wake()
	return res[0].DocID
}

// settle waits until the document is applied (or in review), failed or held.
func (r *inboxRig) settle(id int64) core.Document {
	r.t.Helper()
	events, stop := r.bus.Subscribe(256)
	defer stop()
	deadline := time.After(30 * time.Second)
	for {
		d, err := r.db.Document(context.Background(), id)
		if err != nil {
			r.t.Fatal(err)
		}
		if d.State == core.StateApplied || d.State == core.StateReview || d.State == core.StateFailed || d.State == core.StateHeld {
			return d
		}
		select {
		case <-events:
		case <-deadline:
			r.t.Fatalf("document %d still %s", id, d.State)
		}
	}
}

func (r *inboxRig) po(num string) x3sim.PO {
	po, ok := r.x3.PurchaseOrder(num)
	if !ok {
		r.t.Fatalf("PO %s missing", num)
	}
	return po
}

func (r *inboxRig) writes() int { return len(r.x3.Writes()) }

// ack is a hand-written 855: lines "POPLIN:status:qty[:date[:price]]".
func ack(po, sellerOrder string, lines ...string) string {
	var loops []string
	for _, l := range lines {
		f := strings.Split(l, ":")
		date, price := "", ""
		if len(f) > 3 && f[3] != "" {
			date = fmt.Sprintf(`,"date_time_qualifier_04":"067","date_05":%q`, f[3])
		}
		if len(f) > 4 {
			price = fmt.Sprintf(`,"unit_price_04":%s`, f[4])
		}
		loops = append(loops, fmt.Sprintf(`{"baseline_item_data_PO1":{"assigned_identification_01":%q,"quantity_02":10,"unit_or_basis_for_measurement_code_03":"EA"%s},
		  "line_item_acknowledgment_ACK_loop":[{"line_item_acknowledgment_ACK":{"line_item_status_code_01":%q,"quantity_02":%s,"unit_or_basis_for_measurement_code_03":"EA"%s}}]}`,
			f[0], price, f[1], f[2], date))
	}
	return fmt.Sprintf(`{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"855","transaction_set_control_number_02":"0001"},
	 "beginning_segment_for_purchase_order_acknowledgment_BAK":{"transaction_set_purpose_code_01":"00","acknowledgment_type_02":"AC","purchase_order_number_03":%q,"date_04":"2026-01-02","reference_identification_08":%q,"date_09":"2026-01-03"}},
	 "detail":{"baseline_item_data_PO1_loop":[%s]}}`, po, sellerOrder, strings.Join(loops, ","))
}

// asn is a hand-written 856 (S/O/I): items "POPLIN:qty".
func asn(id, po string, items ...string) string {
	var hl []string
	for _, it := range items {
		f := strings.Split(it, ":")
		hl = append(hl, fmt.Sprintf(`{"item_identification_LIN":{"assigned_identification_01":%q},"item_detail_shipment_SN1":{"number_of_units_shipped_02":%s,"unit_or_basis_for_measurement_code_03":"EA"}}`, f[0], f[1]))
	}
	return fmt.Sprintf(`{"heading":{"beginning_segment_for_ship_notice_BSN":{"transaction_set_purpose_code_01":"00","shipment_identification_02":%q,"date_03":"2026-01-20","hierarchical_structure_code_05":"0004"}},
	 "detail":{"hierarchical_level_HL_loop":[{"carrier_details_routing_sequence_transit_time_TD5":[{"identification_code_qualifier_02":"2","identification_code_03":"UPSN"}],
	   "reference_information_REF":[{"reference_identification_qualifier_01":"BM","reference_identification_02":"BOL-%s"},{"reference_identification_qualifier_01":"CN","reference_identification_02":"TRK-%s"}],
	   "date_time_reference_DTM":[{"date_time_qualifier_01":"011","date_02":"2026-01-20"},{"date_time_qualifier_01":"017","date_02":"2026-01-24"}],
	   "hierarchical_level_HL_loop":[{"purchase_order_reference_PRF":{"purchase_order_number_01":%q},"hierarchical_level_HL_loop":[%s]}]}]}}`,
		id, id, id, po, strings.Join(hl, ","))
}

// applyChanges is inbound.apply_855_changes = true: a supplier's
// quantity and date changes are written with the acknowledgment.
func applyChanges(in *core.Inbox) { in.Apply855Changes = true }

func TestInbox_855WritesOnce_AndTheChangeIsNotEchoed(t *testing.T) {
	r := newInboxRig(t, applyChanges)
	before := r.writes()
	d := r.settle(r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-77", "1000:IC:8:2026-02-10", "2000:IA:5", "3000:IR:0")))
	if d.State != core.StateApplied || d.PONumber != "PO1" {
		t.Fatalf("855 ended %s: %s", d.State, d.LastError)
	}
	po := r.po("PO1")
	if po.AckNumber != "SO-77" || po.AckDate != "2026-01-03" || !strings.Contains(po.AckNotes, "1 changed") || !strings.Contains(po.AckNotes, "1 rejected") {
		t.Errorf("header ack = %q %q %q", po.AckNumber, po.AckDate, po.AckNotes)
	}
	l := po.Lines
	if l[0].Quantity != 8 || l[0].ExpectedReceipt != "2026-02-10" || l[0].AckFlag != 2 || l[0].AckNumber != "SO-77" || l[0].AckDate != "2026-01-03" {
		t.Errorf("changed line = %+v", l[0])
	}
	if l[1].Quantity != 5 || l[1].AckFlag != 2 || l[2].AckFlag != 2 || l[2].Status != 1 || l[2].Quantity != 2 {
		t.Errorf("accepted line %+v, rejected line %+v", l[1], l[2])
	}
	if r.writes() != before+1 {
		t.Errorf("%d writes to X3, want 1", r.writes()-before)
	}
	if out, _ := r.db.ListDocuments(context.Background(), store.Filter{Kind: core.Kind850}); out[0].State != core.StateAcknowledged {
		t.Errorf("850 state %s, want acknowledged", out[0].State)
	}
	trail, _ := r.db.AuditTrail(context.Background(), d.ID)
	var kinds []string
	for _, e := range trail {
		if e.PayloadID != 0 {
			p, _ := r.db.Payload(context.Background(), e.PayloadID)
			kinds = append(kinds, p.Kind)
		}
	}
	if strings.Join(kinds, ",") != "stedi_event,guide_json,x3_patch,x3_answer" {
		t.Errorf("audit payloads %v", kinds)
	}

	// The write moved the PO's stamp and changed what its 850 shows: the
	// poller reads it again and sends nothing.
	if res := r.sendAll(); res.Read != 1 || res.Queued != 0 {
		t.Errorf("poll after the write-back: %+v, want the PO read and nothing queued", res)
	}
	// The same acknowledgment again (another transaction): nothing to write.
	d2 := r.settle(r.deliver("tx-855b", core.Kind855, "p1", ack("PO1", "SO-77", "1000:IC:8:2026-02-10", "2000:IA:5", "3000:IR:0")))
	if d2.State != core.StateApplied || r.writes() != before+1 {
		t.Errorf("second identical 855: %s, %d writes in all", d2.State, r.writes()-before)
	}
	// A buyer's own change still goes out, as a replacement.
	r.x3.UpdatePurchaseOrder("PO1", func(p *x3sim.PO) { p.Lines[1].Quantity = 7 })
	if res := r.sendAll(); res.Queued != 1 {
		t.Errorf("a buyer's change after the write-back queued %d documents, want 1", res.Queued)
	}
}

func TestInbox_856Failures_NamePOAndLine_ReplayAfterFix(t *testing.T) {
	r := newInboxRig(t)
	ctx := context.Background()
	unknown := r.settle(r.deliver("tx-a", core.Kind856, "p1", asn("A1", "PO404", "1000:4")))
	over := r.settle(r.deliver("tx-b", core.Kind856, "p1", asn("B1", "PO1", "1000:12", "2000:5")))
	if unknown.State != core.StateFailed || !strings.Contains(unknown.LastError, "PO PO404") || !strings.Contains(unknown.LastError, "does not exist") {
		t.Errorf("unknown PO: %s %q", unknown.State, unknown.LastError)
	}
	if over.State != core.StateFailed || !strings.Contains(over.LastError, "PO PO1 line 1000: over-shipment") {
		t.Errorf("over-shipment: %s %q", over.State, over.LastError)
	}
	if p := r.po("PO1"); p.ASNNumber != "" || p.Lines[1].ShippedQuantity != 0 {
		t.Error("a failed ship notice wrote part of itself")
	}
	// The buyer fixes X3: the missing PO is entered, the quantity raised.
	r.addPO("PO404")
	r.x3.UpdatePurchaseOrder("PO1", func(p *x3sim.PO) { p.Lines[0].Quantity = 12 })
	if n, err := r.db.Replay(ctx, []int64{unknown.ID, over.ID}, "operator:test"); err != nil || n != 2 {
		t.Fatalf("replayed %d, err %v", n, err)
	}
	r.inbox.Wake()
	if d := r.settle(unknown.ID); d.State != core.StateApplied {
		t.Errorf("replayed unknown-PO 856: %s %s", d.State, d.LastError)
	}
	if d := r.settle(over.ID); d.State != core.StateApplied {
		t.Errorf("replayed over-shipment: %s %s", d.State, d.LastError)
	}
	p := r.po("PO1")
	if p.ASNNumber != "B1" || p.Carrier != "UPSN" || p.BillOfLading != "BOL-B1" || p.Tracking != "TRK-B1" || p.ShipDate != "2026-01-20" ||
		p.Lines[0].ShippedQuantity != 12 || p.Lines[1].ShippedQuantity != 5 || p.Lines[0].ExpectedReceipt != "2026-01-24" {
		t.Errorf("PO1 after the 856: %+v", p)
	}
	if p404 := r.po("PO404"); p404.Lines[0].ShippedQuantity != 4 || p404.ASNNumber != "A1" {
		t.Errorf("PO404 after the 856: %+v", p404)
	}
	// Partial shipments add up; the one that goes past the order fails.
	c := r.settle(r.deliver("tx-c", core.Kind856, "p1", asn("C1", "PO1", "3000:1")))
	e := r.settle(r.deliver("tx-e", core.Kind856, "p1", asn("E1", "PO1", "3000:2")))
	if c.State != core.StateApplied || r.po("PO1").Lines[2].ShippedQuantity != 1 {
		t.Errorf("first partial: %s %q", c.State, c.LastError)
	}
	if e.State != core.StateFailed || !strings.Contains(e.LastError, "3 UN shipped in all (this ship notice 2, earlier ones 1) but 2 ordered") {
		t.Errorf("second partial beyond the order: %s %q", e.State, e.LastError)
	}
}

func TestInbox_TransientX3FailureIsRetried(t *testing.T) {
	r := newInboxRig(t)
	unlock := r.x3.LockPurchaseOrder("PO1", "JSMITH")
	events, stop := r.bus.Subscribe(256)
	defer stop()
	id := r.deliver("tx-1", core.Kind855, "p1", ack("PO1", "SO-1", "1000:IA:10"))
	for e := range events {
		if e.DocID == id && e.State == core.StateRetrying {
			break
		}
	}
	unlock()
	if d := r.settle(id); d.State != core.StateApplied || d.Attempts < 2 {
		t.Errorf("after the lock: %s after %d attempts", d.State, d.Attempts)
	}
}

func TestInbox_856WaitsForTheAcknowledgmentOfItsPO(t *testing.T) {
	r := newInboxRig(t, applyChanges, func(in *core.Inbox) { in.MaxAttempts = 1 << 20 })
	// The 855 raises line 1000 to 12 but cannot be fetched yet; the 856
	// ships 12, which only the acknowledged quantity allows.
	r.stedi.mu.Lock()
	r.stedi.fail["tx-ack"] = true
	r.stedi.mu.Unlock()
	ackID := r.deliver("tx-ack", core.Kind855, "p1", ack("PO1", "SO-2", "1000:IC:12"))
	shipID := r.deliver("tx-ship", core.Kind856, "p1", asn("S1", "PO1", "1000:12"))
	events, stop := r.bus.Subscribe(256)
	defer stop()
	for waits := 0; waits < 3; {
		e := <-events
		if e.DocID == shipID && e.State == core.StateRetrying {
			// A wait is published as a deferral, which the metrics do not count as a failure.
			if e.Action != core.ActionDeferred {
				t.Fatalf("the waiting 856 was published as %q, want %q", e.Action, core.ActionDeferred)
			}
			waits++
		}
	}
	if d, _ := r.db.Document(context.Background(), shipID); d.State == core.StateFailed || d.Attempts > 1 {
		t.Fatalf("the waiting 856 is %s after %d attempts", d.State, d.Attempts)
	}
	r.stedi.mu.Lock()
	r.stedi.fail["tx-ack"] = false
	r.stedi.mu.Unlock()
	if d := r.settle(ackID); d.State != core.StateApplied {
		t.Fatalf("855: %s %s", d.State, d.LastError)
	}
	if d := r.settle(shipID); d.State != core.StateApplied || r.po("PO1").Lines[0].ShippedQuantity != 12 {
		t.Errorf("856 after the 855: %s %s", d.State, d.LastError)
	}
}

func TestInbox_RefusesWhatItCannotApply(t *testing.T) {
	r := newInboxRig(t)
	bad := r.settle(r.deliver("tx-bad", core.Kind855, "p1", `{"heading":{},"detail":{}}`))
	if bad.State != core.StateFailed || !strings.Contains(bad.LastError, "cannot be read") {
		t.Errorf("unreadable 855: %s %q", bad.State, bad.LastError)
	}
	stranger := r.settle(r.deliver("tx-x", core.Kind855, "someone-else", ack("PO1", "SO-9", "1000:IA:10")))
	if stranger.State != core.StateFailed || !strings.Contains(stranger.LastError, "came from partnership someone-else") {
		t.Errorf("855 from another partnership: %s %q", stranger.State, stranger.LastError)
	}
	line := r.settle(r.deliver("tx-l", core.Kind855, "p1", ack("PO1", "SO-9", "9000:IA:10")))
	if line.State != core.StateFailed || !strings.Contains(line.LastError, "PO PO1 line 9000 is not on the Sage X3 purchase order") {
		t.Errorf("unknown line: %s %q", line.State, line.LastError)
	}
	if p := r.po("PO1"); p.AckNumber != "" {
		t.Error("a refused 855 wrote to the PO")
	}
}

func TestCatchUp_TakesWhatNoWebhookDelivered(t *testing.T) {
	r := newInboxRig(t)
	ctx := context.Background()
	now := time.Now()
	r.stedi.mu.Lock()
	r.stedi.outputs["tx-1"] = []byte(ack("PO1", "SO-3", "1000:IA:10"))
	r.stedi.txs = []core.InboundTransaction{
		{TransactionID: "tx-1", Direction: "INBOUND", SetID: "855", PartnershipID: "p1", ProcessedAt: now.Add(-time.Minute)},
		{TransactionID: "tx-2", Direction: "INBOUND", SetID: "864", PartnershipID: "p1", ProcessedAt: now.Add(-time.Minute)},
		{TransactionID: "tx-old", Direction: "INBOUND", SetID: "855", PartnershipID: "p1", ProcessedAt: now.Add(-48 * time.Hour)},
	}
	r.stedi.mu.Unlock()
	c := &core.CatchUp{EDI: r.stedi, Store: r.db, Overlap: time.Hour, FirstLookback: 24 * time.Hour, Found: r.inbox.Wake,
		Bus: r.bus, Logger: slog.New(slog.DiscardHandler), Now: time.Now}
	res, err := c.Once(ctx)
	if err != nil || res.Listed != 2 || res.New != 1 {
		t.Fatalf("first pass %+v, err %v; want 2 listed (the old one is outside the first look-back), 1 new", res, err)
	}
	if res, _ := c.Once(ctx); res.New != 0 {
		t.Errorf("second pass found %d new, want 0", res.New)
	}
	if cur, _ := r.db.Cursor(ctx, core.CursorInbound); !cur.Equal(now.Add(-time.Minute).UTC().Truncate(time.Millisecond)) {
		t.Errorf("cursor %v", cur)
	}
	docs, _ := r.db.ListDocuments(ctx, store.Filter{Kind: core.Kind855})
	if len(docs) != 1 || r.settle(docs[0].ID).State != core.StateApplied {
		t.Errorf("855 from the catch-up: %+v", docs)
	}
}

func TestInbox_RestartAppliesWhatACrashLeftProcessing(t *testing.T) {
	r := newInboxRig(t)
	r.inbox.Stop()
	id := r.deliver("tx-crash", core.Kind855, "p1", ack("PO1", "SO-5", "1000:IA:10"))
	// A process claimed it and died; its lease is within the restarted
	// processor's (2 minutes by default), as when both run the same build.
	if c, err := r.db.ClaimInbound(context.Background(), time.Now(), 1, time.Minute); err != nil || len(c) != 1 {
		t.Fatalf("claim %v %v", c, err)
	}
	if err := r.inbox.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if d := r.settle(id); d.State != core.StateApplied || d.Attempts != 1 {
		t.Errorf("after the restart: %s after %d attempts, want applied after 1 (the crashed claim is no attempt)", d.State, d.Attempts)
	}
}
