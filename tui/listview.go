package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// startFilter opens the filter line with the current filter in it.
func (l *list[T]) startFilter() tea.Cmd {
	l.editing = true
	// A kept filter reopens with a space after it, so what is typed next
	// is a term of its own ("kind:850 po:X", not "kind:850po:X").
	v := l.filter
	if v != "" && !strings.HasSuffix(v, " ") {
		v += " "
	}
	l.input.SetValue(v)
	l.input.CursorEnd()
	return l.input.Focus()
}

// editFilter handles a key while the filter line is open: the list
// narrows as the operator types; enter keeps the filter, esc clears it.
func (l *list[T]) editFilter(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEnter:
		l.editing = false
		l.input.Blur()
		return nil
	case tea.KeyEsc:
		l.editing = false
		l.input.Blur()
		return l.setFilter("")
	}
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	if l.input.Value() != l.filter {
		return tea.Batch(cmd, l.setFilter(l.input.Value()))
	}
	return cmd
}

// filterState is the filter, whether it is being typed, and its input line.
func (l *list[T]) filterState() (text string, editing bool, line string) {
	return l.filter, l.editing, l.input.View()
}

func (l *list[T]) setFilter(f string) tea.Cmd {
	l.filter = f
	return l.load(pageReq{})
}

// view renders the list in w×h cells: a title, column heads, the rows.
func (l *list[T]) view(w, h int) string {
	lines := []string{l.titleLine(w), styleColHead.Render(cut("  "+l.head(w-2), w))}
	for i, r := range l.rows {
		if len(lines) >= h {
			break
		}
		if i == l.cursor {
			lines = append(lines, styleSelected.Render(fit("▸ "+ansi.Strip(l.render(r, w-2)), w)))
			continue
		}
		lines = append(lines, "  "+l.render(r, w-2))
	}
	switch {
	case l.err != nil:
		lines = append(lines, styleBad.Render(cut("  cannot read: "+oneLine(l.err.Error()), w)))
	case !l.loaded:
		lines = append(lines, styleDim.Render("  loading…"))
	case len(l.rows) == 0 && l.filter != "":
		lines = append(lines, styleDim.Render(cut(fmt.Sprintf("  nothing matches %q (esc clears the filter)", l.filter), w)))
	case len(l.rows) == 0:
		lines = append(lines, styleDim.Render(cut("  "+l.empty, w)))
	}
	return padLines(joinLines(lines), w, h)
}

func (l *list[T]) titleLine(w int) string {
	left := styleTitle.Render(l.title)
	if l.filter != "" {
		left += styleWarn.Render("  filter: " + l.filter)
	}
	var right string
	switch {
	case l.anchor == 0 && l.more:
		right = "newest first · more below"
	case l.anchor == 0:
		right = "newest first"
	case l.more:
		right = "scrolled · g back to newest · more below"
	default:
		right = "scrolled · g back to newest · end"
	}
	return spread(left, styleDim.Render(right), w)
}
