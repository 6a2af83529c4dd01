package tui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/core"
)

// askDismiss asks to dismiss the selected failed Stedi file: a file Stedi
// could not process has no transaction to replay, so once an operator has
// dealt with it at Stedi (or the partner resent it) it leaves the failed
// queue this way, recorded in the audit trail.
func (m *Model) askDismiss() tea.Cmd {
	d, ok := m.selectedDoc()
	switch {
	case !ok:
		m.say("select a failed Stedi file first (4 lists the failed queue)", nil)
		return nil
	case d.Kind != core.KindStediFile:
		m.say(fmt.Sprintf("only a failed Stedi file is dismissed: #%d is a %s, r replays it once its cause is fixed", d.ID, d.Kind), nil)
		return nil
	case d.State != core.StateFailed:
		m.say(fmt.Sprintf("#%d is %s, not in the failed queue", d.ID, d.State), nil)
		return nil
	}
	prompt := fmt.Sprintf("Dismiss #%d, a file Stedi could not process (%s)?", d.ID, oneLine(d.LastError))
	m.confirm = &confirmation{prompt: prompt, run: m.dismiss(d.ID)}
	return nil
}

func (m *Model) dismiss(id int64) tea.Cmd {
	a := m.o.Actions
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		n, err := a.Dismiss(ctx, []int64{id})
		switch {
		case err != nil:
			return actionMsg{text: "dismiss failed", err: err}
		case n == 0:
			return actionMsg{text: fmt.Sprintf("#%d had left the failed queue already", id)}
		}
		return actionMsg{text: fmt.Sprintf("dismissed #%d: out of the failed queue, recorded in the audit trail", id)}
	}
}
