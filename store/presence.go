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

var _ core.PresenceStore = (*DB)(nil)

// ClaimPresence registers s as the database's engine unless another engine
// beat after staleBefore.
func (db *DB) ClaimPresence(ctx context.Context, s core.EngineStatus, staleBefore time.Time) error {
	body, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode engine status: %w", err)
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		var pid int
		var host string
		var beat int64
		err := tx.QueryRowContext(ctx, `SELECT pid, host, beat_at FROM engine_presence WHERE id = 1`).Scan(&pid, &host, &beat)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("read engine presence: %w", err)
		case (pid != s.PID || host != s.Host) && beat > ms(staleBefore):
			return &core.EngineRunningError{PID: pid, Host: host, Beat: fromMS(beat)}
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO engine_presence (id, pid, host, started_at, beat_at, status) VALUES (1, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host,
			  started_at = excluded.started_at, beat_at = excluded.beat_at, status = excluded.status`,
			s.PID, s.Host, ms(s.Started), ms(s.Beat), string(body))
		if err != nil {
			return fmt.Errorf("claim engine presence: %w", err)
		}
		return nil
	})
}

// Beat refreshes the heartbeat and status of the engine s names. It fails
// when another engine took the database over (this one stalled past the
// stale limit).
func (db *DB) Beat(ctx context.Context, s core.EngineStatus) error {
	body, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode engine status: %w", err)
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE engine_presence SET beat_at = ?, status = ? WHERE id = 1 AND pid = ? AND host = ?`,
			ms(s.Beat), string(body), s.PID, s.Host)
		if err != nil {
			return fmt.Errorf("engine heartbeat: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("engine heartbeat: %w", core.ErrEngineRunning)
		}
		return nil
	})
}

// ReleasePresence removes the engine's row if it still belongs to it.
func (db *DB) ReleasePresence(ctx context.Context, pid int, host string) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM engine_presence WHERE id = 1 AND pid = ? AND host = ?`, pid, host)
		return err
	})
}

// EnginePresence reads the registered engine, if any, fresh or not.
func (db *DB) EnginePresence(ctx context.Context) (core.EngineStatus, bool, error) {
	var s core.EngineStatus
	var started, beat int64
	var body string
	err := db.r.QueryRowContext(ctx, `SELECT pid, host, started_at, beat_at, status FROM engine_presence WHERE id = 1`).
		Scan(&s.PID, &s.Host, &started, &beat, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("read engine presence: %w", err)
	}
	// A status this version cannot read still names a live engine.
	_ = json.Unmarshal([]byte(body), &s)
	s.Started, s.Beat = fromMS(started), fromMS(beat)
	return s, true, nil
}

// RequestEngine leaves a request for the running engine and records who
// asked, in one transaction.
func (db *DB) RequestEngine(ctx context.Context, action, actor, message string) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO engine_requests (action, actor, requested_at) VALUES (?, ?, ?)`,
			action, actor, ms(now)); err != nil {
			return fmt.Errorf("request %s: %w", action, err)
		}
		return appendAudit(ctx, tx, 0, core.AuditEntry{Actor: actor, Action: action, Message: message}, now)
	})
}

// TakeRequests marks the open requests done and returns them, oldest first.
func (db *DB) TakeRequests(ctx context.Context, now time.Time) ([]core.EngineRequest, error) {
	// Polled twice a second: a read first keeps the idle case off the writer.
	var open bool
	if err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM engine_requests WHERE done_at = 0)`).Scan(&open); err != nil {
		return nil, fmt.Errorf("look for engine requests: %w", err)
	}
	if !open {
		return nil, nil
	}
	var reqs []core.EngineRequest
	err := db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			UPDATE engine_requests SET done_at = ? WHERE done_at = 0
			RETURNING id, action, actor, requested_at`, ms(now))
		if err != nil {
			return fmt.Errorf("take engine requests: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r core.EngineRequest
			var at int64
			if err := rows.Scan(&r.ID, &r.Action, &r.Actor, &at); err != nil {
				return err
			}
			r.At = fromMS(at)
			reqs = append(reqs, r)
		}
		return rows.Err()
	})
	return reqs, err
}
