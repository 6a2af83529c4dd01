package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// Every test renders without colour, so views and golden files hold text only.
func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// fixedNow is the UI's clock in tests.
var fixedNow = time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)

const testActor = "operator:test"

// stepClock returns a clock that moves one second per reading: stored
// times differ, and stay the same from run to run.
func stepClock(start time.Time) func() time.Time {
	var mu sync.Mutex
	t := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = stepClock(fixedNow.Add(-time.Hour))
	t.Cleanup(func() { db.Close() })
	return db
}

func outDoc(kind core.Kind, po, supplier string) core.NewDocument {
	key := string(kind) + "-" + po
	return core.NewDocument{
		Doc: core.Document{Kind: kind, Direction: core.Outbound, SourceKey: po, PONumber: po, Supplier: supplier,
			PartnershipID: "p-" + strings.ToLower(supplier), Revision: 1, Purpose: core.PurposeOriginal,
			ContentHash: key + "-hash", IdempotencyKey: key + "-r1", State: core.StatePending,
			Payload: []byte(`{"heading":{"beginning_segment_for_purchase_order_BEG":{"purchase_order_number_03":"` + po + `"}}}`)},
		X3Record: []byte(`{"POHNUM":"` + po + `","BPSNUM":"` + supplier + `"}`),
	}
}

// fill stores a small, known history through the store's own API:
//
//	#1 850 PO-1001 ACME   sent (with Stedi's response and its X12)
//	#2 850 PO-1002 ACME   failed (400)
//	#3 850 PO-1003 GLOBEX failed (404)
//	#4 850 PO-1004 ACME   retrying
//	#5 850 PO-1005 ACME   failed (400)
//	#6 810 PO-1001 ACME   sent
//	#7 855 PO-1001 ACME   applied, inbound, with the X3 write
func fill(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	in := core.Intake{Actor: "poller"}
	for _, d := range []core.NewDocument{outDoc(core.Kind850, "PO-1001", "ACME"), outDoc(core.Kind850, "PO-1002", "ACME"),
		outDoc(core.Kind850, "PO-1003", "GLOBEX"), outDoc(core.Kind850, "PO-1004", "ACME"),
		outDoc(core.Kind850, "PO-1005", "ACME"), outDoc(core.Kind810, "PO-1001", "ACME")} {
		in.New = append(in.New, d)
	}
	must(t, db.Intake(ctx, in))
	claimed, err := db.ClaimDue(ctx, fixedNow, 10, time.Minute)
	if err != nil || len(claimed) != 6 {
		t.Fatalf("claimed %d, err %v", len(claimed), err)
	}
	sent := func(id int64, edi string) core.Outcome {
		return core.Outcome{DocID: id, State: core.StateSent, Audit: []core.AuditEntry{{Actor: "sender", Action: "sent",
			Message: "accepted by Stedi on attempt 1", Payload: &core.Payload{Kind: core.PayloadStediResponse,
				ContentType: "application/json", Body: []byte(`{"edi":"` + edi + `","fileExecutionId":"fe-` + itoa(int(id)) + `"}`)}}}}
	}
	failed := func(id int64, msg string) core.Outcome {
		return core.Outcome{DocID: id, State: core.StateFailed, Error: msg, ErrorClass: core.Permanent,
			Audit: []core.AuditEntry{{Actor: "sender", Action: "failed", Message: "attempt 1: " + msg + " (permanent)"}}}
	}
	must(t, db.Complete(ctx, []core.Outcome{
		sent(1, "ST*850*0001~BEG*00*SA*PO-1001**20261126~SE*3*0001~"),
		failed(2, "stedi generate-edi: HTTP 400: BEG03 is required"),
		failed(3, "stedi generate-edi: HTTP 404: partnership p-globex not found"),
		{DocID: 4, State: core.StateRetrying, NextAttemptAt: fixedNow.Add(time.Hour), Error: "HTTP 503", ErrorClass: core.Transient,
			Audit: []core.AuditEntry{{Actor: "sender", Action: "attempt_failed", Message: "attempt 1 of 8: HTTP 503; next attempt in 2s"}}},
		failed(5, "stedi generate-edi: HTTP 400: PO1 unit GROSS"),
		sent(6, "ST*810*0001~BIG*20261126*INV-77~SE*3*0001~"),
	}))
	ack := core.NewDocument{Doc: core.Document{Kind: core.Kind855, Direction: core.Inbound, SourceKey: "tx-855-1",
		PONumber: "PO-1001", Supplier: "ACME", PartnershipID: "p-acme", Revision: 1, ContentHash: "h855",
		State: "applied", Payload: []byte(`{"heading":{"beginning_segment_for_purchase_order_acknowledgment_BAK":{"purchase_order_number_03":"PO-1001"}}}`)}}
	must(t, db.Intake(ctx, core.Intake{Actor: "inbox", New: []core.NewDocument{ack}}))
	must(t, db.AppendAudit(ctx, 7, core.AuditEntry{Actor: "inbox", Action: "applied", Message: "acknowledgment written into Sage X3",
		Payload: &core.Payload{Kind: "x3_patch", ContentType: "application/json", Body: []byte(`{"POHNUM":"PO-1001","ACKNUM":"ACK-1"}`)}}))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// engineStatus is the in-process engine the tests pretend to run.
func engineStatus() core.EngineStatus {
	return core.EngineStatus{X3: "REST · Basic", X3URL: "http://x3.example:8124", X3Folder: "SEED",
		StediURL: "https://core.us.stedi.com/2023-08-01", PollInterval: time.Minute, LastPoll: fixedNow.Add(-20 * time.Second)}
}

func testOptions(db *store.DB) Options {
	return Options{Store: db, Actions: NewActions(db, testActor, nil), Engine: engineStatus, Title: "test",
		Tick: -1, Now: func() time.Time { return fixedNow }, Location: time.UTC}
}

// newTestModel builds the UI over a filled database, sized and loaded.
func newTestModel(t testing.TB, w, h int) (*Model, *store.DB) {
	t.Helper()
	db := openDB(t)
	fill(t, db)
	m := New(testOptions(db))
	drive(t, m, m.Init())
	send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return m, db
}

// send feeds msg to the model and runs every command it leads to, to the
// end, the way a Program would (without one, and without a tick).
func send(t testing.TB, m *Model, msg tea.Msg) (quit bool) {
	t.Helper()
	_, cmd := m.Update(msg)
	return drive(t, m, cmd)
}

func drive(t testing.TB, m *Model, cmd tea.Cmd) (quit bool) {
	t.Helper()
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			quit = drive(t, m, c) || quit
		}
	default:
		quit = send(t, m, msg)
	}
	return quit
}

// keys sends each string as one key press: "enter", "esc", "tab", or runes.
func keys(t testing.TB, m *Model, presses ...string) {
	t.Helper()
	for _, p := range presses {
		send(t, m, keyMsg(p))
	}
}

func keyMsg(p string) tea.KeyMsg {
	switch p {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(p)}
}

// typeText types s one key at a time.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
