package core

import (
	"context"
	"fmt"
)

// What a revision of a PO sends (closure.go): nothing when X3 closed it by
// receipt, or cancelled it before any 850 went out (a closed revision
// records why, and supersedes the unsent one); a cancellation (850 or 860
// with purpose 01) when it was cancelled after; otherwise the order as it
// stands: the original 850, then replacements (850, 05) or, for a partner
// that takes change orders, 860s listing what changed (04). A line the
// buyer cancelled leaves the order: the replacement goes without it, the
// 860 deletes it (POC02 DI).

// poStanding hashes the PO as its partner would be sent it: an open
// order by its 850 content; a closed one by its closure alone, since the
// partner hears of it once (a cancellation) or never (received in full),
// whatever else changes on a closed PO, and whether or not it could be
// mapped.
func (p *Poller) poStanding(po *PurchaseOrder, partner Partner) (standing, error) {
	closure, err := ClosureOf(po)
	if err != nil {
		return standing{}, err
	}
	switch closure {
	case Cancelled:
		return standing{hash: "cancelled:" + documentHash([]byte(po.Number), partner.Test), closure: closure}, nil
	case ClosedByReceipt:
		return standing{hash: "received:" + documentHash([]byte(po.Number), partner.Test), closure: closure}, nil
	}
	mapped, err := Map850(po, partner, p.Map, PurposeOriginal)
	if err != nil {
		return standing{}, err
	}
	return standing{hash: documentHash(mapped, partner.Test)}, nil
}

// poOutgoing decides what the new revision of po sends. doc.Purpose is 05
// when an earlier revision may have reached the partner (nextRevision).
func (p *Poller) poOutgoing(ctx context.Context, po *PurchaseOrder, st standing, partner Partner, setting string, doc *Document) (outgoing, error) {
	sentBefore := doc.Purpose == PurposeReplace
	switch {
	case st.closure == ClosedByReceipt:
		return outgoing{set: Kind850, closed: true,
			note: fmt.Sprintf("PO %s closed in Sage X3 by receipt (received in full): the partner delivered it; nothing sent", po.Number)}, nil
	case st.closure == Cancelled && !sentBefore:
		return outgoing{set: Kind850, purpose: PurposeCancel, closed: true,
			note: fmt.Sprintf("PO %s cancelled in Sage X3 before any 850 reached the partner; nothing sent", po.Number)}, nil
	case st.closure == Cancelled && partner.changeOrders():
		payload, err := Map860(po, partner, p.Map, PurposeCancel, doc.Revision, nil)
		return p.changeOrder(partner, PurposeCancel, payload), err
	case st.closure == Cancelled:
		payload, err := MapCancel850(po, partner, p.Map)
		return outgoing{set: Kind850, setting: setting, purpose: PurposeCancel, payload: payload}, err
	case sentBefore && partner.changeOrders():
		return p.changeOrderOrReplacement(ctx, po, partner, setting, doc)
	}
	payload, err := Map850(po, partner, p.Map, doc.Purpose)
	return outgoing{set: Kind850, setting: setting, purpose: doc.Purpose, payload: payload, lines: OrderLinesOf(po, p.Map)}, err
}

// changeOrderOrReplacement is the 860 of what changed since the revision
// the partner last got; a replacement 850 when that revision kept no lines
// to compare with (sent before this version of ml-connector, or a
// cancellation the buyer has since undone).
func (p *Poller) changeOrderOrReplacement(ctx context.Context, po *PurchaseOrder, partner Partner, setting string, doc *Document) (outgoing, error) {
	before, ok, err := p.Store.SentLines(ctx, doc.Kind, doc.SourceKey, doc.Test)
	if err != nil {
		return outgoing{}, err
	}
	if !ok {
		payload, err := Map850(po, partner, p.Map, PurposeReplace)
		return outgoing{set: Kind850, setting: setting, purpose: PurposeReplace, payload: payload, lines: OrderLinesOf(po, p.Map),
			note: "the lines the partner holds are not on record: the change goes as a replacement 850"}, err
	}
	payload, err := Map860(po, partner, p.Map, PurposeChange, doc.Revision, before)
	out := p.changeOrder(partner, PurposeChange, payload)
	out.lines = OrderLinesOf(po, p.Map)
	return out, err
}

func (p *Poller) changeOrder(partner Partner, purpose string, payload []byte) outgoing {
	return outgoing{set: Kind860, setting: partner.TransactionSettings[Kind860], purpose: purpose, payload: payload}
}
