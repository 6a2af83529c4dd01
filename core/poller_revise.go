package core

import (
	"context"
	"strings"
)

// revise maps a record for its partner and decides what to store: a new
// revision to send, a failed one (mapping or preflight problem), or
// nothing when the content is the latest revision's.
func (p *Poller) revise(ctx context.Context, kind Kind, rec *sourceRecord, partner Partner, setting string, known bool) (intakeOutcome, NewDocument, error) {
	nd := NewDocument{X3Record: rec.raw, Doc: Document{
		Kind: kind, Direction: Outbound, SourceKey: rec.key, PONumber: rec.poNumber, Supplier: rec.supplier,
		PartnershipID: partner.PartnershipID, TransactionSettingID: setting, SourceUpdated: rec.updated,
		State: StatePending, Test: partner.Test, Release: partner.ReleaseFor(kind),
	}}
	doc := &nd.Doc
	mapped, mapErr := rec.mapTo(partner, PurposeOriginal)
	var problems []string
	if mapErr != nil {
		doc.ContentHash = "unmappable:" + ContentHash(rec.raw)
		doc.State, doc.LastError, doc.ErrorClass = StateFailed, mapErr.Error(), Permanent
	} else {
		doc.ContentHash = documentHash(mapped, partner.Test)
		if problems = p.preflight(kind, rec, partner, mapped); len(problems) > 0 {
			// Keyed on the content: re-reading the same content adds
			// nothing, and any change to it is checked again.
			doc.ContentHash = "preflight:" + doc.ContentHash
			doc.State, doc.ErrorClass = StateFailed, Permanent
			doc.LastError = "preflight: " + strings.Join(problems, "; ")
		}
	}
	if same, err := p.nextRevision(ctx, &nd, known); err != nil || same {
		return outcomeSame, NewDocument{}, err
	}
	if mapErr != nil {
		return outcomeUnmappable, nd, nil
	}
	if doc.Purpose != PurposeOriginal {
		var err error
		if mapped, err = rec.mapTo(partner, doc.Purpose); err != nil {
			return 0, NewDocument{}, err
		}
	}
	doc.Payload = mapped
	if len(problems) > 0 {
		// Kept for the operator (show, preview); with no idempotency key,
		// a replay reads the record again instead of sending this.
		return outcomeUnmappable, nd, nil
	}
	doc.IdempotencyKey = IdempotencyKey(kind, p.Folder, rec.key, doc.Revision, doc.ContentHash)
	return outcomeNew, nd, nil
}

// preflight runs the partner checks of the record, the check against the
// partner's guide schema when it has one, and, when the poller has one,
// the X12 check of the mapped document in the partner's release.
func (p *Poller) preflight(kind Kind, rec *sourceRecord, partner Partner, mapped []byte) []string {
	problems := rec.preflight(partner)
	problems = append(problems, CheckGuide(partner.Guides[kind], kind, recordLabel(kind, rec.key), mapped)...)
	if p.CheckX12 != nil {
		for _, m := range p.CheckX12(mapped, string(partner.ReleaseFor(kind))) {
			problems = append(problems, "X12 check: "+m)
		}
	}
	return problems
}

// recordLabel is how messages name an X3 record.
func recordLabel(kind Kind, key string) string {
	if kind == Kind810 {
		return "invoice " + key
	}
	return "PO " + key
}

// documentHash is the content hash of a mapped document. A test
// document's differs from the production one of the same content, so a
// partner leaving test mode gets its documents again, as production ones,
// under new idempotency keys.
func documentHash(mapped []byte, test bool) string {
	if test {
		return "test:" + ContentHash(mapped)
	}
	return ContentHash(mapped)
}
