package tui

import tea "github.com/charmbracelet/bubbletea"

// refreshBoard reloads the overdue or partners view when it is on screen.
func (m *Model) refreshBoard() tea.Cmd {
	switch m.active {
	case viewOverdue:
		return m.overdue.refresh(m.o.Now())
	case viewPartners:
		return m.partners.refresh(m.o.Now())
	}
	return nil
}

func (m *Model) onBoard(msg boardMsg) tea.Cmd {
	again := false
	switch msg.board {
	case viewOverdue:
		again = m.overdue.onRows(msg)
	case viewPartners:
		again = m.partners.onRows(msg)
	}
	if again {
		return m.refreshBoard()
	}
	return nil
}

// onBoardKey handles the keys of the two boards: moving, and enter, which
// opens an overdue document or lists a partner's outbound documents.
func (m *Model) onBoardKey(msg tea.KeyMsg) tea.Cmd {
	h := m.bodyHeight()
	switch m.active {
	case viewOverdue:
		if msg.Type == tea.KeyEnter {
			if o, ok := m.overdue.selected(); ok {
				return m.openDetail(o.DocID)
			}
			return nil
		}
		m.overdue.move(m.keys, msg, h)
	case viewPartners:
		if msg.Type == tea.KeyEnter {
			if p, ok := m.partners.selected(); ok {
				cmd := m.switchView(viewOutbound)
				return tea.Batch(cmd, m.docs[viewOutbound].setFilter("partner:"+p.PartnershipID))
			}
			return nil
		}
		m.partners.move(m.keys, msg, h)
	}
	return nil
}

// isBoard reports whether view i is one of the boards.
func isBoard(i int) bool { return i == viewOverdue || i == viewPartners }
