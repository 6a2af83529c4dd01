package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// RequeueExpired returns documents whose sending lease ran out to the
// queue. A lapsed claim is no attempt (its outcome was never known), so it
// keeps its attempt count, and its due time: it takes its old place in
// the queue, ahead of the backlog, since Stedi may already hold it. The
// unchanged idempotency key makes the resend safe.
func (db *DB) RequeueExpired(ctx context.Context, leasesBefore, now time.Time) (int, error) {
	var n int
	err := db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			UPDATE documents SET state = CASE WHEN attempts = 0 THEN 'pending' ELSE 'retrying' END,
			  lease_until = 0, updated_at = ?
			WHERE state = 'sending' AND lease_until <= ? RETURNING id`, ms(now), ms(leasesBefore))
		if err != nil {
			return fmt.Errorf("requeue expired leases: %w", err)
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range ids {
			e := core.AuditEntry{Actor: "sender", Action: "requeued",
				Message: "the previous attempt was interrupted (restart or crash); it keeps its place in the queue and its attempt count, and is resent with the same idempotency key"}
			if err := appendAudit(ctx, tx, id, e, now); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// ClaimDue marks up to limit due outbound documents as sending. The
// attempt counts only once its outcome is recorded (Complete). The first
// claim of a revision stamps first_sent_at: its request may reach Stedi
// from now on. A revision waits while an older revision of the same record
// is still to go or going, so revisions reach the partner in their order:
// a cancellation never overtakes the order it cancels.
func (db *DB) ClaimDue(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]core.Document, error) {
	var docs []core.Document
	err := db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			UPDATE documents SET state = 'sending', lease_until = ?, updated_at = ?,
			  first_sent_at = CASE WHEN first_sent_at = 0 THEN ? ELSE first_sent_at END
			WHERE id IN (
			  SELECT id FROM documents d INDEXED BY documents_outbox
			  WHERE direction = 'out' AND state IN ('pending', 'retrying') AND next_attempt_at <= ?
			    AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.kind = d.kind AND o.source_key = d.source_key
			      AND o.revision < d.revision AND o.direction = 'out' AND o.state IN ('pending', 'retrying', 'sending'))
			  ORDER BY next_attempt_at, id LIMIT ?)
			RETURNING `+documentColumns, ms(now.Add(lease)), ms(now), ms(now), ms(now), limit)
		if err != nil {
			return fmt.Errorf("claim due documents: %w", err)
		}
		docs, err = scanDocuments(rows, true)
		return err
	})
	return docs, err
}

// Complete records attempt outcomes and their audit entries in one transaction.
func (db *DB) Complete(ctx context.Context, outcomes []core.Outcome) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, o := range outcomes {
			if err := completeOne(ctx, tx, o, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func completeOne(ctx context.Context, tx *sql.Tx, o core.Outcome, now time.Time) error {
	counted := 1
	if o.GiveBack {
		counted = 0
	}
	var kind core.Kind
	var key string
	err := tx.QueryRowContext(ctx, `
		UPDATE documents SET state = ?, next_attempt_at = ?, lease_until = 0, last_error = ?,
		  error_class = ?, attempts = attempts + ?, updated_at = ?,
		  first_sent_at = CASE WHEN ? > 0 THEN ? ELSE first_sent_at END
		WHERE id = ? AND state = 'sending' RETURNING kind, source_key`,
		o.State, ms(o.NextAttemptAt), o.Error, o.ErrorClass, counted, ms(now),
		ms(o.WindowFrom), ms(o.WindowFrom), o.DocID).Scan(&kind, &key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// No longer claimed (its lease lapsed and it was requeued): the
		// outcome still goes into the trail, the state stays the queue's.
	case err != nil:
		return fmt.Errorf("record outcome of document %d: %w", o.DocID, err)
	}
	for _, e := range o.Audit {
		if err := appendAudit(ctx, tx, o.DocID, e, now); err != nil {
			return err
		}
	}
	if err := recordSent(ctx, tx, o, now); err != nil { // tracking.go
		return err
	}
	if o.State == core.StateSent && kind == core.Kind850 {
		return settle850(ctx, tx, key, "sender", now)
	}
	return nil
}

// Replay returns failed documents to the queue with a fresh attempt budget.
// A failed document that never had a payload (X3 could not serve or map
// the record) cannot be resent: its record is marked unseen instead, so the
// next poll reads and maps it again, with whatever was fixed since. An
// inbound 855 or 856 returns to the inbox (received) and is applied again
// against X3 as it is now; a failed Stedi file cannot be replayed here.
// Nor can a document the partner's 997 rejected: the same content would
// be refused again (and, within 24 hours, Stedi would answer from its
// idempotency cache without sending it); the fix is a change in X3, which
// sends a replacement.
func (db *DB) Replay(ctx context.Context, ids []int64, actor string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	now := db.Now()
	var n int
	err := db.tx(ctx, func(tx *sql.Tx) error {
		args := []any{ms(now), ms(now)}
		for _, id := range ids {
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, `
			UPDATE documents SET state = CASE direction WHEN 'in' THEN 'received' ELSE 'pending' END,
			  attempts = 0, next_attempt_at = ?, updated_at = ?
			WHERE state = 'failed' AND (idempotency_key IS NOT NULL OR (direction = 'in' AND kind IN ('855', '856', '997', '999', 'change')))
			  AND id NOT IN (SELECT document_id FROM ack_tracking WHERE fa_status IN `+rejectedStatuses+`)
			  AND id IN (`+placeholders(len(ids))+`) RETURNING id`, args...)
		if err != nil {
			return fmt.Errorf("replay: %w", err)
		}
		done, err := scanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range done {
			e := core.AuditEntry{Actor: actor, Action: "replay", Message: "returned to the queue from the failed queue"}
			if err := appendAudit(ctx, tx, id, e, now); err != nil {
				return err
			}
		}
		reread, err := markForReread(ctx, tx, ids, actor, now)
		n = len(done) + reread
		return err
	})
	return n, err
}

// markForReread zeroes the stamps of failed documents that have no
// payload: the poller reads records with a zero stamp at its next poll,
// whether X3 lists them as changed or not.
func markForReread(ctx context.Context, tx *sql.Tx, ids []int64, actor string, now time.Time) (int, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT id, kind, source_key FROM documents
		WHERE state = 'failed' AND idempotency_key IS NULL AND direction = 'out' AND id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return 0, fmt.Errorf("replay: %w", err)
	}
	type rec struct {
		id        int64
		kind, key string
	}
	var recs []rec
	for rows.Next() {
		var r rec
		if err := rows.Scan(&r.id, &r.kind, &r.key); err != nil {
			rows.Close()
			return 0, err
		}
		recs = append(recs, r)
	}
	rows.Close()
	for _, r := range recs {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO source_stamps (kind, source_key, updated, read_mark) VALUES (?, ?, 0, 0)
			ON CONFLICT (kind, source_key) DO UPDATE SET updated = 0, read_mark = 0`, r.kind, r.key); err != nil {
			return 0, fmt.Errorf("replay %d: %w", r.id, err)
		}
		e := core.AuditEntry{Actor: actor, Action: "replay",
			Message: "the record will be read from Sage X3 and mapped again at the next poll"}
		if err := appendAudit(ctx, tx, r.id, e, now); err != nil {
			return 0, err
		}
	}
	return len(recs), rows.Err()
}

// FailedIDs lists the documents waiting in the failed queue.
func (db *DB) FailedIDs(ctx context.Context) ([]int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM documents WHERE state = 'failed' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list failed documents: %w", err)
	}
	return scanIDs(rows)
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
