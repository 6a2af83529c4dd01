package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/core"
)

// attached is a model attached to a daemon whose status is st.
func attached(t *testing.T, w, h int, st core.EngineStatus) *Model {
	t.Helper()
	m, _ := newTestModel(t, w, h)
	m.o.Attached, m.o.Engine = true, nil
	m.snap.engine, m.snap.engineKnown = st, true
	return m
}

func daemonStatus() core.EngineStatus {
	st := engineStatus()
	st.PID, st.Host, st.Beat = 4242, "srv", fixedNow
	st.Endpoint = "http://127.0.0.1:8480/webhooks/stedi (online)" // as the daemon records it
	return st
}

func TestHeader_WebhookURLOfADaemonIsShownPlain(t *testing.T) {
	v := attached(t, 120, 30, daemonStatus()).View()
	if strings.Contains(v, "%20") || !strings.Contains(v, "Webhook http://127.0.0.1:8480/webhooks/stedi (online)") {
		t.Errorf("header:\n%s", v)
	}
}

// "last poll failed" appearing used to wrap the header onto another line
// and push the body down; the header's height now depends on the width
// alone.
func TestHeader_HeightDoesNotChangeWithWhatItSays(t *testing.T) {
	for _, w := range []int{80, 100, 120, 160, 220} {
		calm := daemonStatus()
		busy := daemonStatus()
		busy.LastPollError = "Sage X3 answered HTTP 503"
		busy.X3TokenExpires = fixedNow.Add(-time.Second)
		busy.Endpoint = "https://a-very-long-reserved-domain-of-this-company.ngrok.app/webhooks/stedi (online)"
		heights := map[string]int{}
		for name, st := range map[string]core.EngineStatus{"calm": calm, "busy": busy} {
			m := attached(t, w, 30, st)
			lines := header(m.snap, &m.o, m.now, w)
			heights[name] = len(lines)
			head := strings.Join(lines, "\n")
			for _, l := range lines {
				if lipgloss.Width(l) > w {
					t.Errorf("%d columns, %s: a header line is %d wide", w, name, lipgloss.Width(l))
				}
			}
			if name == "busy" && (!strings.Contains(head, "last poll failed") || !strings.Contains(head, "Poller")) {
				t.Errorf("%d columns: the state or the poller was cut away:\n%s", w, head)
			}
		}
		if heights["calm"] != heights["busy"] {
			t.Errorf("%d columns: the header is %d lines calm and %d busy", w, heights["calm"], heights["busy"])
		}
	}
}

func TestConfirm_KeysStayVisibleAt80Columns(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	keys(t, m, "4", "r")
	lines := strings.Split(m.View(), "\n")
	if last := lines[len(lines)-1]; !strings.HasSuffix(strings.TrimSpace(last), "y confirms") || !strings.Contains(last, "Replay #5") {
		t.Errorf("confirmation line at 80 columns: %q", last)
	}
}

func TestAuditLog_MessageColumnIsWideAt120(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "5")
	v := m.View()
	head := ""
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, "MESSAGE") {
			head = l
		}
	}
	at := strings.Index(head, "MESSAGE")
	if at < 0 || 120-lipgloss.Width(head[:at]) < 45 {
		t.Errorf("the message column starts at cell %d of 120:\n%s", lipgloss.Width(head[:max(0, at)]), v)
	}
	if !strings.Contains(v, "accepted by Stedi on attempt 1 [stedi_response]") {
		t.Errorf("a short message is cut:\n%s", v)
	}
}

// Paged down to a last page holding one failure, replaying it left an
// empty page and no selection while failures remained above.
func TestReplay_SelectionStaysWhenTheSelectedRowLeavesTheList(t *testing.T) {
	m, db := newTestModel(t, 100, 24)
	keys(t, m, "4")
	l := m.docs[viewFailed]
	ctx := context.Background()
	var news []core.NewDocument
	for i := range l.height + 1 - len(l.rows) { // one failure more than a page holds
		news = append(news, outDoc(core.Kind850, fmt.Sprintf("PO-2%03d", i), "ACME"))
	}
	must(t, db.Intake(ctx, core.Intake{Actor: "poller", New: news}))
	claimed, _ := db.ClaimDue(ctx, fixedNow.Add(time.Hour), 100, time.Minute)
	var outs []core.Outcome
	for _, c := range claimed {
		if c.PONumber >= "PO-2" {
			outs = append(outs, core.Outcome{DocID: c.ID, State: core.StateFailed, Error: "HTTP 400", ErrorClass: core.Permanent})
		}
	}
	must(t, db.Complete(ctx, outs))
	keys(t, m, "g", "pgdown")
	sel, ok := l.selected()
	if !ok || len(l.rows) != 1 || l.anchor == 0 {
		t.Fatalf("want a last page of one row, got %v (anchor %d)", shownIDs(l), l.anchor)
	}
	keys(t, m, "r", "y")
	after, ok := l.selected()
	if !ok || after.ID == sel.ID || after.State != core.StateFailed || len(l.rows) != l.height {
		t.Fatalf("after replaying #%d: selected %v (#%d), rows %v", sel.ID, ok, after.ID, shownIDs(l))
	}
	if v := m.View(); strings.Contains(v, "the failed queue is empty") || !strings.Contains(v, "▸ ") {
		t.Errorf("after the replay:\n%s", v)
	}
}

func TestFilter_ReopenedFilterTakesANewTerm(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "2", "/")
	typeText(t, m, "kind:850")
	keys(t, m, "enter", "/")
	typeText(t, m, "po:PO-1003")
	keys(t, m, "enter")
	l := m.docs[viewOutbound]
	if l.filter != "kind:850 po:PO-1003" || fmt.Sprint(shownIDs(l)) != "[3]" {
		t.Errorf("filter %q shows %v", l.filter, shownIDs(l))
	}
}

func TestDismiss_AFailedFileLeavesTheFailedQueue(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	ctx := context.Background()
	res, err := db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-f", Type: core.EventFileFailed,
		Source: core.SourceWebhook, FileFailure: &core.FileFailure{FileExecutionID: "fe-1",
			Errors: []core.Fault{{Code: "FAILED_TO_PARSE", Message: "bad ISA"}}}})}, nil)
	must(t, err)
	file := res[0].DocID
	send(t, m, tickMsg(fixedNow)) // the header re-reads the counts
	keys(t, m, "4")
	if v := m.View(); !strings.Contains(v, "4 Failed (4)") {
		t.Fatalf("before:\n%s", v)
	}
	keys(t, m, "r")
	if v := m.View(); !strings.Contains(v, "nothing to replay here") {
		t.Errorf("r on a failed file:\n%s", v)
	}
	keys(t, m, "j", "d")
	if v := m.View(); !strings.Contains(v, "only a failed Stedi file is dismissed") {
		t.Errorf("d on a failed 850:\n%s", v)
	}
	keys(t, m, "g", "d")
	if v := m.View(); !strings.Contains(v, fmt.Sprintf("Dismiss #%d, a file Stedi could not process", file)) {
		t.Fatalf("no confirmation:\n%s", v)
	}
	keys(t, m, "y")
	if v := m.View(); !strings.Contains(v, "4 Failed (3)") || !strings.Contains(v, fmt.Sprintf("dismissed #%d", file)) {
		t.Errorf("after dismissing:\n%s", v)
	}
	if d, _ := db.Document(ctx, file); d.State != core.StateDismissed {
		t.Errorf("the file is %s", d.State)
	}
	if got := auditBy(t, db, testActor); len(got) != 1 || got[0].Action != "dismissed" || got[0].DocumentID != file {
		t.Errorf("the dismissal is not in the audit trail under the operator's name: %+v", got)
	}
}
