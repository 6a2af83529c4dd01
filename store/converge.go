package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// The state of an 850 past `sent` is computed here and nowhere else, from
// what has happened to it: Stedi accepted the revision (the sender's
// `sent`), and the applied 855s and 856s of its PO (po_answers). settle850
// runs in the transaction that commits any of those facts, so whichever
// order they arrive in (an 855 applied before the lost answer to the send
// is recovered, an 856 before its 855, a replay), the result is the same:
// `acknowledged` once an 855 answers the revision, `shipped` once an 856
// does. An 855 whose supplier changes wait for the buyer (review) answers
// as an applied one does: its acknowledgment is written.
//
// Which revision an answer belongs to: X12 855s and 856s name the PO, not
// our revision, so the answer goes to the newest revision whose first
// request had left (first_sent_at) by the time Stedi processed the answer
// — a partner cannot answer what it has not received. An answer older
// than every request (clocks apart) goes to the oldest revision, one
// without a processing time to the newest. Only revisions that order
// count: a cancellation or a change order (860) asks for no 855 or 856, so
// an answer that comes after one belongs to the order before it.
//
// Only a revision Stedi accepted moves: an answer attributed to a revision
// still retrying or failed is kept, and counts once the sender records the
// revision sent (the resend is answered from Stedi's idempotency cache, or
// reconciled past the window). An answer is no proof of which revision the
// partner holds, so it never stops a revision from being sent.

// poRevision is one 850 revision as settle850 needs it.
type poRevision struct {
	id        int64
	revision  int
	state     core.State
	firstSent int64 // ms; 0 when no request left
}

// poAnswer is one applied inbound document that answers a PO.
type poAnswer struct {
	doc         int64
	kind        core.Kind
	processedAt int64 // ms; 0 when Stedi's time is unknown
}

// settle850 brings every delivered 850 revision of po to the state its
// facts say, with an audit entry for each change.
func settle850(ctx context.Context, tx *sql.Tx, po, actor string, now time.Time) error {
	revs, err := poRevisions(ctx, tx, po)
	if err != nil || len(revs) == 0 {
		return err
	}
	answers, err := poAnswers(ctx, tx, po)
	if err != nil {
		return err
	}
	byRev := attribute(revs, answers)
	for _, r := range revs {
		if !delivered(r.state) {
			continue
		}
		want, because := stateFrom(byRev[r.id])
		if want == r.state {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET state = ?, updated_at = ? WHERE id = ? AND state = ?`,
			want, ms(now), r.id, r.state); err != nil {
			return fmt.Errorf("settle the 850 of PO %s revision %d: %w", po, r.revision, err)
		}
		msg := settleMessage(want, because, r.revision)
		if err := appendAudit(ctx, tx, r.id, core.AuditEntry{Actor: actor, Action: string(want), Message: msg}, now); err != nil {
			return err
		}
	}
	return nil
}

// delivered reports the states settle850 owns: Stedi accepted the revision.
func delivered(s core.State) bool {
	return s == core.StateSent || s == core.StateAcknowledged || s == core.StateShipped
}

// attribute assigns each answer to the revision it answers.
func attribute(revs []poRevision, answers []poAnswer) map[int64][]poAnswer {
	out := map[int64][]poAnswer{}
	for _, a := range answers {
		if id := answeredRevision(revs, a.processedAt); id != 0 {
			out[id] = append(out[id], a)
		}
	}
	return out
}

// answeredRevision is the revision (revs in revision order) an answer
// Stedi processed at p belongs to; 0 when no revision was ever sent.
func answeredRevision(revs []poRevision, p int64) int64 {
	var oldest, best int64
	for _, r := range revs {
		if r.firstSent == 0 {
			continue
		}
		if oldest == 0 {
			oldest = r.id
		}
		if p == 0 || r.firstSent <= p {
			best = r.id
		}
	}
	if best == 0 {
		return oldest
	}
	return best
}

// stateFrom is a delivered revision's state given its answers (in the
// order Stedi processed them), and the answer that decided it: the newest
// 856, else the newest 855.
func stateFrom(answers []poAnswer) (core.State, poAnswer) {
	state, because := core.StateSent, poAnswer{}
	for _, a := range answers {
		switch {
		case a.kind == core.Kind856:
			state, because = core.StateShipped, a
		case a.kind == core.Kind855 && state != core.StateShipped:
			state, because = core.StateAcknowledged, a
		}
	}
	return state, because
}

func settleMessage(state core.State, because poAnswer, revision int) string {
	switch state {
	case core.StateShipped:
		return fmt.Sprintf("856 applied (inbound document %d): the partner ships against revision %d", because.doc, revision)
	case core.StateAcknowledged:
		return fmt.Sprintf("855 applied (inbound document %d): the partner acknowledged revision %d", because.doc, revision)
	}
	return fmt.Sprintf("no applied 855 or 856 answers revision %d", revision)
}

func poRevisions(ctx context.Context, tx *sql.Tx, po string) ([]poRevision, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, revision, state, first_sent_at FROM documents
		WHERE kind = '850' AND direction = 'out' AND source_key = ? AND set_id <> '860' AND purpose <> '01'
		ORDER BY revision`, po)
	if err != nil {
		return nil, fmt.Errorf("read the 850 revisions of PO %s: %w", po, err)
	}
	defer rows.Close()
	var out []poRevision
	for rows.Next() {
		var r poRevision
		if err := rows.Scan(&r.id, &r.revision, &r.state, &r.firstSent); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func poAnswers(ctx context.Context, tx *sql.Tx, po string) ([]poAnswer, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT a.document_id, a.kind, a.processed_at FROM po_answers a
		JOIN documents d ON d.id = a.document_id
		WHERE a.po_number = ? AND d.state IN ('applied', 'review') ORDER BY a.processed_at, a.document_id`, po)
	if err != nil {
		return nil, fmt.Errorf("read the answers to PO %s: %w", po, err)
	}
	defer rows.Close()
	var out []poAnswer
	for rows.Next() {
		var a poAnswer
		if err := rows.Scan(&a.doc, &a.kind, &a.processedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// recordAnswers notes, for an applied inbound document, the POs it
// answered, then settles their 850s.
func recordAnswers(ctx context.Context, tx *sql.Tx, o core.InboundOutcome, now time.Time) error {
	for _, po := range o.Answers {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO po_answers (document_id, po_number, kind, processed_at)
			SELECT id, ?, kind, source_updated FROM documents WHERE id = ?
			ON CONFLICT (document_id, po_number) DO NOTHING`, po, o.DocID); err != nil {
			return fmt.Errorf("record that document %d answered PO %s: %w", o.DocID, po, err)
		}
		if err := settle850(ctx, tx, po, "inbox", now); err != nil {
			return err
		}
	}
	return nil
}
