package tui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/core"
)

// newReviewList makes the review view: the changes suppliers' 855s
// propose (quantity, price, date), newest first, what X3 holds beside
// what the supplier proposes, and the buyer's decision. now is the
// model's clock reading, for the age column (View reads no clock).
func newReviewList(id int, s Store, loc *time.Location, now func() time.Time) *list[core.ProposedChange] {
	l := &list[core.ProposedChange]{id: id, title: "Review · suppliers' changes from 855s", empty: "no supplier has proposed a change",
		fetch: s.ReviewPage, rowID: func(c core.ProposedChange) int64 { return c.ID }}
	// Narrow screens drop the supplier: the PO names it, and the
	// decision keeps room to be read.
	wide := func(w int) bool { return w >= 110 }
	widths := func(w int) []int {
		if wide(w) {
			return []int{6, 13, 5, 8, 13, 13, 10, 7, 0}
		}
		return []int{4, 11, 5, 8, 10, 10, 6, 0}
	}
	cells := func(w int, c ...string) []string {
		if !wide(w) {
			c = append(c[:6], c[7:]...)
		}
		return c
	}
	l.head = func(w int) string {
		return columns(w, cells(w, "ID", "PO", "LINE", "FIELD", "X3 HAS", "PROPOSED", "SUPPLIER", "AGE", "DECISION"), widths(w))
	}
	l.render = func(c core.ProposedChange, w int) string {
		return columns(w, cells(w, strconv.FormatInt(c.ID, 10), c.PONumber, strconv.Itoa(c.Line), c.Field,
			c.CurrentText(), c.ProposedText(), c.Supplier, shortDur(now().Sub(c.CreatedAt)),
			decisionStyle(c).Render(decisionText(c, wide(w)))), widths(w))
	}
	l.init()
	l.input.Placeholder = "po:PO123 supplier:S state:pending,accepted or any text"
	return l
}

// decisionText is the decision in full, or on a narrow screen the
// word that matters (only an accepted change is written; the record's
// trail names who decided).
func decisionText(c core.ProposedChange, full bool) string {
	if full || c.Decision != core.DecisionAccepted {
		if !full && c.Decision == core.DecisionRejected {
			return "rejected"
		}
		return c.Status()
	}
	switch c.WriteState {
	case core.StateApplied:
		return "written"
	case core.StateFailed:
		return "write failed"
	}
	return "to write"
}

func decisionStyle(c core.ProposedChange) lipgloss.Style {
	switch {
	case c.Decision == core.DecisionPending:
		return styleWarn
	case c.WriteState == core.StateFailed:
		return styleBad
	case c.Decision == core.DecisionAccepted && c.WriteState == core.StateApplied:
		return styleGood
	case c.Decision == core.DecisionAccepted:
		return styleBusy
	}
	return styleDim
}

// askDecide asks to accept (write into X3) or reject the selected change.
func (m *Model) askDecide(accept bool) tea.Cmd {
	if m.active != viewReview || m.detail != nil {
		m.say("a and x decide a supplier's change: 8 lists them", nil)
		return nil
	}
	c, ok := m.review.selected()
	switch {
	case !ok:
		m.say("no supplier change to decide here", nil)
		return nil
	case c.Decision != core.DecisionPending:
		m.say(fmt.Sprintf("change %d is decided already: %s", c.ID, c.Status()), nil)
		return nil
	}
	verb, effect := "Accept", "write it into Sage X3"
	if !accept {
		verb, effect = "Reject", "write nothing"
	}
	prompt := fmt.Sprintf("%s change %d, %s (%s)?", verb, c.ID, c.Describe(), effect)
	m.confirm = &confirmation{prompt: prompt, run: m.decide(c.ID, accept, m.engineRuns())}
	return nil
}

// engineRuns reports whether an engine will pick a decision up: this
// process's, or a daemon whose heartbeat is fresh.
func (m *Model) engineRuns() bool {
	return !m.o.Attached || (m.snap.engineKnown && m.snap.engine.Fresh(m.now))
}

func (m *Model) decide(id int64, accept, engine bool) tea.Cmd {
	a := m.o.Actions
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		c, err := a.DecideChange(ctx, id, accept)
		switch {
		case err != nil:
			return actionMsg{text: "cannot record the decision", err: err}
		case !accept:
			return actionMsg{text: fmt.Sprintf("change %d rejected: nothing is written to Sage X3", c.ID)}
		case !engine:
			return actionMsg{text: fmt.Sprintf("change %d accepted; no engine runs on this database: it is written (document %d) when one starts",
				c.ID, c.WriteDocID)}
		}
		return actionMsg{text: fmt.Sprintf("change %d accepted: the engine writes it into Sage X3 within a second (document %d)", c.ID, c.WriteDocID)}
	}
}
