package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// onKey handles a key press. Transient states come first and take every
// key (confirmation, help, the filter line); esc always gets out of them.
func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyCtrlC {
		return tea.Quit
	}
	// Keys typed faster than the terminal is read (over ssh, from tmux)
	// arrive as one message with several runes; each is a key of its own.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		var cmds []tea.Cmd
		for _, r := range msg.Runes {
			cmds = append(cmds, m.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	if m.confirm != nil {
		c := m.confirm
		m.confirm = nil
		if msg.String() == "y" || msg.String() == "Y" {
			return c.run
		}
		m.say("cancelled", nil)
		return nil
	}
	if m.help {
		if key.Matches(msg, m.keys.Help, m.keys.Back, m.keys.Quit) {
			m.help = false
		}
		return nil
	}
	if cmd, ok := m.editing(msg); ok {
		return cmd
	}
	m.status = ""
	switch {
	case key.Matches(msg, m.keys.Quit):
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.help = true
		return nil
	case key.Matches(msg, m.keys.Replay):
		return m.askReplay()
	case key.Matches(msg, m.keys.ReplayAll):
		return m.askReplayAll()
	case key.Matches(msg, m.keys.Pause):
		return m.togglePause()
	case key.Matches(msg, m.keys.PollNow):
		return m.pollNow()
	case key.Matches(msg, m.keys.Accept, m.keys.Reject):
		return m.askDecide(key.Matches(msg, m.keys.Accept)) // review.go
	}
	if m.detail != nil {
		if key.Matches(msg, m.keys.Back) {
			m.detail = nil
			return m.refresh()
		}
		m.detail.key(m.keys, msg)
		return nil
	}
	return m.onViewKey(msg)
}

// editing passes keys to the open filter line.
func (m *Model) editing(msg tea.KeyMsg) (tea.Cmd, bool) {
	if l := m.activeList(); l != nil && m.detail == nil {
		if _, editing, _ := l.filterState(); editing {
			return l.editFilter(msg), true
		}
	}
	return nil, false
}

// onViewKey handles the keys of the views: switching, filtering, opening
// and moving.
func (m *Model) onViewKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.NextView):
		return m.switchView(m.active + 1)
	case key.Matches(msg, k.PrevView):
		return m.switchView(m.active - 1)
	case key.Matches(msg, k.View1, k.View2, k.View3, k.View4, k.View5, k.View6, k.View7, k.View8):
		return m.switchView(int(msg.Runes[0] - '1'))
	case isBoard(m.active) && key.Matches(msg, k.Filter):
		m.say("this view has no filter: 2 lists the outbound documents, / filters them", nil)
		return nil
	case isBoard(m.active):
		return m.onBoardKey(msg) // boards.go
	case key.Matches(msg, k.Filter):
		if m.active == viewOverview {
			// The overview has no list of its own: searching starts where
			// POs begin, the outbound documents.
			cmd := m.switchView(viewOutbound)
			return tea.Batch(cmd, m.docs[viewOutbound].startFilter())
		}
		return m.activeList().startFilter()
	case key.Matches(msg, k.Clear):
		return m.clearFilter()
	case key.Matches(msg, k.Open):
		if id, ok := m.selectedDocID(); ok {
			return m.openDetail(id)
		}
		return nil
	}
	switch m.active {
	case viewOverview:
		m.over.move(k, msg, len(m.snap.failures))
	case viewAudit:
		cmd, _ := m.audit.move(k, msg)
		return cmd
	case viewReview:
		cmd, _ := m.review.move(k, msg)
		return cmd
	default:
		cmd, _ := m.docs[m.active].move(k, msg)
		return cmd
	}
	return nil
}

func (m *Model) clearFilter() tea.Cmd {
	if l := m.activeList(); l != nil {
		if f, _, _ := l.filterState(); f != "" {
			return l.setFilter("")
		}
	}
	return nil
}

// selectedDocID is the document under the cursor of the active view.
func (m *Model) selectedDocID() (int64, bool) {
	switch m.active {
	case viewOverview:
		d, ok := m.over.selected(m.snap)
		return d.ID, ok
	case viewAudit:
		r, ok := m.audit.selected()
		return r.DocumentID, ok
	case viewReview:
		c, ok := m.review.selected()
		return c.DocumentID, ok // the 855 that proposed it
	case viewOverdue:
		o, ok := m.overdue.selected()
		return o.DocID, ok
	case viewPartners:
		return 0, false
	}
	d, ok := m.docs[m.active].selected()
	return d.ID, ok
}
