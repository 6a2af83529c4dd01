package tui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/store"
)

// queryTimeout bounds one page load; a locked database must not freeze
// the screen's data forever, only delay it.
const queryTimeout = 5 * time.Second

// fetchFunc loads one keyset page of rows.
type fetchFunc[T any] func(ctx context.Context, m store.Match, p store.Page) ([]T, error)

// list is a keyset-paged list: it holds one screenful of rows and an
// anchor, the id of the newest row shown (0 while it follows the newest
// rows). Moving past either edge loads the neighbouring rows by id, so
// paging costs the same on the millionth row as on the first.
type list[T any] struct {
	id     int
	title  string
	base   store.Match
	fetch  fetchFunc[T]
	rowID  func(T) int64
	head   func(w int) string
	render func(r T, w int) string
	empty  string // what an empty list says

	rows     []T
	anchor   int64
	more     bool // older rows exist below the page
	cursor   int
	height   int
	seq      int
	gate     gate
	loaded   bool
	err      error
	filter   string
	input    textinput.Model
	editing  bool
	throttle                    // an expensive filter is re-read less often (see refresh)
	stop     context.CancelFunc // interrupts the load in flight
}

func (l *list[T]) init() {
	l.input = textinput.New()
	l.input.Prompt = "/"
	l.input.Placeholder = "po:PO123 supplier:S kind:850 state:failed or any text"
	l.input.Cursor.SetMode(cursor.CursorStatic)
	l.height = 10
}

// match is what the list shows: its view narrowed by the operator's filter.
func (l *list[T]) match() store.Match { return within(l.base, parseFilter(l.filter)) }

// pageReq says which page to load and where the cursor goes.
type pageReq struct {
	at     int64 // show ids up to this one (0: the newest)
	from   int64 // with up: the id of the row now on top
	up     int   // first move this many rows towards the newest
	oldest bool  // the last page
	cursor int
	keep   int64 // keep this row selected if it is on the page
}

// load starts loading req; a newer request makes older answers stale.
func (l *list[T]) load(req pageReq) tea.Cmd {
	l.seq++
	l.gate.force()
	// A superseded load is interrupted: typing a filter over a million
	// audit rows must not leave one scan running per key press.
	if l.stop != nil {
		l.stop()
	}
	ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
	l.stop = cancel
	seq, m, h, fetch, rowID, id := l.seq, l.match(), l.height, l.fetch, l.rowID, l.id
	took := l.stopwatch()
	return func() tea.Msg {
		defer cancel()
		rows, anchor, more, err := loadPage(ctx, fetch, rowID, m, req, h)
		return pageMsg{list: id, seq: seq, rows: rows, anchor: anchor, more: more, cursor: req.cursor, keep: req.keep,
			err: err, cost: took()}
	}
}

// loadPage resolves req into one page of at most h rows, newest first.
func loadPage[T any](ctx context.Context, fetch fetchFunc[T], rowID func(T) int64, m store.Match, req pageReq, h int) ([]T, int64, bool, error) {
	anchor := req.at
	switch {
	case req.oldest:
		last, err := fetch(ctx, m, store.Page{Oldest: true, Limit: h})
		if err != nil {
			return nil, 0, false, err
		}
		anchor = 0
		if len(last) == h { // fewer: every row fits, so the page follows the newest
			anchor = rowID(last[0])
		}
	case req.up > 0:
		// One row more than asked tells whether the page reaches the newest.
		above, err := fetch(ctx, m, store.Page{After: req.from, Limit: req.up + 1})
		if err != nil {
			return nil, 0, false, err
		}
		anchor = 0
		if len(above) > req.up {
			anchor = rowID(above[1]) // newest first: above[1] is req.up rows up
		}
	}
	p := store.Page{Limit: h + 1}
	if anchor > 0 {
		p.Before = anchor + 1
	}
	rows, err := fetch(ctx, m, p)
	if err != nil {
		return nil, anchor, false, err
	}
	more := len(rows) > h
	if more {
		rows = rows[:h]
	}
	return rows, anchor, more, nil
}

// refresh re-reads the visible page, keeping the selected row.
func (l *list[T]) refresh() tea.Cmd {
	if l.skip() {
		return nil
	}
	if !l.gate.enter() {
		return nil
	}
	req := pageReq{at: l.anchor, cursor: l.cursor}
	// On the newest row of a page that follows the newest, the cursor
	// stays on top, like tail -f; anywhere else it keeps its row.
	if r, ok := l.selected(); ok && (l.anchor != 0 || l.cursor != 0) {
		req.keep = l.rowID(r)
	}
	return l.load(req)
}

// onPage takes a loaded page; stale answers are dropped.
func (l *list[T]) onPage(msg pageMsg) tea.Cmd {
	if msg.seq != l.seq {
		return nil
	}
	again := l.gate.leave()
	l.loaded, l.err = true, msg.err
	l.noteLoad(msg.cost)
	if msg.err == nil {
		before := len(l.rows)
		l.rows, _ = msg.rows.([]T)
		l.anchor, l.more = msg.anchor, msg.more
		l.cursor = msg.cursor
		kept := false
		for i, r := range l.rows {
			if msg.keep != 0 && l.rowID(r) == msg.keep {
				l.cursor, kept = i, true
			}
		}
		l.cursor = max(0, min(l.cursor, len(l.rows)-1))
		lost := msg.keep != 0 && !kept && len(l.rows) < before
		if l.anchor != 0 && !l.more && (len(l.rows) == 0 || lost) {
			return l.refill()
		}
	}
	if again {
		return l.refresh()
	}
	return nil
}

// refill shows the last full page when a scrolled page at the end of the
// list lost its selected row (a replay took it out of the failed queue),
// keeping the selection near: a page left with fewer rows, or none, would
// hide the rows above it.
func (l *list[T]) refill() tea.Cmd {
	req := pageReq{oldest: true, cursor: l.height}
	if r, ok := l.selected(); ok {
		req.keep = l.rowID(r)
	}
	return l.load(req)
}

func (l *list[T]) selected() (T, bool) {
	var zero T
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return zero, false
	}
	return l.rows[l.cursor], true
}

// setHeight sizes the page; a new size needs a new page.
func (l *list[T]) setHeight(h int) tea.Cmd {
	h = max(1, h)
	if h == l.height && l.loaded {
		return nil
	}
	l.height = h
	return l.load(pageReq{at: l.anchor, cursor: l.cursor})
}

// move handles the movement keys; ok is false for any other key.
func (l *list[T]) move(k keyMap, msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	n := len(l.rows)
	switch {
	case key.Matches(msg, k.Down):
		if l.cursor < n-1 {
			l.cursor++
		} else if l.more && n > 1 {
			return l.load(pageReq{at: l.rowID(l.rows[1]), cursor: n - 1}), true
		}
	case key.Matches(msg, k.Up):
		if l.cursor > 0 {
			l.cursor--
		} else if l.anchor != 0 && n > 0 {
			return l.load(pageReq{from: l.rowID(l.rows[0]), up: 1}), true
		}
	case key.Matches(msg, k.PageDown):
		if l.more && n > 0 {
			return l.load(pageReq{at: l.rowID(l.rows[n-1]) - 1, cursor: l.cursor}), true
		}
		l.cursor = max(0, n-1)
	case key.Matches(msg, k.PageUp):
		if l.anchor != 0 && n > 0 {
			return l.load(pageReq{from: l.rowID(l.rows[0]), up: l.height, cursor: l.cursor}), true
		}
		l.cursor = 0
	case key.Matches(msg, k.Top):
		return l.load(pageReq{}), true
	case key.Matches(msg, k.Bottom):
		return l.load(pageReq{oldest: true, cursor: l.height}), true
	default:
		return nil, false
	}
	return nil, true
}
