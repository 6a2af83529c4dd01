package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/store"
)

// detail is the record view: a purchase order's timeline across its
// documents and the payloads, one scrollable pane at a time.
type detail struct {
	docID   int64
	store   Store
	loc     *time.Location
	tl      store.Timeline
	loaded  bool
	err     error
	panes   []pane
	active  int
	offsets map[int]int // scroll position per pane, kept across reloads
	vp      viewport.Model
	gate    gate
	w, h    int
	now     func() time.Time // the axes' clock (the UI's)
}

func newDetail(docID int64, s Store, loc *time.Location, w, h int) *detail {
	d := &detail{docID: docID, store: s, loc: loc, offsets: map[int]int{}, vp: viewport.New(w, max(1, h-2)), now: time.Now}
	d.resize(w, h)
	return d
}

// load re-reads the timeline; the record view follows the engine too.
func (d *detail) load() tea.Cmd {
	if !d.gate.enter() {
		return nil
	}
	id, s := d.docID, d.store
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		tl, err := s.Timeline(ctx, id)
		return timelineMsg{docID: id, tl: tl, err: err}
	}
}

func (d *detail) onTimeline(msg timelineMsg) tea.Cmd {
	if msg.docID != d.docID {
		return nil
	}
	again := d.gate.leave()
	d.loaded, d.err = true, msg.err
	if msg.err == nil {
		d.tl = msg.tl
		d.rebuild()
	}
	if again {
		return d.load()
	}
	return nil
}

func (d *detail) resize(w, h int) {
	d.w, d.h = w, h
	d.vp.Width, d.vp.Height = w, max(1, h-2)
	if d.loaded {
		d.rebuild()
	}
}

// rebuild renders the panes for the current width and restores the
// active pane's scroll position.
func (d *detail) rebuild() {
	d.offsets[d.active] = d.vp.YOffset
	d.panes = buildPanes(d.tl, d.w, d.loc, d.now())
	d.active = min(d.active, len(d.panes)-1)
	d.show()
}

func (d *detail) show() {
	if len(d.panes) == 0 {
		return
	}
	d.vp.SetContent(d.panes[d.active].body)
	d.vp.SetYOffset(d.offsets[d.active])
}

func (d *detail) switchTo(i int) {
	if i < 0 || i >= len(d.panes) || i == d.active {
		return
	}
	d.offsets[d.active] = d.vp.YOffset
	d.active = i
	d.show()
}

// key handles the record view's keys; ok is false for keys it leaves to
// the rest of the UI (esc, q, ?, actions).
func (d *detail) key(k keyMap, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, k.NextPane):
		d.switchTo((d.active + 1) % max(1, len(d.panes)))
	case key.Matches(msg, k.PrevPane):
		d.switchTo((d.active + len(d.panes) - 1) % max(1, len(d.panes)))
	case len(msg.Runes) == 1 && msg.Runes[0] >= '1' && msg.Runes[0] <= '9':
		d.switchTo(int(msg.Runes[0] - '1'))
	case key.Matches(msg, k.Down):
		d.vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		d.vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		d.vp.PageDown()
	case key.Matches(msg, k.PageUp):
		d.vp.PageUp()
	case key.Matches(msg, k.Top):
		d.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		d.vp.GotoBottom()
	default:
		return false
	}
	return true
}

// focus is the document the view was opened on, for r.
func (d *detail) focus() (docState string, ok bool) {
	for _, doc := range d.tl.Documents {
		if doc.ID == d.docID {
			return string(doc.State), true
		}
	}
	return "", false
}

func (d *detail) view() string {
	title := fmt.Sprintf("Record #%d", d.docID)
	if d.tl.PONumber != "" {
		title = "PO " + d.tl.PONumber
	}
	if n := len(d.tl.Documents); n > 0 {
		title += fmt.Sprintf(" · %s · supplier %s", plural(n, "document"), orDash(d.tl.Documents[0].Supplier))
	}
	top := spread(styleTitle.Render(title), styleDim.Render("esc back · tab/1-9 panes · j/k scroll"), d.w)
	switch {
	case d.err != nil:
		return padLines(top+"\n"+styleBad.Render("cannot read: "+oneLine(d.err.Error())), d.w, d.h)
	case !d.loaded:
		return padLines(top+"\n"+styleDim.Render("loading…"), d.w, d.h)
	}
	var tabs []string
	for i, p := range d.panes {
		label := fmt.Sprintf("%d %s", i+1, p.title)
		if p.count > 0 && i > 0 {
			label += fmt.Sprintf(" (%d)", p.count)
		}
		switch {
		case i == d.active:
			tabs = append(tabs, styleTabOn.Render("["+label+"]"))
		case p.count == 0:
			tabs = append(tabs, styleDim.Render(" "+label+" "))
		default:
			tabs = append(tabs, " "+label+" ")
		}
	}
	bar := cut(strings.Join(tabs, " "), d.w)
	if !d.vp.AtBottom() || d.vp.YOffset > 0 {
		bar = spread(strings.Join(tabs, " "), styleDim.Render(fmt.Sprintf("%3.0f%%", d.vp.ScrollPercent()*100)), d.w)
	}
	return padLines(top+"\n"+bar+"\n"+d.vp.View(), d.w, d.h)
}
