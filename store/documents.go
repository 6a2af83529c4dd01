package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

// documentColumns is the column list scanDocuments reads, in order.
const documentColumns = `id, kind, direction, source_key, revision, purpose, po_number, supplier,
	partnership_id, transaction_setting_id, content_hash, COALESCE(idempotency_key, ''), state,
	attempts, next_attempt_at, last_error, error_class, source_updated, created_at, updated_at, first_sent_at, payload`

func scanDocuments(rows *sql.Rows, withPayload bool) ([]core.Document, error) {
	defer rows.Close()
	var docs []core.Document
	for rows.Next() {
		var d core.Document
		var next, srcUpd, created, updated, firstSent int64
		var payload []byte
		if err := rows.Scan(&d.ID, &d.Kind, &d.Direction, &d.SourceKey, &d.Revision, &d.Purpose,
			&d.PONumber, &d.Supplier, &d.PartnershipID, &d.TransactionSettingID, &d.ContentHash,
			&d.IdempotencyKey, &d.State, &d.Attempts, &next, &d.LastError, &d.ErrorClass,
			&srcUpd, &created, &updated, &firstSent, &payload); err != nil {
			return nil, fmt.Errorf("read document: %w", err)
		}
		d.NextAttemptAt, d.SourceUpdated = fromMS(next), fromMS(srcUpd)
		d.CreatedAt, d.UpdatedAt, d.FirstSentAt = fromMS(created), fromMS(updated), fromMS(firstSent)
		if withPayload {
			d.Payload = payload
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// Document reads one document with its payload.
func (db *DB) Document(ctx context.Context, id int64) (core.Document, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id)
	if err != nil {
		return core.Document{}, fmt.Errorf("read document %d: %w", id, err)
	}
	docs, err := scanDocuments(rows, true)
	if err != nil {
		return core.Document{}, err
	}
	if len(docs) == 0 {
		return core.Document{}, fmt.Errorf("document %d: %w", id, core.ErrNotFound)
	}
	return docs[0], nil
}

// Filter narrows a document listing. Zero fields match everything.
type Filter struct {
	Kind     core.Kind
	State    core.State
	PONumber string
	BeforeID int64 // page backwards from this ID (exclusive); 0 = newest
	Limit    int   // default 100
}

// ListDocuments lists documents newest first, without payloads.
func (db *DB) ListDocuments(ctx context.Context, f Filter) ([]core.Document, error) {
	var where []string
	var args []any
	add := func(cond string, v any) { where = append(where, cond); args = append(args, v) }
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.State != "" {
		add("state = ?", f.State)
	}
	if f.PONumber != "" {
		add("po_number = ?", f.PONumber)
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q := `SELECT ` + strings.Replace(documentColumns, "payload", "NULL", 1) + ` FROM documents`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return scanDocuments(rows, false)
}

// StateCount is how many documents of one kind are in one state.
type StateCount struct {
	Kind  core.Kind  `json:"kind"`
	State core.State `json:"state"`
	Count int        `json:"count"`
}

// Counts returns document counts by kind and state.
func (db *DB) Counts(ctx context.Context) ([]StateCount, error) {
	rows, err := db.r.QueryContext(ctx,
		`SELECT kind, state, COUNT(*) FROM documents GROUP BY kind, state ORDER BY kind, state`)
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	defer rows.Close()
	var out []StateCount
	for rows.Next() {
		var c StateCount
		if err := rows.Scan(&c.Kind, &c.State, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AuditTrail returns a document's audit entries, oldest first.
func (db *DB) AuditTrail(ctx context.Context, docID int64) ([]core.AuditEntry, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT id, COALESCE(document_id, 0), at, actor, action, message, COALESCE(payload_id, 0)
		FROM audit WHERE document_id = ? ORDER BY id`, docID)
	if err != nil {
		return nil, fmt.Errorf("read audit trail of %d: %w", docID, err)
	}
	return scanAudit(rows)
}

// RecentAudit returns audit entries newest first, paging back from beforeID.
func (db *DB) RecentAudit(ctx context.Context, beforeID int64, limit int) ([]core.AuditEntry, error) {
	if beforeID <= 0 {
		beforeID = 1<<63 - 1
	}
	rows, err := db.r.QueryContext(ctx, `
		SELECT id, COALESCE(document_id, 0), at, actor, action, message, COALESCE(payload_id, 0)
		FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	return scanAudit(rows)
}

func scanAudit(rows *sql.Rows) ([]core.AuditEntry, error) {
	defer rows.Close()
	var out []core.AuditEntry
	for rows.Next() {
		var e core.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &e.DocumentID, &at, &e.Actor, &e.Action, &e.Message, &e.PayloadID); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Payload reads one stored payload.
func (db *DB) Payload(ctx context.Context, id int64) (core.Payload, error) {
	p := core.Payload{ID: id}
	err := db.r.QueryRowContext(ctx, `SELECT kind, content_type, body FROM payloads WHERE id = ?`, id).
		Scan(&p.Kind, &p.ContentType, &p.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("payload %d: %w", id, core.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("read payload %d: %w", id, err)
	}
	return p, nil
}
