package tui

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// replayAllLimit bounds one R: a filter showing more failures than this
// is too broad to replay on one key press.
const replayAllLimit = 10000

// actionTimeout bounds one action against the database.
const actionTimeout = 10 * time.Second

// askReplay asks to replay the selected document, if it is a failure.
func (m *Model) askReplay() tea.Cmd {
	d, ok := m.selectedDoc()
	if !ok {
		m.say("select a failed document first (4 lists the failed queue)", nil)
		return nil
	}
	if d.State != core.StateFailed {
		m.say(fmt.Sprintf("only a failed document can be replayed: #%d is %s", d.ID, d.State), nil)
		return nil
	}
	prompt := fmt.Sprintf("Replay #%d %s %s (%s)?", d.ID, d.Kind, orDash(d.PONumber), cut(oneLine(d.LastError), 50))
	m.confirm = &confirmation{prompt: prompt, run: m.replay([]int64{d.ID})}
	return nil
}

// selectedDoc is the document r acts on: the record view's, or the
// selected row's in the overview and the document lists.
func (m *Model) selectedDoc() (core.Document, bool) {
	if m.detail != nil {
		for _, d := range m.detail.tl.Documents {
			if d.ID == m.detail.docID {
				return d, true
			}
		}
		return core.Document{}, false
	}
	switch m.active {
	case viewOverview:
		return m.over.selected(m.snap)
	case viewAudit, viewOverdue, viewPartners, viewReview:
		return core.Document{}, false
	}
	return m.docs[m.active].selected()
}

// askReplayAll counts the failures the current filter shows, then asks.
func (m *Model) askReplayAll() tea.Cmd {
	var match store.Match
	filter := ""
	switch {
	case m.detail != nil || m.active == viewAudit || isBoard(m.active) || m.active == viewReview:
		m.say("R replays the failures a document list shows: 4 lists the failed queue", nil)
		return nil
	case m.active != viewOverview:
		l := m.docs[m.active]
		match, filter = l.match(), l.filter
	}
	if len(match.States) > 0 && !slices.Contains(match.States, core.StateFailed) {
		m.say("this filter shows no failed documents", nil)
		return nil
	}
	s := m.o.Store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		ids, err := s.FailedMatching(ctx, match, replayAllLimit+1)
		return replayAllMsg{ids: ids, filter: filter, err: err}
	}
}

func (m *Model) onReplayAll(msg replayAllMsg) {
	switch {
	case msg.err != nil:
		m.say("cannot count the failures", msg.err)
	case len(msg.ids) == 0:
		m.say("no failed documents to replay here", nil)
	case len(msg.ids) > replayAllLimit:
		m.say(fmt.Sprintf("more than %d failures: narrow the filter first", replayAllLimit), nil)
	default:
		what := "in the failed queue"
		if msg.filter != "" {
			what = fmt.Sprintf("shown by filter %q", msg.filter)
		}
		m.confirm = &confirmation{prompt: fmt.Sprintf("Replay %s %s?", plural(len(msg.ids), "failed document"), what),
			run: m.replay(msg.ids)}
	}
}

func (m *Model) replay(ids []int64) tea.Cmd {
	a := m.o.Actions
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		n, err := a.Replay(ctx, ids)
		if err != nil {
			return actionMsg{text: "replay failed", err: err}
		}
		text := fmt.Sprintf("replayed %s: back in the queue, the engine takes it up within a second", plural(n, "document"))
		if n < len(ids) {
			text += fmt.Sprintf(" (%d had left the failed queue already)", len(ids)-n)
		}
		return actionMsg{text: text}
	}
}

// togglePause pauses or resumes the poller through its control setting,
// which the poller reads before every poll, here or in the daemon.
func (m *Model) togglePause() tea.Cmd {
	paused := m.snap.controls[core.ControlPollerPaused] == "1"
	a := m.o.Actions
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		if err := a.SetPollerPaused(ctx, !paused); err != nil {
			return actionMsg{text: "cannot change the poller", err: err}
		}
		if paused {
			return actionMsg{text: "poller resumed"}
		}
		return actionMsg{text: "poller paused: no new documents are read from Sage X3 until p resumes it"}
	}
}

func (m *Model) pollNow() tea.Cmd {
	if m.snap.controls[core.ControlPollerPaused] == "1" {
		m.say("the poller is paused: p resumes it", nil)
		return nil
	}
	a := m.o.Actions
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		if err := a.PollNow(ctx); err != nil {
			return actionMsg{text: "cannot request a poll", err: err}
		}
		return actionMsg{text: "poll of Sage X3 requested"}
	}
}
