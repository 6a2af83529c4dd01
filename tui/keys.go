package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap holds every binding (helpGroups describes them on the help
// screen). The keys follow what operators know from k9s, lazygit and gh-dash.
type keyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	NextView, PrevView, View1, View2, View3 key.Binding
	View4, View5, View6, View7, View8       key.Binding
	Filter, Clear, Open, Back               key.Binding
	Replay, ReplayAll, Pause, PollNow       key.Binding
	Accept, Reject                          key.Binding
	NextPane, PrevPane                      key.Binding
	Help, Quit                              key.Binding
}

func newKeyMap() keyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Up:        b("k/↑", "move up", "k", "up"),
		Down:      b("j/↓", "move down", "j", "down"),
		Top:       b("g/home", "first row (newest)", "g", "home"),
		Bottom:    b("G/end", "last row (oldest)", "G", "end"),
		PageUp:    b("pgup/ctrl+b", "page up", "pgup", "ctrl+b", "ctrl+u"),
		PageDown:  b("pgdn/ctrl+f", "page down", "pgdown", "ctrl+f", "ctrl+d"),
		NextView:  b("tab", "next view", "tab"),
		PrevView:  b("shift+tab", "previous view", "shift+tab"),
		View1:     b("1", "overview", "1"),
		View2:     b("2", "outbound (850, 810)", "2"),
		View3:     b("3", "inbound (855, 856)", "3"),
		View4:     b("4", "failed queue", "4"),
		View5:     b("5", "audit log", "5"),
		View6:     b("6", "overdue acknowledgments", "6"),
		View7:     b("7", "partner scorecard", "7"),
		View8:     b("8", "review of supplier changes", "8"),
		Filter:    b("/", "filter the list (terms below)", "/"),
		Clear:     b("esc", "clear the filter, close", "esc"),
		Open:      b("enter", "open the record", "enter"),
		Back:      b("esc", "back to the list", "esc"),
		Replay:    b("r", "replay the selected failure", "r"),
		ReplayAll: b("R", "replay all failures shown", "R"),
		Pause:     b("p", "pause / resume the poller", "p"),
		PollNow:   b("P", "poll Sage X3 now", "P"),
		Accept:    b("a", "accept the selected supplier change", "a"),
		Reject:    b("x", "reject the selected supplier change", "x"),
		NextPane:  b("tab/l/→", "next pane (record)", "tab", "l", "right"),
		PrevPane:  b("shift+tab/h/←", "previous pane", "shift+tab", "h", "left"),
		Help:      b("?", "all keys", "?"),
		Quit:      b("q/ctrl+c", "quit", "q", "ctrl+c"),
	}
}

// helpGroup is one block of the help screen. The help is written out
// rather than generated from the bindings, so related keys share a line
// and the whole screen fits 80x24.
type helpGroup struct {
	title string
	lines [][2]string // key, what it does
}

func helpGroups() []helpGroup {
	return []helpGroup{
		{"Move", [][2]string{{"j/k ↑/↓", "move down / up"}, {"g/G", "newest/oldest, home/end"},
			{"pgdn/pgup", "page, ctrl+f / ctrl+b"}}},
		{"Views", [][2]string{{"tab/S-tab", "next / previous view"}, {"1-8", "views, as in the tab bar"}}},
		{"Find", [][2]string{{"/", "filter (terms below)"}, {"esc", "clear, close, go back"},
			{"enter", "open the record"}, {"tab h/l 1-9", "record panes"}}},
		{"Act", [][2]string{{"r", "replay selected failure"}, {"R", "replay failures shown"},
			{"p", "pause / resume poller"}, {"P", "poll Sage X3 now"},
			{"a / x", "accept / reject change"}}},
		{"General", [][2]string{{"?", "all keys"}, {"q ctrl+c", "quit"}}},
		{"Filter terms", [][2]string{{"po: supplier:", "PO, X3 supplier"}, {"partner: doc:", "partnership, doc id"},
			{"kind: state:", "850,810 / failed,sent"}, {"any text", "any field; audit message"}}},
	}
}
