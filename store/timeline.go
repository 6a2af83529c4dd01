package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// timelineDocs bounds a timeline: a PO with more documents than this has
// been revised absurdly often, and the newest ones matter most.
const timelineDocs = 200

// Timeline is the history of one purchase order across its documents
// (850 revisions, 855, 856, 810 ...), for the record view.
type Timeline struct {
	Focus     int64           // the document the operator opened
	PONumber  string          // empty when the document carries none
	Documents []core.Document // with their payloads, oldest first
	Entries   []AuditRow      // every document's audit entries, by time
	Payloads  []StoredPayload // every document's stored bodies, oldest first
	// Tracking holds what the outbound documents were sent in and what
	// came back (ackquery.go), by document ID.
	Tracking map[int64]core.TrackRecord
}

// StoredPayload is a payload with the document it belongs to.
type StoredPayload struct {
	core.Payload
	DocumentID int64     `json:"document_id"`
	At         time.Time `json:"at"`
}

// Timeline loads the history of the purchase order of document docID: all
// documents with its PO number (or, without one, the same record), their
// audit entries merged by time, and their payloads.
func (db *DB) Timeline(ctx context.Context, docID int64) (Timeline, error) {
	focus, err := db.Document(ctx, docID)
	if err != nil {
		return Timeline{}, err
	}
	t := Timeline{Focus: docID, PONumber: focus.PONumber}
	cond, arg := "po_number = ?", any(focus.PONumber)
	if focus.PONumber == "" {
		cond, arg = "kind = ? AND source_key = ?", focus.Kind
	}
	args := []any{arg}
	if focus.PONumber == "" {
		args = append(args, focus.SourceKey)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE `+cond+
		` ORDER BY id DESC LIMIT ?`, append(args, timelineDocs)...)
	if err != nil {
		return t, fmt.Errorf("read documents of PO %s: %w", focus.PONumber, err)
	}
	if t.Documents, err = scanDocuments(rows, true); err != nil {
		return t, err
	}
	reverse(t.Documents)
	ids := make([]any, len(t.Documents))
	for i, d := range t.Documents {
		ids[i] = d.ID
	}
	if t.Entries, err = db.timelineEntries(ctx, ids); err != nil {
		return t, err
	}
	docIDs := make([]int64, len(t.Documents))
	for i, d := range t.Documents {
		docIDs[i] = d.ID
	}
	if t.Tracking, err = db.Tracking(ctx, docIDs...); err != nil {
		return t, err
	}
	t.Payloads, err = db.timelinePayloads(ctx, ids)
	return t, err
}

func (db *DB) timelineEntries(ctx context.Context, ids []any) ([]AuditRow, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT a.id, COALESCE(a.document_id, 0), a.at, a.actor, a.action, a.message, COALESCE(a.payload_id, 0),
		  d.kind, d.po_number, COALESCE(pl.kind, '')
		FROM audit a JOIN documents d ON d.id = a.document_id LEFT JOIN payloads pl ON pl.id = a.payload_id
		WHERE a.document_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("read timeline: %w", err)
	}
	entries, err := scanAuditRows(rows)
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].At.Equal(entries[j].At) {
			return entries[i].At.Before(entries[j].At)
		}
		return entries[i].ID < entries[j].ID
	})
	return entries, err
}

func (db *DB) timelinePayloads(ctx context.Context, ids []any) ([]StoredPayload, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT id, document_id, kind, content_type, body, created_at FROM payloads
		WHERE document_id IN (`+placeholders(len(ids))+`) ORDER BY id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("read payloads: %w", err)
	}
	defer rows.Close()
	var out []StoredPayload
	for rows.Next() {
		var p StoredPayload
		var at int64
		if err := rows.Scan(&p.ID, &p.DocumentID, &p.Kind, &p.ContentType, &p.Body, &at); err != nil {
			return nil, fmt.Errorf("read payload: %w", err)
		}
		p.At = fromMS(at)
		out = append(out, p)
	}
	return out, rows.Err()
}
