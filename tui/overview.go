package tui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// overviewFailures is how many of the latest failures the overview lists.
const overviewFailures = 8

// overview shows the queues by kind and state, documents per hour and
// the latest failures, which the cursor moves through.
type overview struct {
	cursor int
}

func (o *overview) move(k keyMap, msg tea.KeyMsg, n int) bool {
	switch {
	case key.Matches(msg, k.Down):
		o.cursor++
	case key.Matches(msg, k.Up):
		o.cursor--
	case key.Matches(msg, k.Top, k.PageUp):
		o.cursor = 0
	case key.Matches(msg, k.Bottom, k.PageDown):
		o.cursor = n - 1
	default:
		return false
	}
	o.cursor = max(0, min(o.cursor, n-1))
	return true
}

func (o *overview) selected(s snapshot) (core.Document, bool) {
	if o.cursor < 0 || o.cursor >= len(s.failures) {
		return core.Document{}, false
	}
	return s.failures[o.cursor], true
}

func (o overview) view(s snapshot, w, h int, now time.Time, loc *time.Location) string {
	lines := queueTable(s.counts, w)
	lines = append(lines, "")
	lines = append(lines, hourTable(s.hours, w, now, loc)...)
	lines = append(lines, "", spread(styleTitle.Render("Latest failures"), styleDim.Render("enter opens · r replays · 4 lists them all"), w))
	if len(s.failures) == 0 {
		lines = append(lines, styleGood.Render("  none: nothing waits for an operator"))
	}
	cur := max(0, min(o.cursor, len(s.failures)-1))
	for i, d := range s.failures {
		row := columns(w-2, []string{strconv.FormatInt(d.ID, 10), string(d.Kind), d.PONumber, d.Supplier,
			stamp(d.UpdatedAt, loc, false), oneLine(d.LastError)}, []int{6, 4, 13, 10, 8, 0})
		if i == cur {
			lines = append(lines, styleSelected.Render(fit("▸ "+ansi.Strip(row), w)))
			continue
		}
		lines = append(lines, "  "+row)
	}
	return padLines(joinLines(lines), w, h)
}

// queueTable lays out document counts: a row per kind, a column per state
// that occurs, states in queue order so new ones fit in without code.
func queueTable(counts []store.StateCount, w int) []string {
	byKind := map[core.Kind]map[core.State]int{}
	seen := map[core.State]bool{}
	for _, c := range counts {
		if byKind[c.Kind] == nil {
			byKind[c.Kind] = map[core.State]int{}
		}
		byKind[c.Kind][c.State] += c.Count
		seen[c.State] = true
	}
	states := make([]core.State, 0, len(seen))
	for st := range seen {
		states = append(states, st)
	}
	sortStates(states)
	kinds := make([]core.Kind, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })

	head := fit("Queues", 12)
	for _, st := range states {
		head += " " + fitRight(string(st), max(6, len(st)))
	}
	lines := []string{cut(styleTitle.Render(head), w)}
	if len(kinds) == 0 {
		return append(lines, styleDim.Render("  no documents yet: the first poll of Sage X3 fills this"))
	}
	for _, k := range kinds {
		row := fit("  "+string(k)+" "+kindDirection(k), 12)
		for _, st := range states {
			n := byKind[k][st]
			cell := fitRight(strconv.Itoa(n), max(6, len(st)))
			if n > 0 {
				cell = stateStyle(string(st)).Render(cell)
			} else {
				cell = styleDim.Render(cell)
			}
			row += " " + cell
		}
		lines = append(lines, ansi.Truncate(row, w, "…"))
	}
	return lines
}

// kindDirection names the direction of the kinds this UI knows.
func kindDirection(k core.Kind) string {
	switch k {
	case core.Kind850, core.Kind810:
		return "out"
	case core.Kind855, core.Kind856, core.Kind997, core.Kind999:
		return "in"
	}
	return ""
}

// hourTable shows documents created per hour, the current hour last, as
// many hours as fit (up to a day).
func hourTable(hours []store.HourCount, w int, now time.Time, loc *time.Location) []string {
	n := max(1, min(24, (w-8)/5))
	cur := now.Truncate(time.Hour)
	out, in := map[int64]int{}, map[int64]int{}
	for _, h := range hours {
		if h.Direction == core.Inbound {
			in[h.Hour.Unix()] += h.Count
		} else {
			out[h.Hour.Unix()] += h.Count
		}
	}
	head := fit("", 6)
	rowOut, rowIn := fit("  out", 6), fit("  in", 6)
	for i := n - 1; i >= 0; i-- {
		t := cur.Add(-time.Duration(i) * time.Hour)
		head += fitRight(t.In(loc).Format("15")+"h", 5)
		rowOut += fitRight(countCell(out[t.Unix()]), 5)
		rowIn += fitRight(countCell(in[t.Unix()]), 5)
	}
	title := spread(styleTitle.Render("Documents per hour"), styleDim.Render(fmt.Sprintf("created, last %d h", n)), w)
	return []string{title, styleDim.Render(head), rowOut, rowIn}
}

func countCell(n int) string {
	if n == 0 {
		return "·"
	}
	return strconv.Itoa(n)
}

// queueTotals sums counts per state across kinds, in queue order, for
// the header.
func queueTotals(counts []store.StateCount) string {
	tot := map[core.State]int{}
	for _, c := range counts {
		tot[c.State] += c.Count
	}
	states := make([]core.State, 0, len(tot))
	for st := range tot {
		states = append(states, st)
	}
	sortStates(states)
	var parts []string
	for _, st := range states {
		parts = append(parts, stateStyle(string(st)).Render(fmt.Sprintf("%s %d", st, tot[st])))
	}
	if len(parts) == 0 {
		return styleDim.Render("no documents yet")
	}
	return strings.Join(parts, "  ")
}

// sortStates puts states in queue order, unknown ones after, by name.
func sortStates(states []core.State) {
	sort.Slice(states, func(i, j int) bool {
		ri, rj := stateRank(string(states[i])), stateRank(string(states[j]))
		if ri != rj {
			return ri < rj
		}
		return states[i] < states[j]
	})
}
