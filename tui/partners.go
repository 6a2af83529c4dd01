package tui

import (
	"context"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/store"
)

// scorecardPeriod is the partners view's period, as `partners` defaults to.
const scorecardPeriod = 30 * 24 * time.Hour

// newPartnersBoard is the partner scorecard over the last 30 days: what
// was sent, the median and 95th percentile time to 997, 855 and 856,
// what is overdue, rejected and changed; enter lists the partner's
// documents.
func newPartnersBoard(id int, s Store) *board[store.PartnerScore] {
	widths := []int{10, 5, 11, 11, 11, 4, 4, 4}
	return &board[store.PartnerScore]{id: id, title: "Partners · last 30 days (median / 95th percentile from the send)",
		hint: "enter lists its documents", empty: "nothing sent in the last 30 days",
		fetch: func(ctx context.Context, now time.Time) ([]store.PartnerScore, error) {
			return s.Scorecard(ctx, now.Add(-scorecardPeriod), now)
		},
		head: func(w int) string {
			return columns(w, []string{"SUPPLIER", "SENT", "TO 997", "TO 855", "TO 856", "LATE", "REJ", "CHG", "PARTNERSHIP"},
				append(widths, 0))
		},
		render: func(p store.PartnerScore, w int) string {
			late := strconv.Itoa(p.Overdue)
			if p.Overdue > 0 {
				late = styleBad.Render(late)
			}
			return columns(w, []string{p.Supplier, strconv.Itoa(p.Sent), latency(p.To997), latency(p.To855), latency(p.To856),
				late, strconv.Itoa(p.Rejected), strconv.Itoa(p.Changes), p.PartnershipID}, append(widths, 0))
		},
	}
}

func latency(l store.Latency) string {
	if l.Count == 0 {
		return "-"
	}
	return l.MedianText + " / " + l.P95Text
}
