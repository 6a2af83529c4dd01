package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func openPO1001(t *testing.T, w, h int) *Model {
	t.Helper()
	m, _ := newTestModel(t, w, h)
	keys(t, m, "2", "/")
	typeText(t, m, "po:PO-1001 kind:850")
	keys(t, m, "enter", "enter")
	if m.detail == nil || m.detail.docID != 1 {
		t.Fatalf("PO-1001's 850 did not open")
	}
	return m
}

func TestDetail_TimelineAcrossDocuments(t *testing.T) {
	m := openPO1001(t, 120, 40)
	v := m.View()
	if !strings.Contains(v, "PO PO-1001 · 3 documents · supplier ACME") {
		t.Errorf("title:\n%s", v)
	}
	// The 850 (opened), the 810 and the 855, each with its state.
	for _, re := range []string{`▸ #1 850 r1\s+out\s+sent`, `  #6 810 r1\s+out\s+sent`, `  #7 855 r1\s+in\s+applied`} {
		if !regexp.MustCompile(re).MatchString(v) {
			t.Errorf("documents lack %s:\n%s", re, v)
		}
	}
	// Entries of all three, merged by time: the 855's write comes last.
	at := func(re string) int {
		if loc := regexp.MustCompile(re).FindStringIndex(v); loc != nil {
			return loc[0]
		}
		return -1
	}
	read, sent, applied := at(`#1 850\s+poller\s+read`), at(`#1 850\s+sender\s+sent`), at(`#7 855\s+inbox\s+applied`)
	if read < 0 || sent < read || applied < sent {
		t.Errorf("timeline out of order (read %d, sent %d, applied %d):\n%s", read, sent, applied, v)
	}
}

func TestDetail_PayloadPanes(t *testing.T) {
	m := openPO1001(t, 120, 40)
	panes := map[string]string{}
	for _, p := range m.detail.panes {
		panes[p.title] = p.body
	}
	checks := map[string][]string{
		"X3 record":  {`"POHNUM": "PO-1001"`},
		"Guide JSON": {"#1 850 r1 (out)", "#7 855 r1 (in)", `"purchase_order_number_03": "PO-1001"`},
		"X12":        {"ST*850*0001~\nBEG*00*SA*PO-1001**20261126~\nSE*3*0001~", "BIG*20261126*INV-77~"},
		"Stedi":      {`"fileExecutionId": "fe-1"`},
		"X3 writes":  {`"ACKNUM": "ACK-1"`, "#7 855 r1 · x3_patch"},
	}
	for pane, wants := range checks {
		for _, want := range wants {
			if !strings.Contains(panes[pane], want) {
				t.Errorf("pane %s lacks %q:\n%s", pane, want, panes[pane])
			}
		}
	}
	keys(t, m, "4")
	if v := m.View(); !strings.Contains(v, "[4 X12 (2)]") || !strings.Contains(v, "BEG*00*SA*PO-1001**20261126~") {
		t.Errorf("4 shows the X12 pane:\n%s", v)
	}
	keys(t, m, "tab")
	if !strings.Contains(m.View(), "[5 Stedi (2)]") {
		t.Errorf("tab moves to the next pane:\n%s", m.View())
	}
	keys(t, m, "esc")
	if m.detail != nil || m.active != viewOutbound {
		t.Errorf("esc goes back to the list")
	}
}

func TestDetail_ScrollsLongPanes(t *testing.T) {
	m := openPO1001(t, 80, 24)
	keys(t, m, "3") // the Guide JSON of three documents is longer than the screen
	d := m.detail
	keys(t, m, "j", "j")
	if d.vp.YOffset != 2 {
		t.Fatalf("j scrolls one line: offset %d", d.vp.YOffset)
	}
	keys(t, m, "G")
	if !d.vp.AtBottom() {
		t.Errorf("G goes to the end")
	}
	keys(t, m, "1", "3")
	if !d.vp.AtBottom() {
		t.Errorf("a pane keeps its scroll position when the operator comes back to it")
	}
	for i, line := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(line); w > 80 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
}

func TestDetail_ReplayFromTheRecord(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	keys(t, m, "4", "enter", "r") // #5
	if m.confirm == nil || !strings.Contains(m.confirm.prompt, "#5 850 PO-1005") {
		t.Fatalf("r in the record view asks about its document")
	}
	keys(t, m, "y")
	if v := m.View(); !strings.Contains(v, "replayed 1 document") || !regexp.MustCompile(`▸ #5 850 r1\s+out\s+pending`).MatchString(v) {
		t.Errorf("the record view follows the replay:\n%s", v)
	}
}
