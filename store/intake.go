package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// SourceStamp returns the X3 update stamp last seen for a record.
func (db *DB) SourceStamp(ctx context.Context, kind core.Kind, key string) (core.KindStamp, bool, error) {
	s := core.KindStamp{Kind: kind, Key: key}
	var upd, mark int64
	err := db.r.QueryRowContext(ctx,
		`SELECT updated, read_mark FROM source_stamps WHERE kind = ? AND source_key = ?`, kind, key).Scan(&upd, &mark)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("read stamp of %s %s: %w", kind, key, err)
	}
	s.Updated, s.ReadMark = fromMS(upd), fromMS(mark)
	return s, true, nil
}

// Rereads lists the records an operator asked to read again.
func (db *DB) Rereads(ctx context.Context, kind core.Kind) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT source_key FROM source_stamps WHERE kind = ? AND updated = 0`, kind)
	if err != nil {
		return nil, fmt.Errorf("list records to read again: %w", err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// mayHaveGone is true of a revision (s) that reached, or may have
// reached, the partner.
const mayHaveGone = `(s.state IN ('sent', 'sending', 'acknowledged', 'shipped') OR s.first_sent_at > 0)`

// LatestRevision returns the newest stored revision of a record.
func (db *DB) LatestRevision(ctx context.Context, kind core.Kind, key string) (core.Revision, bool, error) {
	var rev core.Revision
	err := db.r.QueryRowContext(ctx, `
		SELECT id, revision, content_hash, state,
		       EXISTS (SELECT 1 FROM documents s WHERE s.kind = d.kind AND s.source_key = d.source_key AND s.test = 0 AND `+mayHaveGone+`),
		       EXISTS (SELECT 1 FROM documents s WHERE s.kind = d.kind AND s.source_key = d.source_key AND s.test = 1 AND `+mayHaveGone+`)
		FROM documents d WHERE kind = ? AND source_key = ?
		ORDER BY revision DESC LIMIT 1`, kind, key).
		Scan(&rev.ID, &rev.Number, &rev.Hash, &rev.State, &rev.AnySent, &rev.AnyTestSent)
	if errors.Is(err, sql.ErrNoRows) {
		return core.Revision{}, false, nil
	}
	if err != nil {
		return core.Revision{}, false, fmt.Errorf("read latest revision of %s %s: %w", kind, key, err)
	}
	return rev, true, nil
}

// Cursor returns the named poll cursor, zero when never set.
func (db *DB) Cursor(ctx context.Context, name string) (time.Time, error) {
	var v int64
	err := db.r.QueryRowContext(ctx, `SELECT value FROM cursors WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read cursor %s: %w", name, err)
	}
	return fromMS(v), nil
}

// Intake commits one poll's new revisions, stamps and cursor together.
func (db *DB) Intake(ctx context.Context, in core.Intake) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, nd := range in.New {
			if err := insertRevision(ctx, tx, nd, in.Actor, now); err != nil {
				return err
			}
		}
		for _, s := range in.Stamps {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO source_stamps (kind, source_key, updated, read_mark) VALUES (?, ?, ?, ?)
				ON CONFLICT (kind, source_key) DO UPDATE SET updated = excluded.updated, read_mark = excluded.read_mark`,
				s.Kind, s.Key, ms(s.Updated), ms(s.ReadMark)); err != nil {
				return fmt.Errorf("save stamp of %s %s: %w", s.Kind, s.Key, err)
			}
		}
		if c := in.Cursor; c != nil {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
				c.Name, ms(c.Value), ms(now)); err != nil {
				return fmt.Errorf("move cursor %s: %w", c.Name, err)
			}
		}
		return nil
	})
}

func insertRevision(ctx context.Context, tx *sql.Tx, nd core.NewDocument, actor string, now time.Time) error {
	d := nd.Doc
	if err := supersede(ctx, tx, nd, actor, now); err != nil {
		return err
	}
	lines, err := orderLinesJSON(nd.Lines)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO documents (kind, direction, source_key, revision, purpose, po_number, supplier,
		  partnership_id, transaction_setting_id, content_hash, idempotency_key, state,
		  last_error, error_class, next_attempt_at, source_updated, payload, created_at, updated_at, test, x12_release,
		  set_id, order_lines)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Kind, d.Direction, d.SourceKey, d.Revision, d.Purpose, d.PONumber, d.Supplier,
		d.PartnershipID, d.TransactionSettingID, d.ContentHash, d.IdempotencyKey, d.State,
		d.LastError, d.ErrorClass, ms(now), ms(d.SourceUpdated), []byte(d.Payload), ms(now), ms(now), d.Test, d.Release,
		d.Set, lines)
	if err != nil {
		return fmt.Errorf("store %s %s revision %d: %w", d.Kind, d.SourceKey, d.Revision, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for _, e := range revisionEntries(nd, actor) {
		if err := appendAudit(ctx, tx, id, e, now); err != nil {
			return err
		}
	}
	return nil
}

// supersede retires the older revision nd replaces, if it is still unsent.
func supersede(ctx context.Context, tx *sql.Tx, nd core.NewDocument, actor string, now time.Time) error {
	if nd.Supersede == 0 {
		return nil
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE documents SET state = 'superseded', updated_at = ?
		WHERE id = ? AND state IN ('pending', 'retrying', 'failed')`, ms(now), nd.Supersede)
	if err != nil {
		return fmt.Errorf("supersede document %d: %w", nd.Supersede, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil
	}
	msg := fmt.Sprintf("replaced by revision %d before it was sent", nd.Doc.Revision)
	if nd.Doc.State == core.StateClosed {
		msg = fmt.Sprintf("withdrawn before it was sent: revision %d records that %s", nd.Doc.Revision, nd.Note)
	}
	return appendAudit(ctx, tx, nd.Supersede, core.AuditEntry{Actor: actor, Action: "superseded", Message: msg}, now)
}

// revisionEntries are the trail of a new revision: the X3 record read,
// then what the revision is (queued to go out, or closed with nothing to send).
func revisionEntries(nd core.NewDocument, actor string) []core.AuditEntry {
	d := nd.Doc
	read := core.AuditEntry{Actor: actor, Action: "read", Message: "read from Sage X3",
		Payload: &core.Payload{Kind: core.PayloadX3Record, ContentType: "application/json", Body: nd.X3Record}}
	if d.State == core.StateClosed {
		return []core.AuditEntry{read, {Actor: actor, Action: "closed", Message: nd.Note}}
	}
	// The Guide JSON is the document's own payload, which no statement
	// can change (see the documents_payload_immutable trigger).
	msg := fmt.Sprintf("%s %s revision %d queued (purpose %s)", d.Kind, d.SourceKey, d.Revision, d.Purpose)
	if d.Kind == core.Kind850 && d.Direction == core.Outbound {
		msg = fmt.Sprintf("%s %s revision %d queued: %s (purpose %s)", d.Kind, d.SourceKey, d.Revision, d.Describe(), d.Purpose)
	}
	if nd.Note != "" {
		msg += "; " + nd.Note
	}
	return []core.AuditEntry{read, {Actor: actor, Action: "queued", Message: msg}}
}

// orderLinesJSON is the order_lines column: NULL when the revision tells no lines.
func orderLinesJSON(lines []core.OrderLine) (any, error) {
	if lines == nil {
		return nil, nil
	}
	b, err := json.Marshal(lines)
	if err != nil {
		return nil, fmt.Errorf("encode order lines: %w", err)
	}
	return string(b), nil
}

// SentLines returns the order lines of the newest revision of a record
// that may have reached the partner, among its test or production ones.
func (db *DB) SentLines(ctx context.Context, kind core.Kind, key string, test bool) ([]core.OrderLine, bool, error) {
	var raw sql.NullString
	err := db.r.QueryRowContext(ctx, `
		SELECT s.order_lines FROM documents s
		WHERE s.kind = ? AND s.source_key = ? AND s.test = ? AND `+mayHaveGone+`
		ORDER BY s.revision DESC LIMIT 1`, kind, key, test).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !raw.Valid {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read the lines last sent of %s %s: %w", kind, key, err)
	}
	var lines []core.OrderLine
	if err := json.Unmarshal([]byte(raw.String), &lines); err != nil {
		return nil, false, fmt.Errorf("decode the lines last sent of %s %s: %w", kind, key, err)
	}
	return lines, true, nil
}
