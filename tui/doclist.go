package tui

import (
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// docColumn is one column of the document lists; minW is the list width
// from which it shows, so 80 columns keep what matters most.
type docColumn struct {
	title string
	width int // 0: the rest of the line
	minW  int
	cell  func(d core.Document, loc *time.Location, wide bool) string
}

var docColumns = []docColumn{
	{"ID", 6, 0, func(d core.Document, _ *time.Location, _ bool) string { return strconv.FormatInt(d.ID, 10) }},
	{"KIND", 7, 0, func(d core.Document, _ *time.Location, _ bool) string { return kindCell(d) }},
	{"PO", 13, 0, func(d core.Document, _ *time.Location, _ bool) string { return d.PONumber }},
	{"REV", 3, 100, func(d core.Document, _ *time.Location, _ bool) string { return strconv.Itoa(d.Revision) }},
	{"STATE", 11, 0, func(d core.Document, _ *time.Location, _ bool) string {
		return stateStyle(string(d.State)).Render(string(d.State))
	}},
	{"TRY", 3, 0, func(d core.Document, _ *time.Location, _ bool) string { return strconv.Itoa(d.Attempts) }},
	{"SUPPLIER", 10, 0, func(d core.Document, _ *time.Location, _ bool) string { return d.Supplier }},
	{"PARTNER", 14, 110, func(d core.Document, _ *time.Location, _ bool) string { return d.PartnershipID }},
	{"UPDATED", 8, 0, func(d core.Document, loc *time.Location, wide bool) string { return stamp(d.UpdatedAt, loc, wide) }},
	{"LAST ERROR", 0, 0, func(d core.Document, _ *time.Location, _ bool) string { return oneLine(d.LastError) }},
}

// kindCell shows the set a document is (860 for a PO's change order) with
// its purpose when it is not an original (850/05 replacement, 850/01 and
// 860/01 cancellation, 860/04 change), and marks a test document (ISA15
// T, Stedi mode test) with a T, so it is never taken for a production one.
func kindCell(d core.Document) string {
	kind := string(d.SetOf())
	switch d.Purpose {
	case "", core.PurposeOriginal:
	case core.PurposeCancel:
		kind += styleWarn.Render("/" + d.Purpose)
	default:
		kind += "/" + d.Purpose
	}
	if d.Test {
		return kind + styleWarn.Render("T")
	}
	return kind
}

// stamp shows a time: the clock only on narrow screens, with the date on wide ones.
func stamp(t time.Time, loc *time.Location, wide bool) string {
	if t.IsZero() {
		return "—"
	}
	if wide {
		return t.In(loc).Format("01-02 15:04:05")
	}
	return t.In(loc).Format("15:04:05")
}

func visibleDocColumns(set []docColumn, w int) ([]docColumn, []int, bool) {
	wide := w >= 110
	var cols []docColumn
	var widths []int
	for _, c := range set {
		if w < c.minW {
			continue
		}
		cw := c.width
		if c.title == "UPDATED" && wide {
			cw = 14
		}
		cols, widths = append(cols, c), append(widths, cw)
	}
	return cols, widths, wide
}

// newDocList makes the list of one document view.
func newDocList(id int, title, empty string, base store.Match, s Store, loc *time.Location) *list[core.Document] {
	l := &list[core.Document]{id: id, title: title, base: base, empty: empty, fetch: s.DocumentPage,
		rowID: func(d core.Document) int64 { return d.ID }}
	setColumns(l, docColumns, loc)
	l.init()
	return l
}

// setColumns makes l show the columns of set that fit its width.
func setColumns(l *list[core.Document], set []docColumn, loc *time.Location) {
	l.head = func(w int) string {
		cols, widths, _ := visibleDocColumns(set, w)
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = c.title
		}
		return columns(w, cells, widths)
	}
	l.render = func(d core.Document, w int) string {
		cols, widths, wide := visibleDocColumns(set, w)
		cells := make([]string, len(cols))
		for i, c := range cols {
			cells[i] = c.cell(d, loc, wide)
		}
		return columns(w, cells, widths)
	}
}
