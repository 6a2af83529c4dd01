package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// Every screen fills the terminal exactly, at 80x24 as at larger sizes,
// so nothing scrolls away and nothing is left over from the last frame.
func TestView_FitsTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		w, h := size[0], size[1]
		m, _ := newTestModel(t, w, h)
		screens := map[string][]string{
			"overview": {"1"}, "outbound": {"2"}, "inbound": {"3"}, "failed": {"4"}, "audit": {"5"},
			"help": {"?"}, "record": {"4", "enter"}, "filtering": {"2", "/"}, "confirming": {"4", "r"},
		}
		for name, presses := range screens {
			keys(t, m, "esc", "esc", "esc")
			keys(t, m, presses...)
			lines := strings.Split(m.View(), "\n")
			if len(lines) != h {
				t.Errorf("%dx%d %s: %d lines", w, h, name, len(lines))
			}
			for i, l := range lines {
				if lw := lipgloss.Width(l); lw > w {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", w, h, name, i, lw, l)
				}
			}
			if name == "confirming" {
				keys(t, m, "n")
			}
		}
	}
}

// At 80x24 the essentials stay: the connections, the queues, the
// failures, and all keys on one help screen.
func TestView_ReadableAt80x24(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	v := m.View()
	for _, want := range []string{"Stedi ok", "Poller next poll in 40s", "Webhook — · last event 59m57s ago", "Queues  retrying 1", "PO-1005", "? keys"} {
		if !strings.Contains(v, want) {
			t.Errorf("80x24 overview lacks %q:\n%s", want, v)
		}
	}
	keys(t, m, "?")
	v = m.View()
	for _, g := range helpGroups() {
		for _, l := range g.lines {
			if !strings.Contains(v, l[0]+strings.Repeat(" ", helpKeyWidth-lipgloss.Width(l[0]))+l[1]) {
				t.Errorf("help at 80x24 lacks %q in full:\n%s", l, v)
			}
		}
	}
	keys(t, m, "?")
	if m.help {
		t.Errorf("? closes the help")
	}
}

func TestQuit(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	keys(t, m, "2", "/")
	if quit := send(t, m, keyMsg("q")); quit {
		t.Fatalf("q typed into the filter must not quit")
	}
	keys(t, m, "esc")
	if quit := send(t, m, keyMsg("q")); !quit {
		t.Fatalf("q quits")
	}
}

// A terminal made tiny must not crash the UI.
func TestView_TinyTerminal(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	for _, size := range [][2]int{{20, 6}, {1, 1}, {0, 0}} {
		send(t, m, windowSize(size[0], size[1]))
		for _, presses := range [][]string{{"1"}, {"2"}, {"5"}, {"?"}, {"?", "4", "enter"}, {"esc", "2", "/"}} {
			keys(t, m, presses...)
			_ = m.View()
		}
		keys(t, m, "esc", "esc")
	}
}
