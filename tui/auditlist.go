package tui

import (
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/store"
)

// newAuditList makes the audit log: every entry, newest first, with the
// document it belongs to.
func newAuditList(id int, s Store, loc *time.Location) *list[store.AuditRow] {
	l := &list[store.AuditRow]{id: id, title: "Audit log", empty: "no audit entries yet", fetch: s.AuditPage,
		rowID: func(r store.AuditRow) int64 { return r.ID }}
	// The message is what an operator reads: the other columns keep to
	// what their values need (ids to 7 digits, "#12345 856", the clock
	// alone below 150 columns), so at 120 the message gets 47 cells.
	widths := func(w int) []int {
		switch {
		case w >= 150:
			return []int{7, 14, 11, 13, 14, 14, 0}
		case w >= 110:
			return []int{7, 8, 10, 12, 14, 14, 0}
		}
		return []int{7, 8, 10, 11, 12, 11, 0}
	}
	l.head = func(w int) string {
		return columns(w, []string{"ID", "AT", "DOCUMENT", "PO", "ACTOR", "ACTION", "MESSAGE"}, widths(w))
	}
	l.render = func(r store.AuditRow, w int) string {
		doc := "—"
		if r.DocumentID != 0 {
			doc = fmt.Sprintf("#%d %s", r.DocumentID, r.Kind)
		}
		msg := oneLine(r.Message)
		if r.PayloadKind != "" {
			msg += " [" + r.PayloadKind + "]"
		}
		action := actionStyle(r.Action).Render(r.Action)
		return columns(w, []string{strconv.FormatInt(r.ID, 10), stamp(r.At, loc, w >= 150), doc, oneLine(r.PONumber),
			oneLine(r.Actor), action, msg}, widths(w))
	}
	l.init()
	return l
}

// actionStyle colours an audit action by outcome.
func actionStyle(action string) lipgloss.Style {
	switch action {
	case "failed", "attempt_failed", "paused", "poll_failed":
		return stateStyle("failed")
	case "sent", "applied", "resumed":
		return stateStyle("sent")
	case "replay", "requeued", "control", "poll_now":
		return styleWarn
	}
	return stateStyle(action)
}
