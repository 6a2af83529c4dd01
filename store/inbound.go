package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// ClaimInbound marks up to limit due inbound documents as processing and
// returns them; the attempt counts when FinishInbound records its outcome.
func (db *DB) ClaimInbound(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]core.Document, error) {
	var docs []core.Document
	err := db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			UPDATE documents SET state = 'processing', lease_until = ?, updated_at = ?
			WHERE id IN (
			  SELECT id FROM documents INDEXED BY documents_inbox
			  WHERE direction = 'in' AND state IN ('received', 'retrying') AND next_attempt_at <= ?
			  ORDER BY next_attempt_at, id LIMIT ?)
			RETURNING `+documentColumns, ms(now.Add(lease)), ms(now), ms(now), limit)
		if err != nil {
			return fmt.Errorf("claim inbound documents: %w", err)
		}
		docs, err = scanDocuments(rows, false)
		return err
	})
	return docs, err
}

// RequeueInbound returns processing documents whose lease ends by
// leaseEnd (their process died) to the queue, with their attempt count and
// their old due time, so they keep their place. Applying them again is
// safe: only columns that differ from X3 are written.
func (db *DB) RequeueInbound(ctx context.Context, leaseEnd time.Time) (int, error) {
	var n int
	now := db.Now()
	err := db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			UPDATE documents SET state = CASE WHEN attempts = 0 THEN 'received' ELSE 'retrying' END,
			  lease_until = 0, updated_at = ?
			WHERE direction = 'in' AND state = 'processing' AND lease_until <= ? RETURNING id`, ms(now), ms(leaseEnd))
		if err != nil {
			return fmt.Errorf("requeue inbound documents: %w", err)
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range ids {
			e := core.AuditEntry{Actor: "inbox", Action: "requeued",
				Message: "applying it was interrupted (restart or crash); it is applied again, and what X3 already holds is not written twice"}
			if err := appendAudit(ctx, tx, id, e, now); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// FinishInbound records one attempt's outcome; when the document is
// applied, also what it shipped and the POs it answered, whose 850s are
// settled (converge.go).
func (db *DB) FinishInbound(ctx context.Context, o core.InboundOutcome) error {
	now := db.Now()
	counted := 1
	if o.GiveBack {
		counted = 0
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE documents SET state = ?, next_attempt_at = ?, lease_until = 0, last_error = ?, error_class = ?,
			  attempts = attempts + ?, po_number = CASE WHEN ? <> '' THEN ? ELSE po_number END,
			  supplier = CASE WHEN ? <> '' THEN ? ELSE supplier END,
			  content_hash = CASE WHEN ? <> '' THEN ? ELSE content_hash END, updated_at = ?
			WHERE id = ? AND state = 'processing'`,
			o.State, ms(o.NextAttemptAt), o.Error, o.ErrorClass, counted, o.PONumber, o.PONumber,
			o.Supplier, o.Supplier, o.ContentHash, o.ContentHash, ms(now), o.DocID)
		if err != nil {
			return fmt.Errorf("record outcome of inbound document %d: %w", o.DocID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // no longer ours (requeued after its lease): the other attempt records its own outcome
		}
		for _, e := range o.Audit {
			if err := appendAudit(ctx, tx, o.DocID, e, now); err != nil {
				return err
			}
		}
		if err := recordAcknowledgments(ctx, tx, o, now); err != nil { // acks.go: 997s, and the clocks 855s and 856s stop
			return err
		}
		if o.State != core.StateApplied && o.State != core.StateReview {
			return nil
		}
		if err := recordReview(ctx, tx, o, now); err != nil { // review.go
			return err
		}
		if err := recordShipped(ctx, tx, o); err != nil {
			return err
		}
		if err := recordX3Shipment(ctx, tx, o); err != nil { // x3shipments.go
			return err
		}
		return recordAnswers(ctx, tx, o, now)
	})
}

func recordShipped(ctx context.Context, tx *sql.Tx, o core.InboundOutcome) error {
	for _, s := range o.Shipped {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO shipped_lines (document_id, po_number, line, quantity, delivery) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (document_id, po_number, line) DO UPDATE SET quantity = excluded.quantity, delivery = excluded.delivery`,
			o.DocID, s.PONumber, s.Line, s.Quantity, s.Delivery); err != nil {
			return fmt.Errorf("record what document %d shipped: %w", o.DocID, err)
		}
	}
	return nil
}

// History sums what the other applied 856s shipped of a PO.
func (db *DB) History(ctx context.Context, po string, excludeDoc int64) (core.History, error) {
	h := core.History{Shipped: map[int]float64{}, Delivery: map[int]string{}}
	rows, err := db.r.QueryContext(ctx, `
		SELECT s.line, SUM(s.quantity), MAX(s.delivery), MAX(d.source_updated)
		FROM shipped_lines s JOIN documents d ON d.id = s.document_id
		WHERE s.po_number = ? AND s.document_id <> ? AND d.state = 'applied'
		GROUP BY s.line`, po, excludeDoc)
	if err != nil {
		return h, fmt.Errorf("read shipments of PO %s: %w", po, err)
	}
	defer rows.Close()
	for rows.Next() {
		var line int
		var qty float64
		var delivery string
		var latest int64
		if err := rows.Scan(&line, &qty, &delivery, &latest); err != nil {
			return h, err
		}
		h.Shipped[line], h.Delivery[line] = qty, delivery
		if t := fromMS(latest); t.After(h.LatestASN) {
			h.LatestASN = t
		}
	}
	return h, rows.Err()
}

// AcknowledgmentPending reports whether an 855 for po, or an 855 from the
// same partnership whose PO is not known yet, is still waiting; so does a
// supplier change a buyer accepted that is not written yet (it may be the
// quantity the ship notice is checked against), and so does a thin event's
// transaction not yet resolved (core/inbox_thin.go).
func (db *DB) AcknowledgmentPending(ctx context.Context, po, partnershipID string) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `
		SELECT COUNT(*) FROM documents
		WHERE direction = 'in' AND state IN ('received', 'retrying', 'processing')
		  AND (kind IN ('855', 'change') AND (po_number = ? OR (po_number = '' AND partnership_id = ?))
				    OR kind = 'transaction')`, po, partnershipID).Scan(&n) // a thin event's transaction may be any PO's 855 until resolved
	if err != nil {
		return false, fmt.Errorf("look for pending acknowledgments of PO %s: %w", po, err)
	}
	return n > 0, nil
}

// Absorb records an 850 content hash a write-back leaves a PO with.
func (db *DB) Absorb(ctx context.Context, po string, a core.Absorbed) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO absorbed_hashes (po_number, content_hash, revision, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (po_number, content_hash) DO UPDATE SET revision = excluded.revision, updated_at = excluded.updated_at`,
			po, a.Hash, a.Revision, ms(now))
		if err != nil {
			return fmt.Errorf("record absorbed 850 content of PO %s: %w", po, err)
		}
		return nil
	})
}

// IsAbsorbed reports whether hash is 850 content a write-back left a PO
// with since 850 revision rev.
func (db *DB) IsAbsorbed(ctx context.Context, po string, rev int, hash string) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `
		SELECT COUNT(*) FROM absorbed_hashes WHERE po_number = ? AND content_hash = ? AND revision = ?`, po, hash, rev).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read absorbed 850 content of PO %s: %w", po, err)
	}
	return n > 0, nil
}
