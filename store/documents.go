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

// documentColumns is the column list scanDocuments reads, in order.
const documentColumns = `id, kind, direction, source_key, revision, purpose, po_number, supplier,
	partnership_id, transaction_setting_id, content_hash, COALESCE(idempotency_key, ''), state,
	attempts, next_attempt_at, last_error, error_class, source_updated, created_at, updated_at, first_sent_at, test, x12_release, set_id, payload`

func scanDocuments(rows *sql.Rows, withPayload bool) ([]core.Document, error) {
	defer rows.Close()
	var docs []core.Document
	for rows.Next() {
		d, err := scanDocument(rows, withPayload)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// scanDocument reads the row rows is on.
func scanDocument(rows *sql.Rows, withPayload bool) (core.Document, error) {
	var d core.Document
	var next, srcUpd, created, updated, firstSent int64
	var payload []byte
	if err := rows.Scan(&d.ID, &d.Kind, &d.Direction, &d.SourceKey, &d.Revision, &d.Purpose,
		&d.PONumber, &d.Supplier, &d.PartnershipID, &d.TransactionSettingID, &d.ContentHash,
		&d.IdempotencyKey, &d.State, &d.Attempts, &next, &d.LastError, &d.ErrorClass,
		&srcUpd, &created, &updated, &firstSent, &d.Test, &d.Release, &d.Set, &payload); err != nil {
		return d, fmt.Errorf("read document: %w", err)
	}
	d.NextAttemptAt, d.SourceUpdated = fromMS(next), fromMS(srcUpd)
	d.CreatedAt, d.UpdatedAt, d.FirstSentAt = fromMS(created), fromMS(updated), fromMS(firstSent)
	if withPayload {
		d.Payload = payload
	}
	return d, nil
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
	Test     *bool // only test documents (true) or only production ones (false)
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
	if f.Test != nil {
		add("test = ?", *f.Test)
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

// ReleaseCount is how many outbound documents of one kind, written for
// one X12 release, are in one state.
type ReleaseCount struct {
	Release string     `json:"release"`
	Kind    core.Kind  `json:"kind"`
	State   core.State `json:"state"`
	Test    bool       `json:"test,omitempty"`
	Count   int        `json:"count"`
}

// ReleaseCounts counts outbound documents by release, kind, state and test.
func (db *DB) ReleaseCounts(ctx context.Context) ([]ReleaseCount, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT x12_release, kind, state, test, COUNT(*) FROM documents
		WHERE direction = 'out' GROUP BY x12_release, kind, state, test ORDER BY x12_release, kind, state, test`)
	if err != nil {
		return nil, fmt.Errorf("count documents by release: %w", err)
	}
	defer rows.Close()
	out := []ReleaseCount{}
	for rows.Next() {
		var c ReleaseCount
		if err := rows.Scan(&c.Release, &c.Kind, &c.State, &c.Test, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// StateCount is how many documents of one kind are in one state.
type StateCount struct {
	Kind  core.Kind  `json:"kind"`
	State core.State `json:"state"`
	Count int        `json:"count"`
}

// Counts returns the counts of production documents by kind and state;
// TestCounts those of test documents.
func (db *DB) Counts(ctx context.Context) ([]StateCount, error) { return db.counts(ctx, false) }

// TestCounts returns the counts of test documents by kind and state.
func (db *DB) TestCounts(ctx context.Context) ([]StateCount, error) { return db.counts(ctx, true) }

func (db *DB) counts(ctx context.Context, test bool) ([]StateCount, error) {
	rows, err := db.r.QueryContext(ctx,
		`SELECT kind, state, COUNT(*) FROM documents WHERE test = ? GROUP BY kind, state ORDER BY kind, state`, test)
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

// NewestPO is the PO number of the newest 850 of supplier, "" if none.
func (db *DB) NewestPO(ctx context.Context, supplier string) string {
	var po string
	_ = db.r.QueryRowContext(ctx, `SELECT po_number FROM documents WHERE kind = '850' AND supplier = ?
		ORDER BY source_updated DESC, id DESC LIMIT 1`, supplier).Scan(&po)
	return po
}

// EachRecentOutbound calls fn, oldest first, for every outbound 850 and
// 810 revision created at or after since that is not superseded, with its
// payload; one document in memory at a time.
func (db *DB) EachRecentOutbound(ctx context.Context, since time.Time, fn func(core.Document) error) error {
	rows, err := db.r.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents
		WHERE direction = 'out' AND kind IN ('850', '810') AND state <> 'superseded' AND created_at >= ? ORDER BY id`, ms(since))
	if err != nil {
		return fmt.Errorf("list recent outbound documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDocument(rows, true)
		if err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}
