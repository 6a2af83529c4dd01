package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// SentDocuments finds what went out in one functional group: the set
// setID/setControl, or every set of the group when setControl is "".
// Stedi numbers groups per partnership and numbers wrap, so only the
// latest interchange that used the group control number counts.
func (db *DB) SentDocuments(ctx context.Context, partnershipID, groupID string, groupControl int64, setID, setControl string) ([]core.SentRef, error) {
	rows, err := db.r.QueryContext(ctx, `
		WITH latest AS (
		  SELECT interchange, sent_at FROM ack_tracking
		  WHERE group_control = ? AND (? = '' OR partnership_id = ?) AND (? = '' OR group_id = ?)
		  ORDER BY sent_at DESC, document_id DESC LIMIT 1)
		SELECT t.document_id, t.kind, t.po_number, t.supplier, t.interchange, t.group_id, t.group_control,
		  t.release, t.set_id, t.set_control
		FROM ack_tracking t, latest l
		WHERE t.group_control = ? AND t.interchange = l.interchange AND (? = '' OR t.partnership_id = ?)
		  AND (? = '' OR t.group_id = ?) AND (? = '' OR t.set_id = ?) AND (? = '' OR t.set_control = ?)
		ORDER BY t.sent_at DESC, t.document_id DESC`,
		groupControl, partnershipID, partnershipID, groupID, groupID,
		groupControl, partnershipID, partnershipID, groupID, groupID, setID, setID, setControl, setControl)
	if err != nil {
		return nil, fmt.Errorf("find what was sent in group %s %d: %w", groupID, groupControl, err)
	}
	defer rows.Close()
	var out []core.SentRef
	for rows.Next() {
		var r core.SentRef
		e := &r.Envelope
		if err := rows.Scan(&r.DocID, &r.Kind, &r.PONumber, &r.Supplier, &e.Interchange, &e.GroupID, &e.GroupControl,
			&e.Release, &e.SetID, &e.SetControl); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SendsInFlight reports whether an outbound document to partnershipID
// ("" for any) has a request that may have reached Stedi (first_sent_at)
// with no outcome recorded: being sent, or waiting to be resent after a
// lost answer or a crash. Stedi may hold it and its partner may answer
// it before the envelope Stedi generated for it is known here.
func (db *DB) SendsInFlight(ctx context.Context, partnershipID string) (bool, error) {
	var busy bool
	err := db.r.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM documents WHERE direction = 'out' AND first_sent_at > 0
		  AND state IN ('sending', 'pending', 'retrying') AND (? = '' OR partnership_id = ?))`,
		partnershipID, partnershipID).Scan(&busy)
	if err != nil {
		return false, fmt.Errorf("look for sends in flight: %w", err)
	}
	return busy, nil
}

// recordAcknowledgments stops the clocks an inbound document answers: a 997's set
// responses (and a rejection's move to the failed queue), or the first
// 855 or 856 of a PO. It runs whatever the document's outcome, once its PO
// is known: the partner answered even if X3 could not take the answer yet.
func recordAcknowledgments(ctx context.Context, tx *sql.Tx, o core.InboundOutcome, now time.Time) error {
	switch {
	case core.IsFunctionalAck(o.Kind) && (o.State == core.StateApplied || o.State == core.StateFailed):
		for _, r := range o.Acks {
			if err := recordAck(ctx, tx, o.DocID, o.Kind, r, now); err != nil {
				return err
			}
		}
	case (o.Kind == core.Kind855 || o.Kind == core.Kind856) && o.PONumber != "":
		return trackAnswer(ctx, tx, o)
	}
	return nil
}

// answerTime is when Stedi processed an inbound document (when it came,
// if Stedi did not say): the partner's answer time, whatever our delays.
const answerTime = `(SELECT CASE WHEN source_updated > 0 THEN source_updated ELSE created_at END FROM documents WHERE id = ?)`

func trackAnswer(ctx context.Context, tx *sql.Tx, o core.InboundOutcome) error {
	set := `poa_at = ` + answerTime + `, poa_changes = ?`
	args := []any{o.DocID, o.Changes}
	col := "poa_at"
	if o.Kind == core.Kind856 {
		set, args, col = `asn_at = `+answerTime, []any{o.DocID}, "asn_at"
	}
	// The answer belongs to the newest revision sent by the time Stedi
	// processed it (a partner cannot answer what it has not received), as
	// the 850's state does (converge.go); one older than every send to the
	// oldest revision.
	_, err := tx.ExecContext(ctx, `
		UPDATE ack_tracking SET `+set+`
		WHERE `+col+` = 0 AND document_id = COALESCE(
		  (SELECT document_id FROM ack_tracking WHERE po_number = ? AND kind = '850' AND sent_at <= `+answerTime+`
		   ORDER BY sent_at DESC, document_id DESC LIMIT 1),
		  (SELECT document_id FROM ack_tracking WHERE po_number = ? AND kind = '850' ORDER BY sent_at, document_id LIMIT 1))`,
		append(args, o.PONumber, o.DocID, o.PONumber)...)
	if err != nil {
		return fmt.Errorf("record the %s of PO %s: %w", o.Kind, o.PONumber, err)
	}
	return nil
}

// recordAck keeps one set response and applies it to the document it
// answers: the 997 clock stops, and a rejection moves the document to the
// failed queue with the partner's reason; the partner will not answer a
// document it refused, so its 855 and 856 are no longer awaited.
func recordAck(ctx context.Context, tx *sql.Tx, ackDoc int64, kind core.Kind, r core.AckRecord, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO functional_acks (ack_document_id, document_id, partnership_id, group_id, group_control, set_id,
		  set_control, status, detail, at)
		SELECT ?, ?, partnership_id, ?, ?, ?, ?, ?, ?, ? FROM documents WHERE id = ?
		ON CONFLICT (ack_document_id, group_control, set_control) DO UPDATE SET document_id = excluded.document_id,
		  status = excluded.status, detail = excluded.detail, at = excluded.at`,
		ackDoc, nullID(r.DocID), r.GroupID, r.GroupControl, r.SetID, r.SetControl, r.Status, r.Detail, ms(now), ackDoc)
	if err != nil || r.DocID == 0 {
		return wrapf(err, "record 997 document %d", ackDoc)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE ack_tracking SET fa_at = CASE WHEN fa_at = 0 THEN `+answerTime+` ELSE fa_at END, fa_status = ?
		WHERE document_id = ?`, ackDoc, r.Status, r.DocID); err != nil {
		return fmt.Errorf("record the 997 of document %d: %w", r.DocID, err)
	}
	msg := fmt.Sprintf("the partner's %s (document %d) for group %s %d set %s %s: %s", kind, ackDoc, r.GroupID,
		r.GroupControl, r.SetID, r.SetControl, r.Detail)
	if !r.Rejects() {
		return appendAudit(ctx, tx, r.DocID, core.AuditEntry{Actor: "inbox", Action: "acknowledged_997", Message: msg}, now)
	}
	return rejectSent(ctx, tx, r.DocID, "refused in "+msg, now)
}

// rejectSent moves a sent document the partner refused to the failed queue.
func rejectSent(ctx context.Context, tx *sql.Tx, docID int64, reason string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `
		UPDATE documents SET state = 'failed', last_error = ?, error_class = ?, updated_at = ?
		WHERE id = ? AND state IN ('sent', 'acknowledged', 'shipped')`,
		reason, core.Permanent, ms(now), docID); err != nil {
		return fmt.Errorf("move rejected document %d to the failed queue: %w", docID, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE ack_tracking SET poa_due = CASE WHEN poa_at = 0 THEN 0 ELSE poa_due END,
		  asn_due = CASE WHEN asn_at = 0 THEN 0 ELSE asn_due END WHERE document_id = ?`, docID); err != nil {
		return fmt.Errorf("stop awaiting answers to rejected document %d: %w", docID, err)
	}
	return appendAudit(ctx, tx, docID, core.AuditEntry{Actor: "inbox", Action: "rejected_997",
		Message: reason + " (moved to the failed queue: fix the record in Sage X3, which sends a replacement)"}, now)
}

func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
