package tui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// board is a view of a few hundred rows at most, loaded whole and sorted
// by the store (the overdue list, the partner scorecard): a cursor, no
// paging, no filter.
type board[T any] struct {
	id     int
	title  string
	hint   string // keys shown on the title line
	empty  string
	fetch  func(ctx context.Context, now time.Time) ([]T, error)
	head   func(w int) string
	render func(r T, w int) string

	rows   []T
	cursor int
	loaded bool
	err    error
	gate   gate
	// cost is how long the last load took, loadedAt when it came: a board
	// over a large database (the scorecard) is re-read less often.
	cost     time.Duration
	loadedAt time.Time
}

// boardMsg carries a board's rows.
type boardMsg struct {
	board int
	rows  any
	err   error
	cost  time.Duration
}

// refresh loads the rows at now; a load in flight absorbs the request.
func (b *board[T]) refresh(now time.Time) tea.Cmd {
	if b.cost > slowPage && time.Since(b.loadedAt) < 5*b.cost {
		return nil
	}
	if !b.gate.enter() {
		return nil
	}
	id, fetch := b.id, b.fetch
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		start := time.Now()
		rows, err := fetch(ctx, now)
		return boardMsg{board: id, rows: rows, err: err, cost: time.Since(start)}
	}
}

// onRows takes loaded rows; true when another load was asked for meanwhile.
func (b *board[T]) onRows(msg boardMsg) bool {
	again := b.gate.leave()
	b.loaded, b.err = true, msg.err
	b.cost, b.loadedAt = msg.cost, time.Now()
	if msg.err == nil {
		b.rows, _ = msg.rows.([]T)
		b.cursor = max(0, min(b.cursor, len(b.rows)-1))
	}
	return again
}

func (b *board[T]) selected() (T, bool) {
	var zero T
	if b.cursor < 0 || b.cursor >= len(b.rows) {
		return zero, false
	}
	return b.rows[b.cursor], true
}

// move handles the movement keys over the loaded rows.
func (b *board[T]) move(k keyMap, msg tea.KeyMsg, h int) {
	switch {
	case key.Matches(msg, k.Down):
		b.cursor++
	case key.Matches(msg, k.Up):
		b.cursor--
	case key.Matches(msg, k.PageDown):
		b.cursor += max(1, h-2)
	case key.Matches(msg, k.PageUp):
		b.cursor -= max(1, h-2)
	case key.Matches(msg, k.Top):
		b.cursor = 0
	case key.Matches(msg, k.Bottom):
		b.cursor = len(b.rows) - 1
	}
	b.cursor = max(0, min(b.cursor, len(b.rows)-1))
}

// view renders the title, the column heads and the rows around the cursor.
func (b *board[T]) view(w, h int) string {
	lines := []string{spread(styleTitle.Render(b.title), styleDim.Render(b.hint), w), styleColHead.Render(cut("  "+b.head(w-2), w))}
	first := max(0, b.cursor-(h-3))
	for i := first; i < len(b.rows) && len(lines) < h; i++ {
		if i == b.cursor {
			lines = append(lines, styleSelected.Render(fit("▸ "+ansi.Strip(b.render(b.rows[i], w-2)), w)))
			continue
		}
		lines = append(lines, "  "+b.render(b.rows[i], w-2))
	}
	switch {
	case b.err != nil:
		lines = append(lines, styleBad.Render(cut("  cannot read: "+oneLine(b.err.Error()), w)))
	case !b.loaded:
		lines = append(lines, styleDim.Render("  loading…"))
	case len(b.rows) == 0:
		lines = append(lines, styleDim.Render(cut("  "+b.empty, w)))
	}
	return padLines(joinLines(lines), w, h)
}
