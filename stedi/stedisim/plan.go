package stedisim

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mlconnector/ml-connector/x12"
)

// groupPlan is one transaction group, checked and converted, ready to be
// rendered as a functional group.
type groupPlan struct {
	settingID string
	setting   TransactionSetting
	overrides *groupOverrides
	raws      []json.RawMessage
	docs      []document
	sets      []x12.Transaction
}

// plan checks every group of req against partnership p and converts its
// transactions to X12 segments. The error text is a 400 message; partner
// check problems of all transactions are reported together.
func plan(p partnership, req *generateRequest) ([]groupPlan, error) {
	plans := make([]groupPlan, 0, len(req.TransactionGroups))
	var msgs []string
	n := 0 // transaction number across groups, 1-based in messages
	for _, g := range req.TransactionGroups {
		gp, err := planGroup(p, g)
		if err != nil {
			return nil, err
		}
		for _, raw := range g.Transactions {
			n++
			d, set, probs := planTransaction(raw, gp.setting.SetID, p.guides[gp.settingID])
			for _, pr := range probs {
				msgs = append(msgs, fmt.Sprintf("transaction %d: %s", n, pr))
			}
			gp.docs = append(gp.docs, d)
			gp.sets = append(gp.sets, set)
		}
		plans = append(plans, gp)
	}
	if len(msgs) > 0 {
		return nil, errors.New(strings.Join(msgs, "; "))
	}
	return plans, nil
}

func planGroup(p partnership, g transactionGroup) (groupPlan, error) {
	id := *g.TransactionSettingID
	ts, ok := p.TransactionSettings[id]
	switch {
	case !ok:
		return groupPlan{}, fmt.Errorf("transaction setting %s does not exist in this partnership", id)
	case ts.Direction != Outbound:
		return groupPlan{}, fmt.Errorf("transaction setting %s is not an outbound setting", id)
	}
	return groupPlan{settingID: id, setting: ts, overrides: g.Overrides, raws: g.Transactions}, nil
}

// planTransaction runs the partner checks and the check against the
// setting's guide on one transaction and converts it; a transaction with
// problems is not converted.
func planTransaction(raw json.RawMessage, wantSet string, guide guideSchema) (document, x12.Transaction, problems) {
	tx, err := decodeNode(raw)
	if err != nil {
		return document{}, x12.Transaction{}, problems{err.Error()}
	}
	d, probs := inspect(tx, wantSet)
	for _, m := range guide.check(raw) {
		probs = append(probs, "does not fit the guide: "+m)
	}
	if len(probs) > 0 {
		return d, x12.Transaction{}, probs
	}
	setID, body, err := x12.FromGuideJSON(raw)
	if err != nil {
		return d, x12.Transaction{}, problems{err.Error()}
	}
	return d, x12.Transaction{SetID: setID, Body: body}, nil
}
