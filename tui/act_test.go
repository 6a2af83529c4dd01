package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// auditBy returns the audit entries written by actor, oldest first.
func auditBy(t *testing.T, db *store.DB, actor string) []store.AuditRow {
	t.Helper()
	rows, err := db.AuditPage(context.Background(), store.Match{Text: actor}, store.Page{Limit: 100})
	must(t, err)
	var out []store.AuditRow
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Actor == actor {
			out = append(out, rows[i])
		}
	}
	return out
}

func TestReplay_AsksThenReplaysTheSelectedFailure(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	keys(t, m, "4", "j") // #3
	keys(t, m, "r")
	if v := m.View(); !strings.Contains(v, "Replay #3 850 PO-1003 (stedi generate-edi: HTTP 404") ||
		!strings.Contains(v, "y confirms") {
		t.Fatalf("no confirmation line:\n%s", v)
	}
	keys(t, m, "n")
	if got := fmt.Sprint(shownIDs(m.docs[viewFailed])); got != "[5 3 2]" || !strings.Contains(m.View(), "cancelled") {
		t.Fatalf("n must cancel: failed queue %s", got)
	}
	keys(t, m, "r", "y")
	if got := fmt.Sprint(shownIDs(m.docs[viewFailed])); got != "[5 2]" {
		t.Fatalf("after replay the failed queue shows %s, want #3 gone", got)
	}
	v := m.View()
	if !strings.Contains(v, "replayed 1 document") || !strings.Contains(v, "4 Failed (2)") {
		t.Errorf("after replay:\n%s", v)
	}
	if d, _ := m.docs[viewFailed].selected(); d.ID != 2 {
		t.Errorf("the cursor should rest on the next failure, #2, not #%d", d.ID)
	}
	doc, err := db.Document(context.Background(), 3)
	must(t, err)
	if doc.State != core.StatePending {
		t.Errorf("#3 is %s after replay", doc.State)
	}
	if got := auditBy(t, db, testActor); len(got) != 1 || got[0].Action != "replay" || got[0].DocumentID != 3 {
		t.Errorf("the replay is not in the audit trail under the operator's name: %+v", got)
	}
}

func TestReplay_RefusesWhatIsNotAFailure(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "2", "r") // #6, sent
	if m.confirm != nil || !strings.Contains(m.View(), "only a failed document can be replayed: #6 is sent") {
		t.Fatalf("r on a sent document:\n%s", m.View())
	}
	keys(t, m, "5", "r")
	if m.confirm != nil || !strings.Contains(m.View(), "select a failed document first") {
		t.Fatalf("r in the audit log:\n%s", m.View())
	}
}

func TestReplayAll_ReplaysWhatTheFilterShows(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	keys(t, m, "4", "/")
	typeText(t, m, "supplier:ACME")
	keys(t, m, "enter", "R")
	if v := m.View(); !strings.Contains(v, `Replay 2 failed documents shown by filter "supplier:ACME"?`) {
		t.Fatalf("confirmation must state how many:\n%s", v)
	}
	keys(t, m, "y")
	if got := len(auditBy(t, db, testActor)); got != 2 {
		t.Errorf("%d replay entries, want 2", got)
	}
	keys(t, m, "esc")
	if got := fmt.Sprint(shownIDs(m.docs[viewFailed])); got != "[3]" {
		t.Errorf("failed queue after R: %s, want only GLOBEX's #3", got)
	}
	keys(t, m, "R", "y")
	if got := fmt.Sprint(shownIDs(m.docs[viewFailed])); got != "[]" {
		t.Errorf("R without filter leaves %s", got)
	}
	keys(t, m, "R")
	if m.confirm != nil || !strings.Contains(m.View(), "no failed documents to replay here") {
		t.Errorf("R on an empty queue:\n%s", m.View())
	}
}

func TestPauseAndPollNow_GoThroughTheDatabase(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	ctx := context.Background()
	keys(t, m, "p")
	if v, _, _ := db.Control(ctx, core.ControlPollerPaused); v != "1" {
		t.Fatalf("p did not pause the poller: %q", v)
	}
	if v := m.View(); !strings.Contains(v, "Poller PAUSED (p resumes)") {
		t.Errorf("header after p:\n%s", v)
	}
	keys(t, m, "P")
	if !strings.Contains(m.View(), "the poller is paused: p resumes it") {
		t.Errorf("P while paused:\n%s", m.View())
	}
	keys(t, m, "p", "P")
	if v, _, _ := db.Control(ctx, core.ControlPollerPaused); v != "" {
		t.Fatalf("p did not resume the poller: %q", v)
	}
	// Attached (no poller in this process): the request waits in the
	// database for the daemon's presence worker.
	reqs, err := db.TakeRequests(ctx, time.Now())
	must(t, err)
	if len(reqs) != 1 || reqs[0].Action != core.RequestPollNow || reqs[0].Actor != testActor {
		t.Fatalf("poll request: %+v", reqs)
	}
	var actions []string
	for _, e := range auditBy(t, db, testActor) {
		actions = append(actions, e.Action+": "+e.Message)
	}
	want := `[control: poller.paused set to "1" control: poller.paused cleared poll_now: poll of Sage X3 requested from the terminal UI]`
	if fmt.Sprint(actions) != want {
		t.Errorf("audit trail of the operator:\n%s\nwant\n%s", actions, want)
	}
}

func TestPollNow_InProcessCallsThePoller(t *testing.T) {
	db := openDB(t)
	polled := 0
	a := NewActions(db, testActor, func() { polled++ })
	must(t, a.PollNow(context.Background()))
	reqs, _ := db.TakeRequests(context.Background(), time.Now())
	if polled != 1 || len(reqs) != 0 {
		t.Fatalf("polled %d times, %d requests left in the database", polled, len(reqs))
	}
	if got := auditBy(t, db, testActor); len(got) != 1 || got[0].Action != core.RequestPollNow {
		t.Fatalf("audit: %+v", got)
	}
}
