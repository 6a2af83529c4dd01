package main

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// seedReview makes a database with one applied 855 whose supplier changes
// PO-R line 1000: quantity 10 → 8 and date 2026-02-01 → 2026-02-10, and
// returns it with the changes' IDs (quantity first).
func seedReview(t *testing.T) (string, []int64) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "review.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-1", Type: core.EventTransactionProcessed,
		Source: core.SourceWebhook, Raw: []byte(`{}`), Transaction: &core.InboundTransaction{TransactionID: "tx-1", Direction: "INBOUND",
			SetID: "855", PartnershipID: "p-acme", ProcessedAt: time.Now()}})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := db.ClaimInbound(ctx, time.Now(), 1, time.Minute)
	if err != nil || len(docs) != 1 {
		t.Fatalf("claim: %v %v", docs, err)
	}
	change := func(field, col, cur, proposed, value, unit string) core.ProposedChange {
		return core.ProposedChange{PONumber: "PO-R", Line: 1000, Seq: 1, Field: field, Column: col, Current: cur,
			Proposed: proposed, Value: json.RawMessage(value), Unit: unit, Supplier: "ACME"}
	}
	err = db.FinishInbound(ctx, core.InboundOutcome{DocID: docs[0].ID, Kind: core.Kind855, State: core.StateReview,
		PONumber: "PO-R", Supplier: "ACME", Review: []core.ReviewOutcome{{PONumber: "PO-R", Lines: []core.LineKey{{Line: 1000, Seq: 1}},
			Changes: []core.ProposedChange{change(core.ChangeQuantity, "QTYUOM", "10", "8", "8", "UN"),
				change(core.ChangeDate, "EXTRCPDAT", "2026-02-01", "2026-02-10", `"2026-02-10"`, "")}}}})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := db.ProposedChanges(ctx, false, 10)
	if err != nil || len(cs) != 2 {
		t.Fatalf("seeded changes %+v, %v", cs, err)
	}
	return path, []int64{cs[0].ID, cs[1].ID}
}

type reviewJSON struct {
	ID        int64  `json:"id"`
	PO        string `json:"po_number"`
	Line      int    `json:"line"`
	Field     string `json:"field"`
	Current   string `json:"current"`
	Proposed  string `json:"proposed"`
	Decision  string `json:"decision"`
	DecidedBy string `json:"decided_by"`
	WriteDoc  int64  `json:"write_document_id"`
}

func reviewList(t *testing.T, args ...string) []reviewJSON {
	t.Helper()
	out, err := runCmd(t, append([]string{"review", "--json"}, args...)...)
	if err != nil {
		t.Fatalf("review --json: %v\n%s", err, out)
	}
	var got []reviewJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("review --json is not a JSON list: %v\n%s", err, out)
	}
	return got
}

func TestReviewCmd_ListsWhatWaits(t *testing.T) {
	path, ids := seedReview(t)
	got := reviewList(t, "--db", path)
	if len(got) != 2 || got[0].ID != ids[0] || got[0].PO != "PO-R" || got[0].Line != 1000 || got[0].Field != "quantity" ||
		got[0].Current != "10" || got[0].Proposed != "8" || got[1].Proposed != "2026-02-10" || got[0].Decision != "pending" {
		t.Errorf("review --json = %+v", got)
	}
	out, err := runCmd(t, "review", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"X3 HAS", "PROPOSED", "PO-R", "10 UN", "8 UN", "2026-02-10", "ACME", "pending"} {
		if !strings.Contains(out, want) {
			t.Errorf("review lacks %q:\n%s", want, out)
		}
	}
	if out, err := runCmd(t, "show", "1", "--db", path); err != nil || !strings.Contains(out, "state review") ||
		!strings.Contains(out, "date 2026-02-01 → 2026-02-10: pending") {
		t.Errorf("show of the 855 does not say what waits: %v\n%s", err, out)
	}
	status, err := runCmd(t, "status", "--json", "--db", path)
	var rep struct {
		Review int `json:"review_pending"`
	}
	if err != nil || json.Unmarshal([]byte(status), &rep) != nil || rep.Review != 2 {
		t.Errorf("status --json: review_pending %d (%v)\n%s", rep.Review, err, status)
	}
	if text, _ := runCmd(t, "status", "--db", path); !strings.Contains(text, "2 supplier change(s)") {
		t.Errorf("status does not count the waiting changes:\n%s", text)
	}
}

func TestReviewCmd_AcceptAndReject(t *testing.T) {
	path, ids := seedReview(t)
	out, err := runCmd(t, "review", "accept", strconv.FormatInt(ids[0], 10), "--db", path)
	if err != nil || !strings.Contains(out, "accepted: PO PO-R line 1000 quantity 10 → 8 UN") ||
		!strings.Contains(out, "No engine runs on this database now") {
		t.Errorf("accept without an engine: %v\n%s", err, out)
	}
	out, err = runCmd(t, "review", "reject", strconv.FormatInt(ids[1], 10), "--db", path)
	if err != nil || !strings.Contains(out, "rejected") || !strings.Contains(out, "Nothing is written") {
		t.Errorf("reject: %v\n%s", err, out)
	}
	if pending := reviewList(t, "--db", path); len(pending) != 0 {
		t.Errorf("still pending: %+v", pending)
	}
	all := reviewList(t, "--all", "--db", path)
	if len(all) != 2 || all[0].Decision != "accepted" || all[1].Decision != "rejected" || all[0].WriteDoc == 0 ||
		!strings.HasPrefix(all[0].DecidedBy, "cli:") || all[1].WriteDoc != 0 {
		t.Fatalf("review --all --json = %+v", all)
	}
	// The accepted change waits as a document for the engine, audited.
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := db.Document(context.Background(), all[0].WriteDoc)
	if err != nil || d.Kind != core.KindChange || d.State != core.StateReceived || d.PONumber != "PO-R" {
		t.Errorf("change document %+v, %v", d, err)
	}
	if out, err := runCmd(t, "show", strconv.FormatInt(d.ID, 10), "--db", path); err != nil || !strings.Contains(out, "accepted change") ||
		!strings.Contains(out, "quantity 10 → 8 UN: accepted by cli:") {
		t.Errorf("show of the change document: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "review", "reject", strconv.FormatInt(ids[0], 10), "--db", path); err == nil || !strings.Contains(err.Error(), "was accepted by cli:") {
		t.Errorf("second decision: %v\n%s", err, out)
	}
}

func TestReviewCmd_AcceptBesideARunningEngine(t *testing.T) {
	path, ids := seedReview(t)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	err = db.ClaimPresence(context.Background(), core.EngineStatus{PID: 4242, Host: "edi-server", Started: now, Beat: now}, now.Add(-time.Minute))
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "review", "accept", strconv.FormatInt(ids[0], 10), "--db", path)
	if err != nil || !strings.Contains(out, "The engine running on this database (pid 4242 on edi-server) writes it") {
		t.Errorf("accept beside a daemon: %v\n%s", err, out)
	}
}

func TestReviewCmd_RefusesWhatItCannotDo(t *testing.T) {
	path, _ := seedReview(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"review", "accept", "999"}, "no proposed change has ID 999"},
		{[]string{"review", "reject", "x"}, `change ID "x" is not a number`},
		{[]string{"review", "accept"}, "takes one change ID"},
		{[]string{"review", "approve", "1"}, "accept ID, or reject ID"},
	} {
		out, err := runCmd(t, append(tc.args, "--db", path)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q\n%s", tc.args, err, tc.want, out)
		}
	}
}

// While the demo runs, a buyer's accept from the command line is written
// into the simulated X3 by the demo's engine, and the audit trail names
// the buyer, the write and X3's answer.
func TestReviewCmd_AcceptWhileTheDemoRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithCancel(context.Background())
	logs := newLogWatch()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"demo", "--headless", "--db", path}, io.Discard, logs) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("demo: %v", err)
		}
	}()
	// The first 855 with changes may only move a date: look again at each
	// new log line until a quantity change waits.
	var qty reviewJSON
	logs.waitFor(t, "a quantity change waiting for review", func(log string) bool {
		if !strings.Contains(log, "supplier changes wait for the buyer's review") {
			return false
		}
		for _, c := range reviewList(t, "--db", path) {
			if c.Field == core.ChangeQuantity {
				qty = c
				return true
			}
		}
		return false
	})
	out, err := runCmd(t, "review", "accept", strconv.FormatInt(qty.ID, 10), "--db", path)
	if err != nil || !strings.Contains(out, "The engine running on this database") {
		t.Fatalf("accept: %v\n%s", err, out)
	}
	written := regexp.MustCompile(`"inbound document applied to Sage X3" .*kind=change`)
	logs.waitFor(t, "the accepted change written", written.MatchString)
	var writeDoc int64
	for _, c := range reviewList(t, "--all", "--db", path) {
		if c.ID == qty.ID {
			writeDoc = c.WriteDoc
		}
	}
	out, err = runCmd(t, "show", strconv.FormatInt(writeDoc, 10), "--json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var rep showReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if rep.Document.State != core.StateApplied || len(rep.Audit) == 0 || !strings.HasPrefix(rep.Audit[0].Actor, "cli:") {
		t.Fatalf("change document %s, trail %+v", rep.Document.State, rep.Audit)
	}
	var answer map[string]any
	for _, e := range rep.Audit {
		if e.PayloadKind == core.PayloadX3Answer {
			_ = json.Unmarshal(e.Payload, &answer)
		}
	}
	want, _ := strconv.ParseFloat(qty.Proposed, 64)
	if !answerHolds(answer, qty.Line, want) {
		t.Errorf("Sage X3's answer to the write %v does not hold line %d at %v", answer, qty.Line, want)
	}
}

// answerHolds looks through X3's answer (the PO as its representation
// returns it, whatever its line collection is called) for the line with
// its quantity.
func answerHolds(po map[string]any, line int, qty float64) bool {
	for _, v := range po {
		lines, _ := v.([]any)
		for _, l := range lines {
			m, _ := l.(map[string]any)
			if m["POPLIN"] == float64(line) && m["QTYUOM"] == qty {
				return true
			}
		}
	}
	return false
}
