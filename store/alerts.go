package store

import (
	"context"
	"database/sql"
	"fmt"
)

// AlertRecord is one problem announced and not cleared.
type AlertRecord struct {
	Key, Title, Detail string
}

// AlertMessage is one announcement a notifier has to deliver.
type AlertMessage struct {
	ID                      int64
	Notifier, Subject, Body string
}

// ActiveAlerts lists the problems announced and not cleared.
func (db *DB) ActiveAlerts(ctx context.Context) ([]AlertRecord, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT key, title, detail FROM alerts ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("read active alerts: %w", err)
	}
	defer rows.Close()
	var out []AlertRecord
	for rows.Next() {
		var a AlertRecord
		if err := rows.Scan(&a.Key, &a.Title, &a.Detail); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RecordAlerts commits raised and cleared problems and the messages that
// announce them, in one transaction. Beyond keep undelivered messages per
// notifier the oldest are given up (sent_at -1), as a notifier that has
// failed that long would otherwise flood its channel once it is back.
func (db *DB) RecordAlerts(ctx context.Context, raised []AlertRecord, cleared []string, messages []AlertMessage, keep int) error {
	now := ms(db.Now())
	return db.tx(ctx, func(tx *sql.Tx) error {
		for _, a := range raised {
			if _, err := tx.ExecContext(ctx, `INSERT INTO alerts (key, title, detail, raised_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET title = excluded.title, detail = excluded.detail`, a.Key, a.Title, a.Detail, now); err != nil {
				return fmt.Errorf("record alert %s: %w", a.Key, err)
			}
		}
		for _, k := range cleared {
			if _, err := tx.ExecContext(ctx, `DELETE FROM alerts WHERE key = ?`, k); err != nil {
				return fmt.Errorf("clear alert %s: %w", k, err)
			}
		}
		for _, m := range messages {
			if _, err := tx.ExecContext(ctx, `INSERT INTO alert_outbox (notifier, subject, body, created_at) VALUES (?, ?, ?, ?)`,
				m.Notifier, m.Subject, m.Body, now); err != nil {
				return fmt.Errorf("queue alert for %s: %w", m.Notifier, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE alert_outbox SET sent_at = -1 WHERE notifier = ? AND sent_at = 0 AND id NOT IN (
				SELECT id FROM alert_outbox WHERE notifier = ? AND sent_at = 0 ORDER BY id DESC LIMIT ?)`, m.Notifier, m.Notifier, keep); err != nil {
				return fmt.Errorf("bound the alerts of %s: %w", m.Notifier, err)
			}
		}
		return nil
	})
}

// PendingAlerts lists up to limit undelivered messages of a notifier,
// oldest first.
func (db *DB) PendingAlerts(ctx context.Context, notifier string, limit int) ([]AlertMessage, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, notifier, subject, body FROM alert_outbox
		WHERE notifier = ? AND sent_at = 0 ORDER BY id LIMIT ?`, notifier, limit)
	if err != nil {
		return nil, fmt.Errorf("read undelivered alerts: %w", err)
	}
	defer rows.Close()
	var out []AlertMessage
	for rows.Next() {
		var m AlertMessage
		if err := rows.Scan(&m.ID, &m.Notifier, &m.Subject, &m.Body); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// AlertDelivered marks one message delivered.
func (db *DB) AlertDelivered(ctx context.Context, id int64) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE alert_outbox SET sent_at = ? WHERE id = ?`, ms(db.Now()), id)
		return err
	})
}
