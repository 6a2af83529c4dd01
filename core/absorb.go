package core

import (
	"context"
	"fmt"
)

// A write-back moves the PO's X3 update stamp and may change what its 850
// shows (a quantity, a date). The poller must not send that back to the
// supplier who told us. So, before writing, the inbox records the 850
// content hash the PO will have once written ("absorbed"), and the poller
// treats absorbed hashes of the latest revision as already sent. One is
// recorded only when the PO, as read, matched what was last sent (or an
// earlier absorbed state): a change a buyer made that is not sent yet is
// not swallowed, and goes out in a replacement that carries the
// supplier's change too. It is recorded before the write so a poll
// landing between the write and the outcome commit cannot see the change
// first; should the write then fail, the hash names content X3 never
// reached, and every earlier absorbed state stays recognised.

// AbsorbedSource tells the poller which 850 content write-backs left a PO with.
type AbsorbedSource interface {
	// IsAbsorbed reports whether hash is content a write-back left po with
	// since 850 revision rev.
	IsAbsorbed(ctx context.Context, po string, rev int, hash string) (bool, error)
}

// absorb records the 850 hash of after when po matched the latest 850
// revision. It returns that revision's number (0 when nothing was recorded).
func (in *Inbox) absorb(ctx context.Context, po, after *PurchaseOrder) (int, error) {
	partner, _, ok := in.Partners.Lookup(po.Supplier, Kind850)
	if !ok {
		return 0, nil
	}
	rev, exists, err := in.Store.LatestRevision(ctx, Kind850, po.Number)
	if err != nil || !exists {
		return 0, err
	}
	before, err := Map850(po, partner, in.Map, PurposeOriginal)
	if err != nil {
		return 0, nil
	}
	beforeHash := ContentHash(before)
	inSync := beforeHash == rev.Hash
	if !inSync {
		if inSync, err = in.Store.IsAbsorbed(ctx, po.Number, rev.Number, beforeHash); err != nil {
			return 0, err
		}
	}
	if !inSync {
		return 0, nil
	}
	return rev.Number, in.recordAbsorbed(ctx, after, partner, rev)
}

// absorbAnswer records the hash of the PO as X3 answered the write, in case
// X3's business rules made it differ from the prediction.
func (in *Inbox) absorbAnswer(ctx context.Context, answer *PurchaseOrder, rev int) error {
	if rev == 0 || answer == nil {
		return nil
	}
	partner, _, ok := in.Partners.Lookup(answer.Supplier, Kind850)
	if !ok {
		return nil
	}
	return in.recordAbsorbed(ctx, answer, partner, Revision{Number: rev})
}

// recordAbsorbed stores the 850 hash of po unless it is already known.
func (in *Inbox) recordAbsorbed(ctx context.Context, po *PurchaseOrder, partner Partner, rev Revision) error {
	mapped, err := Map850(po, partner, in.Map, PurposeOriginal)
	if err != nil {
		return nil // an unmappable PO goes nowhere: nothing to absorb
	}
	hash := ContentHash(mapped)
	if hash == rev.Hash {
		return nil
	}
	if known, err := in.Store.IsAbsorbed(ctx, po.Number, rev.Number, hash); err == nil && known {
		return nil
	}
	if err := in.Store.Absorb(ctx, po.Number, Absorbed{Hash: hash, Revision: rev.Number}); err != nil {
		return fmt.Errorf("record the 850 content PO %s is left with: %w", po.Number, err)
	}
	return nil
}

// absorbedSame reports whether hash is content a write-back left the PO
// with since revision prev, which the partner therefore already knows.
func (p *Poller) absorbedSame(ctx context.Context, po string, prev Revision, hash string) (bool, error) {
	if p.Absorbed == nil {
		return false, nil
	}
	return p.Absorbed.IsAbsorbed(ctx, po, prev.Number, hash)
}
