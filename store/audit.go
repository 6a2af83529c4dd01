package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// appendAudit writes one audit entry (and its payload, if any) inside tx.
// docID 0 means an entry about the whole system rather than one document.
func appendAudit(ctx context.Context, tx *sql.Tx, docID int64, e core.AuditEntry, now time.Time) error {
	var payloadID sql.NullInt64
	if p := e.Payload; p != nil && len(p.Body) > 0 {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO payloads (document_id, kind, content_type, body, created_at) VALUES (?, ?, ?, ?, ?)`,
			nullID(docID), p.Kind, p.ContentType, p.Body, ms(now))
		if err != nil {
			return fmt.Errorf("store %s payload: %w", p.Kind, err)
		}
		id, _ := res.LastInsertId()
		payloadID = sql.NullInt64{Int64: id, Valid: true}
	}
	at := e.At
	if at.IsZero() {
		at = now
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit (document_id, at, actor, action, message, payload_id) VALUES (?, ?, ?, ?, ?, ?)`,
		nullID(docID), ms(at), e.Actor, e.Action, e.Message, payloadID)
	if err != nil {
		return fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	return nil
}

// AppendAudit writes entries that belong to no single state change, such
// as a poll summary or an operator's action.
func (db *DB) AppendAudit(ctx context.Context, docID int64, entries ...core.AuditEntry) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, e := range entries {
			if err := appendAudit(ctx, tx, docID, e, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}
