package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/core"
)

// View draws the screen from the model alone: no query, no clock.
func (m *Model) View() string {
	lines := header(m.snap, &m.o, m.now, m.w)
	if m.snapErr != nil {
		lines[len(lines)-1] = styleBad.Render(cut("cannot read the database: "+oneLine(m.snapErr.Error()), m.w))
	}
	lines = append(lines, m.tabs())
	h := m.bodyHeight()
	var body string
	switch {
	case m.help:
		body = m.helpView(h)
	case m.detail != nil:
		body = m.detail.view()
	case m.active == viewOverview && !m.snapLoaded:
		body = styleDim.Render("loading…")
	case m.active == viewOverview:
		body = m.over.view(m.snap, m.w, h, m.now, m.o.Location)
	case m.active == viewAudit:
		body = m.audit.view(m.w, h)
	case m.active == viewReview:
		body = m.review.view(m.w, h)
	case m.active == viewOverdue:
		body = m.overdue.view(m.w, h)
	case m.active == viewPartners:
		body = m.partners.view(m.w, h)
	default:
		body = m.docs[m.active].view(m.w, h)
	}
	lines = append(lines, padLines(body, m.w, h), m.footer())
	return strings.Join(lines, "\n")
}

func (m *Model) tabs() string {
	failed := 0
	for _, c := range m.snap.counts {
		if c.State == core.StateFailed {
			failed += c.Count
		}
	}
	counts := map[int]int{viewFailed: failed, viewOverdue: m.snap.overdue, viewReview: m.snap.reviews}
	// Eight tabs with their counts pass 80 columns: without padding, then
	// numbers only (the active view keeps its name), whichever fits first.
	var padded, tight, numbers []string
	for i, name := range viewNames {
		label, short := fmt.Sprintf("%d %s", i+1, name), strconv.Itoa(i+1)
		if n := counts[i]; n > 0 {
			label, short = label+fmt.Sprintf(" (%d)", n), short+fmt.Sprintf("(%d)", n)
		}
		if i == m.active {
			on := styleTabOn.Render("[" + label + "]")
			padded, tight, numbers = append(padded, on), append(tight, on), append(numbers, on)
			continue
		}
		padded, tight, numbers = append(padded, " "+label+" "), append(tight, label), append(numbers, short)
	}
	line := strings.Join(padded, " ")
	for _, alt := range [][]string{tight, numbers} {
		if lipgloss.Width(line) > m.w {
			line = strings.Join(alt, " ")
		}
	}
	return styleBar.Render(fit(line, m.w))
}

// footer is the confirmation, the filter line, or the last message with
// the keys that matter here.
func (m *Model) footer() string {
	switch {
	case m.confirm != nil:
		return styleWarn.Render(cut(m.confirm.prompt+"  y confirms · any other key cancels", m.w))
	case m.filterLine() != "":
		return cut(m.filterLine(), m.w)
	}
	keys := "j/k move · / filter · enter open · r replay · p pause · ? keys · q quit"
	if m.detail != nil {
		keys = "esc back · tab panes · j/k scroll · r replay · ? keys · q quit"
	} else if m.active == viewReview {
		keys = "j/k move · a accept · x reject · / filter · enter the 855 · ? keys · q quit"
	}
	if m.status == "" {
		return styleDim.Render(cut(keys, m.w))
	}
	msg := m.status
	if m.statusBad {
		msg = styleBad.Render(msg)
	} else {
		msg = styleGood.Render(msg)
	}
	return cut(msg, m.w)
}

func (m *Model) filterLine() string {
	if l := m.activeList(); l != nil && m.detail == nil {
		if _, editing, line := l.filterState(); editing {
			return line
		}
	}
	return ""
}

// helpKeyWidth is the key column of the help screen.
const helpKeyWidth = 14

// helpView lists every key, in groups packed into as many columns as
// the screen needs, so it fits 80x24.
func (m *Model) helpView(h int) string {
	var blocks [][]string
	for _, g := range helpGroups() {
		b := []string{styleTitle.Render(g.title)}
		for _, l := range g.lines {
			b = append(b, "  "+fit(l[0], helpKeyWidth)+l[1])
		}
		blocks = append(blocks, b)
	}
	title := styleTitle.Render("Keys") + styleDim.Render("  ? or esc closes")
	cols := packColumns(blocks, h-2)
	colW := m.w / max(1, len(cols))
	rows := []string{title, ""}
	for i := 0; i < h-2; i++ {
		var b strings.Builder
		for c, col := range cols {
			cell := ""
			if i < len(col) {
				cell = col[i]
			}
			if c < len(cols)-1 {
				cell = fit(cell, colW)
			}
			b.WriteString(cell)
		}
		rows = append(rows, b.String())
	}
	return padLines(strings.Join(rows, "\n"), m.w, h)
}

// packColumns fills columns of height h with whole blocks, in order,
// separated by a blank line.
func packColumns(blocks [][]string, h int) [][]string {
	var cols [][]string
	var cur []string
	for _, b := range blocks {
		need := len(b)
		if len(cur) > 0 {
			need++
		}
		if len(cur) > 0 && len(cur)+need > h {
			cols, cur = append(cols, cur), nil
		}
		if len(cur) > 0 {
			cur = append(cur, "")
		}
		cur = append(cur, b...)
	}
	return append(cols, cur)
}
