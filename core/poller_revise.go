package core

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
)

// standing is how a record stands for its partner: the hash of its
// content (what decides whether anything is new) and, for a PO, its
// closure.
type standing struct {
	hash    string
	closure Closure
}

// outgoing is what one new revision sends: a payload of a set and
// purpose, or nothing (closed) with the reason in Note.
type outgoing struct {
	set     Kind
	setting string
	purpose string
	payload json.RawMessage
	lines   []OrderLine
	closed  bool
	note    string
}

// revise maps a record for its partner and decides what to store: a new
// revision to send, a failed one (mapping or preflight problem), a closed
// one (nothing to send, and why), or nothing when the content is the
// latest revision's.
func (p *Poller) revise(ctx context.Context, kind Kind, rec *sourceRecord, partner Partner, setting string, known bool) (intakeOutcome, NewDocument, error) {
	nd := NewDocument{X3Record: rec.raw, Doc: Document{
		Kind: kind, Direction: Outbound, SourceKey: rec.key, PONumber: rec.poNumber, Supplier: rec.supplier,
		PartnershipID: partner.PartnershipID, TransactionSettingID: setting, SourceUpdated: rec.updated,
		State: StatePending, Test: partner.Test, Release: partner.ReleaseFor(kind),
	}}
	doc := &nd.Doc
	st, err := p.standingOf(rec, partner)
	if err != nil {
		return p.failUnmappable(ctx, &nd, known, err)
	}
	doc.ContentHash = st.hash
	prev, same, err := p.nextRevision(ctx, &nd, known)
	if err != nil || same {
		return outcomeSame, NewDocument{}, err
	}
	out, err := p.outgoingOf(ctx, rec, st, partner, setting, doc)
	var unmappable *MappingError
	switch {
	case errors.As(err, &unmappable):
		return p.failUnmappable(ctx, &nd, known, err)
	case err != nil:
		return 0, NewDocument{}, err
	}
	doc.Purpose, doc.TransactionSettingID, doc.Payload, nd.Lines, nd.Note = out.purpose, out.setting, out.payload, out.lines, out.note
	if out.set != kind {
		doc.Set, doc.Release = out.set, partner.ReleaseFor(out.set)
	}
	if out.closed {
		doc.State = StateClosed
		return outcomeClosed, nd, nil
	}
	if problems := p.preflight(kind, rec, partner, out.set, doc.Payload); len(problems) > 0 {
		// Keyed on the content: re-reading the same content adds nothing,
		// and any change to it is checked again. Kept for the operator
		// (show, preview); with no idempotency key, a replay reads the
		// record again instead of sending this.
		doc.ContentHash = "preflight:" + doc.ContentHash
		if doc.ContentHash == prev.Hash {
			return outcomeSame, NewDocument{}, nil
		}
		doc.State, doc.ErrorClass = StateFailed, Permanent
		doc.LastError = "preflight: " + strings.Join(problems, "; ")
		return outcomeUnmappable, nd, nil
	}
	doc.IdempotencyKey = IdempotencyKey(kind, p.Folder, rec.key, doc.Revision, doc.ContentHash)
	return outcomeNew, nd, nil
}

// failUnmappable stores a record that cannot be mapped (or whose state
// cannot be told) in the failed queue, once per content.
func (p *Poller) failUnmappable(ctx context.Context, nd *NewDocument, known bool, cause error) (intakeOutcome, NewDocument, error) {
	doc := &nd.Doc
	doc.ContentHash = "unmappable:" + ContentHash(nd.X3Record)
	doc.State, doc.LastError, doc.ErrorClass = StateFailed, cause.Error(), Permanent
	doc.Payload, doc.Set, nd.Lines, nd.Note = nil, "", nil, ""
	if _, same, err := p.nextRevision(ctx, nd, known); err != nil || same {
		return outcomeSame, NewDocument{}, err
	}
	return outcomeUnmappable, *nd, nil
}

// standingOf hashes what the partner would be sent of the record.
func (p *Poller) standingOf(rec *sourceRecord, partner Partner) (standing, error) {
	if rec.po != nil {
		return p.poStanding(rec.po, partner) // poller_po.go
	}
	mapped, err := rec.mapTo(partner, PurposeOriginal)
	if err != nil {
		return standing{}, err
	}
	return standing{hash: documentHash(mapped, partner.Test)}, nil
}

// outgoingOf builds what the new revision sends; doc.Purpose says
// whether an earlier revision may have reached the partner (05).
func (p *Poller) outgoingOf(ctx context.Context, rec *sourceRecord, st standing, partner Partner, setting string, doc *Document) (outgoing, error) {
	if rec.po != nil {
		return p.poOutgoing(ctx, rec.po, st, partner, setting, doc) // poller_po.go
	}
	payload, err := rec.mapTo(partner, doc.Purpose)
	return outgoing{set: doc.Kind, setting: setting, purpose: doc.Purpose, payload: payload}, err
}

// preflight runs the partner checks of the record, the check against the
// partner's guide schema of the set when it has one, and, when the poller
// has one, the X12 check of the payload in the partner's release.
func (p *Poller) preflight(kind Kind, rec *sourceRecord, partner Partner, set Kind, payload []byte) []string {
	problems := rec.preflight(partner)
	problems = append(problems, CheckGuide(partner.Guides[set], set, recordLabel(kind, rec.key), payload)...)
	if p.CheckX12 != nil {
		for _, m := range p.CheckX12(payload, string(partner.ReleaseFor(set))) {
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
