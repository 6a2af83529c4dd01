package tui

import (
	"context"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// overdueLimit bounds the overdue view: the latest acknowledgments first.
const overdueLimit = 500

// newOverdueBoard is the overdue view: every acknowledgment (997, 855,
// 856) past its deadline, the latest first; enter opens the document.
func newOverdueBoard(id int, s Store, loc *time.Location) *board[core.OverdueItem] {
	widths := []int{6, 4, 13, 10, 8, 14, 6}
	return &board[core.OverdueItem]{id: id, title: "Overdue · acknowledgments past their deadline, latest first",
		hint: "enter opens the PO", empty: "nothing is overdue: every partner answered in time",
		fetch: func(ctx context.Context, now time.Time) ([]core.OverdueItem, error) {
			return s.Overdue(ctx, now, overdueLimit)
		},
		head: func(w int) string {
			return columns(w, []string{"ID", "KIND", "PO", "SUPPLIER", "AWAITING", "DUE", "LATE", "PARTNERSHIP"}, append(widths, 0))
		},
		render: func(o core.OverdueItem, w int) string {
			return columns(w, []string{strconv.FormatInt(o.DocID, 10), string(o.Kind), o.PONumber, o.Supplier,
				styleBad.Render(string(o.Awaiting)), stamp(o.Due, loc, true), o.LateText, o.PartnershipID}, append(widths, 0))
		},
	}
}
