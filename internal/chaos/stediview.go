package chaos

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi"
)

// stediView reads the simulated Stedi through its Core API, as any client
// would, with the project's Stedi client.
type stediView struct {
	c *stedi.Client
}

func newStediView(baseURL, key string) (stediView, error) {
	c, err := stedi.New(stedi.Config{BaseURL: baseURL, APIKey: key, HTTPClient: &http.Client{Timeout: 30 * time.Second}})
	return stediView{c}, err
}

// inboundCounts is how many inbound transactions Stedi processed: all
// (997s too), and the partners' 855s and 856s.
func (v stediView) inboundCounts(ctx context.Context) (all, answers int, err error) {
	err = v.c.InboundTransactions(ctx, time.Time{}, func(t core.InboundTransaction) error {
		all++
		if t.SetID == "855" || t.SetID == "856" {
			answers++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("list Stedi's inbound transactions: %w", err)
	}
	return all, answers, nil
}

// accepted returns the Guide JSON of every 850 Stedi sent to the partner
// for one PO (GET /transactions?direction=OUTBOUND with the partnership,
// set and PO number), one per transaction: a revision listed twice went
// to the partner twice. A request replayed from Stedi's idempotency cache
// makes no transaction.
func (v stediView) accepted(ctx context.Context, po, partnership string) ([]json.RawMessage, error) {
	var txs []core.OutboundTransaction
	q := core.OutboundQuery{PartnershipID: partnership, SetID: "850", BusinessIdentifier: po}
	if err := v.c.OutboundTransactions(ctx, q, func(t core.OutboundTransaction) error {
		txs = append(txs, t)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("list Stedi's 850s of %s: %w", po, err)
	}
	out := make([]json.RawMessage, 0, len(txs))
	for _, t := range txs {
		if t.Status != "succeeded" {
			continue
		}
		body, err := v.c.OutboundGuideJSON(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("Stedi's 850 %s of %s: %w", t.TransactionID, po, err)
		}
		out = append(out, body)
	}
	return out, nil
}
