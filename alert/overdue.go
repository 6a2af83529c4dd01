package alert

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// OverdueLister lists acknowledgments past their deadline (store.DB).
type OverdueLister interface {
	Overdue(ctx context.Context, now time.Time, limit int) ([]core.OverdueItem, error)
}

// maxOverdueListed bounds the overdue acknowledgments read per evaluation.
const maxOverdueListed = 500

// Overdue is one problem per document and acknowledgment a partner owes
// past its deadline (a 997, an 855, an 856); it clears when the answer
// comes. Its key names the document and what it waits for, so the same
// lateness is announced once, whoever the partner.
func Overdue(db OverdueLister) Source {
	return Source{Name: "overdue", Problems: func(ctx context.Context, now time.Time) ([]Problem, error) {
		items, err := db.Overdue(ctx, now, maxOverdueListed)
		if err != nil {
			return nil, err
		}
		out := make([]Problem, 0, len(items))
		for _, o := range items {
			what := fmt.Sprintf("%s document %d", o.Kind, o.DocID)
			if o.PONumber != "" {
				what = fmt.Sprintf("the %s of PO %s (document %d)", o.Kind, o.PONumber, o.DocID)
			}
			out = append(out, Problem{Key: strconv.FormatInt(o.DocID, 10) + ":" + string(o.Awaiting),
				Title: fmt.Sprintf("%s overdue from supplier %s for %s", o.Awaiting, orNone(o.Supplier), what),
				Detail: fmt.Sprintf("due %s (sent %s, partnership %s). Ask the partner; ml-connector show %d",
					o.Due.UTC().Format("2006-01-02 15:04 UTC"), o.SentAt.UTC().Format("2006-01-02 15:04 UTC"), orNone(o.PartnershipID), o.DocID)})
		}
		return out, nil
	}}
}

func orNone(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}
