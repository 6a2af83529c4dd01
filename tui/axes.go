package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// outboundFetch loads a page of outbound documents with their three axes
// (validation, delivery, business), computed at the UI's clock from what
// the store tracks of each one.
func outboundFetch(s Store, now func() time.Time) fetchFunc[core.Document] {
	return func(ctx context.Context, m store.Match, p store.Page) ([]core.Document, error) {
		docs, err := s.DocumentPage(ctx, m, p)
		if err != nil || len(docs) == 0 {
			return docs, err
		}
		ids := make([]int64, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		tracks, err := s.Tracking(ctx, ids...)
		if err != nil {
			return nil, err
		}
		at := now()
		for i, d := range docs {
			var t *core.TrackRecord
			if tr, ok := tracks[d.ID]; ok {
				t = &tr
			}
			axes := core.AxesOf(d, t, at)
			docs[i].Axes = &axes
		}
		return docs, nil
	}
}

// axisColumns are the outbound list's three short columns, each a status
// and the time its step took.
var axisColumns = []docColumn{
	{"VALID", 9, 0, func(d core.Document, _ *time.Location, _ bool) string { return axisCell(d, 0) }},
	{"DELIVERY", 10, 0, func(d core.Document, _ *time.Location, _ bool) string { return axisCell(d, 1) }},
	{"BUSINESS", 12, 0, func(d core.Document, _ *time.Location, _ bool) string { return axisCell(d, 2) }},
}

func axisCell(d core.Document, i int) string {
	if d.Axes == nil {
		return ""
	}
	a := []core.Axis{d.Axes.Validation, d.Axes.Delivery, d.Axes.Business}[i]
	return axisStyle(a).Render(axisLabel(a))
}

func axisLabel(a core.Axis) string {
	if a.TookText == "" {
		return a.Status
	}
	return a.Status + " " + a.TookText
}

func axisStyle(a core.Axis) lipgloss.Style {
	switch {
	case a.Bad:
		return styleBad
	case a.Status == "waiting" || a.Status == "sent":
		return styleWarn
	case a.Status == "-" || a.Status == "replaced":
		return styleDim
	}
	return styleGood
}

// newOutboundList is the outbound view: the document list with the axes.
func newOutboundList(id int, title, empty string, base store.Match, s Store, loc *time.Location, now func() time.Time) *list[core.Document] {
	l := newDocList(id, title, empty, base, s, loc)
	l.fetch = outboundFetch(s, now)
	setColumns(l, outboundColumns(), loc)
	return l
}

// outboundColumns puts the axes after the state; at 80 columns the try
// count, the supplier and the time give way to them.
func outboundColumns() []docColumn {
	var out []docColumn
	for _, c := range docColumns {
		switch c.title {
		case "TRY", "SUPPLIER":
			c.minW = max(c.minW, 100)
		case "UPDATED":
			c.minW = max(c.minW, 120)
		}
		out = append(out, c)
		if c.title == "STATE" {
			out = append(out, axisColumns...)
		}
	}
	return out
}

// timelineAxes is the record view's line about a document's axes: each
// step, what it came to and how long it took.
func timelineAxes(d core.Document, t *core.TrackRecord, now time.Time) string {
	if d.Direction != core.Outbound {
		return ""
	}
	a := core.AxesOf(d, t, now)
	parts := []string{"validation " + axisLabel(a.Validation), "delivery " + axisLabel(a.Delivery), "business " + axisLabel(a.Business)}
	for i, ax := range []core.Axis{a.Validation, a.Delivery, a.Business} {
		parts[i] = axisStyle(ax).Render(parts[i])
	}
	return strings.Join(parts, " · ")
}

func trackOf(tl store.Timeline, id int64) *core.TrackRecord {
	if t, ok := tl.Tracking[id]; ok {
		return &t
	}
	return nil
}
