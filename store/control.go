package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// Control reads a named setting shared by every process on this database.
func (db *DB) Control(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := db.r.QueryRowContext(ctx, `SELECT value FROM control WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read control %s: %w", name, err)
	}
	return v, true, nil
}

// SetControl writes a named setting and records who changed it. An empty
// value clears it.
func (db *DB) SetControl(ctx context.Context, name, value, actor string) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT value FROM control WHERE name = ?`, name).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read control %s: %w", name, err)
		}
		if old == value {
			return nil
		}
		if value == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM control WHERE name = ?`, name)
		} else {
			_, err = tx.ExecContext(ctx, `
				INSERT INTO control (name, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
				name, value, ms(now))
		}
		if err != nil {
			return fmt.Errorf("write control %s: %w", name, err)
		}
		msg := fmt.Sprintf("%s set to %q", name, value)
		if value == "" {
			msg = name + " cleared"
		}
		return appendAudit(ctx, tx, 0, core.AuditEntry{Actor: actor, Action: "control", Message: msg}, now)
	})
}
