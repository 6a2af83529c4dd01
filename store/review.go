package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// changeColumns is what scanChanges reads: the change, and the state of
// the document that writes it once accepted.
const changeColumns = `r.id, r.document_id, r.po_number, r.line, r.seq, r.field, r.column_name, r.current_value,
	r.proposed_value, r.value_json, r.unit, r.supplier, r.partnership_id, r.proposed_at, r.created_at, r.decision,
	r.decided_by, r.decided_at, COALESCE(r.write_document_id, 0), COALESCE(w.state, ''), COALESCE(w.last_error, '')
	FROM review_changes r LEFT JOIN documents w ON w.id = r.write_document_id`

func scanChanges(rows *sql.Rows) ([]core.ProposedChange, error) {
	defer rows.Close()
	var out []core.ProposedChange
	for rows.Next() {
		var c core.ProposedChange
		var value string
		var proposed, created, decided int64
		if err := rows.Scan(&c.ID, &c.DocumentID, &c.PONumber, &c.Line, &c.Seq, &c.Field, &c.Column, &c.Current,
			&c.Proposed, &value, &c.Unit, &c.Supplier, &c.PartnershipID, &proposed, &created, &c.Decision,
			&c.DecidedBy, &decided, &c.WriteDocID, &c.WriteState, &c.WriteError); err != nil {
			return nil, fmt.Errorf("read proposed change: %w", err)
		}
		c.Value = []byte(value)
		c.ProposedAt, c.CreatedAt, c.DecidedAt = fromMS(proposed), fromMS(created), fromMS(decided)
		out = append(out, c)
	}
	return out, rows.Err()
}

// recordReview keeps what an applied 855 leaves for the buyer, in the
// transaction that records its outcome: the lines it answered supersede
// the undecided changes of earlier 855s (by Stedi's processing time),
// and each of its own changes waits, unless a later 855 already answered
// its line. The document is in review while one of its changes waits.
func recordReview(ctx context.Context, tx *sql.Tx, o core.InboundOutcome, now time.Time) error {
	if len(o.Review) == 0 {
		return nil
	}
	var processed int64
	if err := tx.QueryRowContext(ctx, `SELECT source_updated FROM documents WHERE id = ?`, o.DocID).Scan(&processed); err != nil {
		return fmt.Errorf("read when document %d was processed: %w", o.DocID, err)
	}
	for _, r := range o.Review {
		for _, l := range r.Lines {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO review_lines (document_id, po_number, line, seq, proposed_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING`, o.DocID, r.PONumber, l.Line, l.Seq, processed); err != nil {
				return fmt.Errorf("record the lines document %d answered: %w", o.DocID, err)
			}
			if err := supersedeEarlier(ctx, tx, o.DocID, r.PONumber, l, processed, now); err != nil {
				return err
			}
		}
		for _, c := range r.Changes {
			if err := insertChange(ctx, tx, o, c, processed, now); err != nil {
				return err
			}
		}
	}
	return settleReview(ctx, tx, o.DocID, now)
}

// laterAnswer is the condition "document ? (processed at ?) answered the
// line after this one"; earlier is its mirror.
const (
	laterAnswer = `(proposed_at > ? OR (proposed_at = ? AND document_id > ?))`
	earlierSide = `(proposed_at < ? OR (proposed_at = ? AND document_id < ?))`
)

func supersedeEarlier(ctx context.Context, tx *sql.Tx, docID int64, po string, l core.LineKey, processed int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `
		UPDATE review_changes SET decision = 'superseded', decided_by = 'inbox', decided_at = ?
		WHERE decision = 'pending' AND po_number = ? AND line = ? AND seq = ? AND document_id <> ? AND `+earlierSide+`
		RETURNING id, document_id`, ms(now), po, l.Line, l.Seq, docID, processed, processed, docID)
	if err != nil {
		return fmt.Errorf("supersede earlier changes of PO %s line %d: %w", po, l.Line, err)
	}
	type hit struct{ id, doc int64 }
	var hits []hit
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.id, &h.doc); err != nil {
			rows.Close()
			return err
		}
		hits = append(hits, h)
	}
	rows.Close()
	for _, h := range hits {
		e := core.AuditEntry{Actor: "inbox", Action: "review_superseded", Message: fmt.Sprintf(
			"change %d of PO %s line %d is no longer waiting: the later 855 of document %d answered the line again", h.id, po, l.Line, docID)}
		if err := appendAudit(ctx, tx, h.doc, e, now); err != nil {
			return err
		}
		if err := settleReview(ctx, tx, h.doc, now); err != nil {
			return err
		}
	}
	return nil
}

func insertChange(ctx context.Context, tx *sql.Tx, o core.InboundOutcome, c core.ProposedChange, processed int64, now time.Time) error {
	var later bool
	if err := tx.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM review_lines WHERE po_number = ? AND line = ? AND seq = ? AND document_id <> ? AND `+laterAnswer+`)`,
		c.PONumber, c.Line, c.Seq, o.DocID, processed, processed, o.DocID).Scan(&later); err != nil {
		return fmt.Errorf("look for later answers of PO %s line %d: %w", c.PONumber, c.Line, err)
	}
	decision, by, at := core.DecisionPending, "", int64(0)
	if later {
		decision, by, at = core.DecisionSuperseded, "inbox", ms(now)
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO review_changes (document_id, po_number, line, seq, field, column_name, current_value, proposed_value,
		  value_json, unit, supplier, partnership_id, proposed_at, created_at, decision, decided_by, decided_at)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, partnership_id, ?, ?, ?, ?, ? FROM documents WHERE id = ?
		ON CONFLICT DO NOTHING`,
		o.DocID, c.PONumber, c.Line, c.Seq, c.Field, c.Column, c.Current, c.Proposed, string(c.Value), c.Unit,
		c.Supplier, processed, ms(now), decision, by, at, o.DocID)
	if err != nil {
		return fmt.Errorf("record the change to PO %s line %d %s: %w", c.PONumber, c.Line, c.Column, err)
	}
	return nil
}

// settleReview puts an applied 855 in review while one of its changes
// waits, and back to applied once every one is decided.
func settleReview(ctx context.Context, tx *sql.Tx, docID int64, now time.Time) error {
	var pending int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM review_changes WHERE document_id = ? AND decision = 'pending'`,
		docID).Scan(&pending); err != nil {
		return fmt.Errorf("count changes of document %d waiting for review: %w", docID, err)
	}
	from, to := core.StateApplied, core.StateReview
	if pending == 0 {
		from, to = core.StateReview, core.StateApplied
	}
	res, err := tx.ExecContext(ctx, `UPDATE documents SET state = ?, updated_at = ? WHERE id = ? AND state = ?`, to, ms(now), docID, from)
	if err != nil {
		return fmt.Errorf("move document %d to %s: %w", docID, to, err)
	}
	if n, _ := res.RowsAffected(); n == 1 && to == core.StateApplied {
		return appendAudit(ctx, tx, docID, core.AuditEntry{Actor: "inbox", Action: string(core.StateApplied),
			Message: "every supplier change of this 855 is decided"}, now)
	}
	return nil
}

// ErrUnknownChange is returned for an ID no proposed change has.
var ErrUnknownChange = errors.New("no such proposed change")

// DecideChange records a buyer's decision on a waiting change, with who
// and when, in one transaction. An accepted change gets the inbound
// document (kind change, received) that the engine's inbox writes into
// X3, wherever it runs; a rejected one writes nothing. A change already
// decided is refused with core.ErrDecided.
func (db *DB) DecideChange(ctx context.Context, id int64, accept bool, actor string) (core.ProposedChange, error) {
	now := db.Now()
	var c core.ProposedChange
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = readChange(ctx, tx, id); err != nil {
			return err
		}
		if c.Decision != core.DecisionPending {
			return fmt.Errorf("change %d was %s by %s at %s: %w", id, c.Decision, c.DecidedBy,
				c.DecidedAt.Local().Format("2006-01-02 15:04:05"), core.ErrDecided)
		}
		c.Decision, c.DecidedBy, c.DecidedAt = core.DecisionRejected, actor, now
		if accept {
			c.Decision = core.DecisionAccepted
		}
		if _, err := tx.ExecContext(ctx, `UPDATE review_changes SET decision = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
			c.Decision, actor, ms(now), id); err != nil {
			return fmt.Errorf("record the decision on change %d: %w", id, err)
		}
		if accept {
			if err := queueChange(ctx, tx, &c, actor, now); err != nil {
				return err
			}
		}
		if err := appendAudit(ctx, tx, c.DocumentID, decisionEntry(c, actor), now); err != nil {
			return err
		}
		return settleReview(ctx, tx, c.DocumentID, now)
	})
	return c, err
}

func decisionEntry(c core.ProposedChange, actor string) core.AuditEntry {
	if c.Decision == core.DecisionAccepted {
		return core.AuditEntry{Actor: actor, Action: "review_accepted", Message: fmt.Sprintf(
			"accepted change %d: %s; document %d writes it into Sage X3", c.ID, c.Describe(), c.WriteDocID)}
	}
	return core.AuditEntry{Actor: actor, Action: "review_rejected", Message: fmt.Sprintf(
		"rejected change %d: %s; nothing is written to Sage X3", c.ID, c.Describe())}
}

// queueChange stores the document that writes an accepted change, due at
// once. It has no Stedi processing time (source_updated 0): it did not
// come from Stedi, so it neither counts as a transaction no webhook
// delivered (silence.go) nor answers a PO (converge.go).
func queueChange(ctx context.Context, tx *sql.Tx, c *core.ProposedChange, actor string, now time.Time) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO documents (kind, direction, source_key, revision, po_number, supplier, partnership_id, content_hash,
		  state, next_attempt_at, created_at, updated_at)
		VALUES (?, 'in', ?, 1, ?, ?, ?, '', ?, ?, ?, ?)`,
		core.KindChange, "review:"+strconv.FormatInt(c.ID, 10), c.PONumber, c.Supplier, c.PartnershipID,
		core.StateReceived, ms(now), ms(now), ms(now))
	if err != nil {
		return fmt.Errorf("queue the write of change %d: %w", c.ID, err)
	}
	if c.WriteDocID, err = res.LastInsertId(); err != nil {
		return err
	}
	c.WriteState = core.StateReceived
	if _, err := tx.ExecContext(ctx, `UPDATE review_changes SET write_document_id = ? WHERE id = ?`, c.WriteDocID, c.ID); err != nil {
		return fmt.Errorf("link change %d to its write: %w", c.ID, err)
	}
	return appendAudit(ctx, tx, c.WriteDocID, core.AuditEntry{Actor: actor, Action: "accepted", Message: fmt.Sprintf(
		"%s accepted change %d proposed by the 855 of document %d: %s; the engine writes it into Sage X3",
		actor, c.ID, c.DocumentID, c.Describe())}, now)
}

func readChange(ctx context.Context, tx *sql.Tx, id int64) (core.ProposedChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+changeColumns+` WHERE r.id = ?`, id)
	if err != nil {
		return core.ProposedChange{}, fmt.Errorf("read change %d: %w", id, err)
	}
	cs, err := scanChanges(rows)
	if err != nil {
		return core.ProposedChange{}, err
	}
	if len(cs) == 0 {
		return core.ProposedChange{}, fmt.Errorf("change %d: %w", id, ErrUnknownChange)
	}
	return cs[0], nil
}

// AcceptedChange returns the change a document of kind change writes.
func (db *DB) AcceptedChange(ctx context.Context, writeDocID int64) (core.ProposedChange, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+changeColumns+` WHERE r.write_document_id = ?`, writeDocID)
	if err != nil {
		return core.ProposedChange{}, fmt.Errorf("read the change document %d writes: %w", writeDocID, err)
	}
	cs, err := scanChanges(rows)
	if err != nil {
		return core.ProposedChange{}, err
	}
	if len(cs) == 0 {
		return core.ProposedChange{}, &core.Error{Class: core.Permanent, Op: "read accepted change",
			Message: fmt.Sprintf("document %d writes no recorded change", writeDocID)}
	}
	return cs[0], nil
}

// PendingReviews counts the changes waiting for a buyer's decision.
func (db *DB) PendingReviews(ctx context.Context) (int, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM review_changes WHERE decision = 'pending'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count changes waiting for review: %w", err)
	}
	return n, nil
}
