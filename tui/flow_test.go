package tui

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// Flows run the real Program at 120x40 with the one-second tick on; the
// clock is fixed, so the final screen is the same on every run. Goldens
// hold the final View(), not the byte stream (update with -update).

func startFlow(t *testing.T) *teatest.TestModel {
	t.Helper()
	db := openDB(t)
	fill(t, db)
	o := testOptions(db)
	o.Tick = time.Second
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, `Latest failures`)
	return tm
}

// waitFor waits until the screen output shows re (a regexp) after the
// previous wait.
func waitFor(t *testing.T, tm *teatest.TestModel, res ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, re := range res {
			if !regexp.MustCompile(re).Match(b) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func finalView(t *testing.T, tm *teatest.TestModel) []byte {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	return []byte(fm.View())
}

func TestFlow_FilterToOnePOAndOpenItsTimeline(t *testing.T) {
	tm := startFlow(t)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2")})
	tm.Type("/PO-1001")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, `filter: PO-1001`, `▸ 6\s+810\s+PO-1001`) // the newest document of the PO, selected
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, `PO PO-1001 · 3 documents`, `#7 855\s+inbox\s+applied\s+acknowledgment written into Sage X3`)
	out := finalView(t, tm)
	if !bytes.Contains(out, []byte("▸ #6 810 r1")) {
		t.Errorf("the record view is not on the opened document:\n%s", out)
	}
	teatest.RequireEqualOutput(t, out)
}

func TestFlow_ReplayAFailureAndSeeItLeave(t *testing.T) {
	tm := startFlow(t)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("4")})
	waitFor(t, tm, `Failed queue`, `▸ 5\s+850\s+PO-1005`)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	waitFor(t, tm, `▸ 3\s+850\s+PO-1003`)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	waitFor(t, tm, `Replay #3 850 PO-1003 .*y confirms`)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	// #3 leaves: the cursor rests on the next failure, and the counts follow.
	waitFor(t, tm, `replayed 1 document`, `▸ 2\s+850\s+PO-1002`, `4 Failed \(2\)`)
	out := finalView(t, tm)
	if bytes.Contains(out, []byte("PO-1003")) {
		t.Errorf("the replayed document is still in the failed view:\n%s", out)
	}
	teatest.RequireEqualOutput(t, out)
}
