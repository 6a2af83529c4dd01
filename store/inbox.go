package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.InboxStore = (*DB)(nil)

// IntakeEvents commits inbound events in one transaction: each event id
// once, each transaction once (a second event for the same transaction
// points at the first one's document), and the cursor move, if any.
func (db *DB) IntakeEvents(ctx context.Context, entries []core.InboxEntry, cursor *core.CursorMove) ([]core.IntakeResult, error) {
	now := db.Now()
	results := make([]core.IntakeResult, len(entries))
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for i, e := range entries {
			r, err := intakeEvent(ctx, tx, e, now)
			if err != nil {
				return err
			}
			results[i] = r
		}
		if c := cursor; c != nil {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
				c.Name, ms(c.Value), ms(now)); err != nil {
				return fmt.Errorf("move cursor %s: %w", c.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

func intakeEvent(ctx context.Context, tx *sql.Tx, e core.InboxEntry, now time.Time) (core.IntakeResult, error) {
	ev := e.Event
	txID := ""
	if ev.Transaction != nil {
		txID = ev.Transaction.TransactionID
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO inbox_events (event_id, event_type, transaction_id, source, received_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`, ev.ID, ev.Type, txID, ev.Source, ms(now))
	if err != nil {
		return core.IntakeResult{}, fmt.Errorf("record event %s: %w", ev.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return core.IntakeResult{Duplicate: "event"}, nil
	}
	var r core.IntakeResult
	if e.Doc != nil {
		if r, err = insertInbound(ctx, tx, *e.Doc, now); err != nil {
			return r, err
		}
		if r.DocID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE inbox_events SET document_id = ? WHERE event_id = ?`, r.DocID, ev.ID); err != nil {
				return r, fmt.Errorf("link event %s: %w", ev.ID, err)
			}
		}
		if r.Duplicate != "" {
			return r, nil // the document's trail already holds the first delivery
		}
	}
	for _, a := range e.Audit {
		if err := appendAudit(ctx, tx, r.DocID, a, now); err != nil {
			return r, err
		}
	}
	return r, nil
}

// insertInbound stores one inbound document unless its transaction (or
// failed file) is already there.
func insertInbound(ctx context.Context, tx *sql.Tx, d core.Document, now time.Time) (core.IntakeResult, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO documents (kind, direction, source_key, revision, partnership_id, content_hash, state,
		  last_error, error_class, next_attempt_at, source_updated, created_at, updated_at, test)
		VALUES (?, 'in', ?, 1, ?, '', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		d.Kind, d.SourceKey, d.PartnershipID, d.State, d.LastError, d.ErrorClass, ms(now), ms(d.SourceUpdated), ms(now), ms(now), d.Test)
	if err != nil {
		return core.IntakeResult{}, fmt.Errorf("store inbound %s %s: %w", d.Kind, d.SourceKey, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		id, err := res.LastInsertId()
		return core.IntakeResult{DocID: id}, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE direction = 'in' AND source_key = ?`, d.SourceKey).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return core.IntakeResult{}, fmt.Errorf("store inbound %s %s: refused, and no document holds it", d.Kind, d.SourceKey)
	}
	return core.IntakeResult{DocID: id, Duplicate: "transaction"}, err
}
