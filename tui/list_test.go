package tui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// shownIDs lists the document ids of the rows on screen, top to bottom.
func shownIDs(l *list[docRow]) []int64 {
	ids := make([]int64, len(l.rows))
	for i, r := range l.rows {
		ids[i] = r.ID
	}
	return ids
}

func TestDocList_FilterNarrowsAndEscClears(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "2")
	out := m.docs[viewOutbound]
	if got := fmt.Sprint(shownIDs(out)); got != "[6 5 4 3 2 1]" {
		t.Fatalf("outbound shows %s, want every outbound document newest first", got)
	}
	keys(t, m, "/")
	typeText(t, m, "PO-1003")
	if !strings.Contains(m.View(), "/PO-1003") {
		t.Errorf("the filter line is not shown while typing:\n%s", m.View())
	}
	keys(t, m, "enter")
	if got := fmt.Sprint(shownIDs(out)); got != "[3]" {
		t.Fatalf("filter PO-1003 shows %s", got)
	}
	v := m.View()
	if !strings.Contains(v, "filter: PO-1003") || !regexp.MustCompile(`▸ 3\s+850\s+PO-1003\s+1\s+failed`).MatchString(v) {
		t.Errorf("filtered view:\n%s", v)
	}
	keys(t, m, "esc")
	if got := fmt.Sprint(shownIDs(out)); got != "[6 5 4 3 2 1]" || out.filter != "" {
		t.Fatalf("esc left %s with filter %q", got, out.filter)
	}
}

func TestDocList_FilterTerms(t *testing.T) {
	cases := []struct {
		view   string
		filter string
		want   string
	}{
		{"2", "kind:810", "[6]"},
		{"2", "supplier:ACME state:failed", "[5 2]"},
		{"2", "partner:p-globex", "[3]"},
		{"2", "gross", "[5]"},     // free text reaches the last error, case-insensitively
		{"2", "doc:4", "[4]"},     // by id
		{"3", "", "[7]"},          // inbound documents only
		{"3", "kind:850", "[]"},   // no 850 comes in
		{"4", "", "[5 3 2]"},      // the failed queue
		{"4", "state:sent", "[]"}, // a state the view excludes shows nothing
		{"4", "supplier:ACME", "[5 2]"},
	}
	for _, c := range cases {
		t.Run(c.view+"_"+c.filter, func(t *testing.T) {
			m, _ := newTestModel(t, 120, 40)
			keys(t, m, c.view)
			if c.filter != "" {
				keys(t, m, "/")
				typeText(t, m, c.filter)
				keys(t, m, "enter")
			}
			if got := fmt.Sprint(shownIDs(m.docs[m.active])); got != c.want {
				t.Errorf("shows %s, want %s", got, c.want)
			}
		})
	}
}

func TestDocList_EmptyFilterResultSaysSo(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "4", "/")
	typeText(t, m, "PO-9999")
	keys(t, m, "enter")
	if v := m.View(); !strings.Contains(v, `nothing matches "PO-9999" (esc clears the filter)`) {
		t.Errorf("empty result:\n%s", v)
	}
}

// Keys typed faster than the terminal is read arrive as one message.
func TestKeys_SeveralRunesInOneMessage(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2/PO-1002")})
	keys(t, m, "enter")
	if got := fmt.Sprint(shownIDs(m.docs[viewOutbound])); m.active != viewOutbound || got != "[2]" {
		t.Fatalf("view %d shows %s", m.active, got)
	}
}

// 60 documents on an 80x24 screen: 16 rows a page (the header keeps two connection lines below 160 columns), paged by id.
func TestDocList_KeysetPaging(t *testing.T) {
	db := openDB(t)
	in := core.Intake{Actor: "poller"}
	for i := 1; i <= 60; i++ {
		in.New = append(in.New, outDoc(core.Kind850, fmt.Sprintf("PO-%04d", i), "ACME"))
	}
	must(t, db.Intake(context.Background(), in))
	m := New(testOptions(db))
	drive(t, m, m.Init())
	send(t, m, windowSize(80, 24))
	keys(t, m, "2")
	l := m.docs[viewOutbound]
	page := func() string {
		ids := shownIDs(l)
		sel, _ := l.selected()
		return fmt.Sprintf("%d..%d sel %d", ids[0], ids[len(ids)-1], sel.ID)
	}
	steps := []struct {
		key, want string
	}{
		{"", "60..45 sel 60"},
		{"pgdown", "44..29 sel 44"},
		{"pgdown", "28..13 sel 28"},
		{"pgdown", "12..1 sel 12"}, // the last page is short
		{"pgdown", "12..1 sel 1"},  // no more pages: the cursor goes to the end
		{"pgup", "28..13 sel 17"},  // the cursor keeps its place on screen
		{"G", "16..1 sel 1"},
		{"g", "60..45 sel 60"},
	}
	for _, s := range steps {
		if s.key != "" {
			keys(t, m, s.key)
		}
		if got := page(); got != s.want {
			t.Fatalf("after %q: %s, want %s", s.key, got, s.want)
		}
	}
	for range 16 { // down to the last row and one past it: the page scrolls by one
		keys(t, m, "j")
	}
	if got := page(); got != "59..44 sel 44" {
		t.Fatalf("scrolling down: %s", got)
	}
	for range 16 {
		keys(t, m, "k")
	}
	if got := page(); got != "60..45 sel 60" || l.anchor != 0 {
		t.Fatalf("scrolling back up: %s, anchor %d (0 follows the newest)", got, l.anchor)
	}
	if v := m.View(); !strings.Contains(v, "newest first · more below") {
		t.Errorf("title:\n%s", v)
	}
}

// On the top row of the newest page, the cursor follows new rows.
func TestDocList_RefreshFollowsTheNewest(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	keys(t, m, "2")
	must(t, db.Intake(context.Background(), core.Intake{Actor: "poller",
		New: []core.NewDocument{outDoc(core.Kind850, "PO-2000", "ACME")}}))
	send(t, m, engineEventMsg{Action: "queued"})
	if sel, _ := m.docs[viewOutbound].selected(); sel.PONumber != "PO-2000" {
		t.Fatalf("selected %s, want the new PO-2000 on top", sel.PONumber)
	}
}

// A live refresh keeps the selected row while new rows arrive on top.
func TestDocList_RefreshKeepsSelection(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	keys(t, m, "2", "j", "j") // #4
	must(t, db.Intake(context.Background(), core.Intake{Actor: "poller",
		New: []core.NewDocument{outDoc(core.Kind850, "PO-2000", "ACME")}}))
	send(t, m, engineEventMsg{Action: "queued"})
	l := m.docs[viewOutbound]
	if sel, _ := l.selected(); sel.ID != 4 || l.rows[0].PONumber != "PO-2000" {
		t.Fatalf("after refresh: rows %v, selected #%d", shownIDs(l), sel.ID)
	}
}

func TestAuditList_NewestFirstAndFiltered(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "5")
	a := m.audit
	if len(a.rows) == 0 || a.rows[0].Action != "applied" || a.rows[0].PayloadKind != "x3_patch" {
		t.Fatalf("the newest entry should be the 855's write into X3: %+v", a.rows[0])
	}
	keys(t, m, "/")
	typeText(t, m, "po:PO-1001")
	keys(t, m, "enter")
	for _, r := range a.rows {
		if r.PONumber != "PO-1001" {
			t.Fatalf("po filter let through %+v", r)
		}
	}
	docs := map[int64]bool{}
	for _, r := range a.rows {
		docs[r.DocumentID] = true
	}
	if len(docs) != 3 {
		t.Errorf("entries of %d documents, want the 850, 810 and 855 of PO-1001", len(docs))
	}
	keys(t, m, "esc", "/")
	typeText(t, m, "GROSS")
	keys(t, m, "enter")
	if len(a.rows) != 1 || a.rows[0].DocumentID != 5 {
		t.Fatalf("text filter: %+v", a.rows)
	}
	keys(t, m, "enter")
	if m.detail == nil || m.detail.docID != 5 {
		t.Fatalf("enter on an audit entry opens its document")
	}
}

// A load superseded by a newer one (the next key of a filter) is
// interrupted, not left to scan the audit trail to the end.
func TestList_SupersededLoadIsCancelled(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	l := m.audit
	first := l.load(pageReq{})
	second := l.load(pageReq{})
	stale, ok := first().(pageMsg)
	if !ok || !errors.Is(stale.err, context.Canceled) {
		t.Fatalf("the superseded load ran: %+v", stale)
	}
	if cmd := l.onPage(stale); cmd != nil || l.err != nil {
		t.Fatalf("a stale answer must be dropped")
	}
	send(t, m, second())
	if l.err != nil || len(l.rows) == 0 {
		t.Fatalf("the newest load: rows %d, err %v", len(l.rows), l.err)
	}
}

// / on the overview searches where POs begin: the outbound documents.
func TestOverview_SlashSearchesOutbound(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "/")
	if m.active != viewOutbound || !m.docs[viewOutbound].editing {
		t.Fatalf("/ on the overview: view %d, editing %v", m.active, m.docs[viewOutbound].editing)
	}
	typeText(t, m, "PO-1004")
	if got := fmt.Sprint(shownIDs(m.docs[viewOutbound])); got != "[4]" {
		t.Fatalf("shows %s", got)
	}
}

func TestParseFilter(t *testing.T) {
	got := parseFilter("po:PO-1 supplier:ACME partner:p-x kind:850,810 state:FAILED doc:#12 late  unit")
	want := store.Match{PONumber: "PO-1", Supplier: "ACME", Partner: "p-x", Kinds: []core.Kind{"850", "810"},
		States: []core.State{"failed"}, DocID: 12, Text: "late unit"}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("parsed %+v\nwant   %+v", got, want)
	}
	if m := parseFilter("po: ratio:3"); m.Text != "po: ratio:3" || m.PONumber != "" {
		t.Errorf("an empty or unknown term is text: %+v", m)
	}
	base := store.Match{Direction: core.Outbound, States: []core.State{core.StateFailed}}
	if m := within(base, parseFilter("state:sent,failed text")); fmt.Sprint(m.States) != "[failed]" || m.Direction != core.Outbound {
		t.Errorf("within narrows the view: %+v", m)
	}
	if m := within(base, parseFilter("state:sent")); len(m.States) != 1 || m.States[0] != noMatch {
		t.Errorf("a state the view excludes matches nothing: %+v", m)
	}
}
