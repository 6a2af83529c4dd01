package admin

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"
	"time"
)

// SchemaVersioner reports applied and known migrations (store.DB).
type SchemaVersioner interface {
	SchemaVersion(ctx context.Context) (applied, latest int, err error)
	Path() string
}

// StoreProbe checks that the database takes writes and that its schema is
// the one this program knows. It writes through a connection of its own,
// in a transaction it rolls back, so it leaves nothing behind (not even an
// audit entry) and also proves that another process can take the write
// lock within BusyTimeout.
type StoreProbe struct {
	DB          SchemaVersioner
	BusyTimeout time.Duration // default 5s

	once sync.Once
	conn *sql.DB
	err  error
}

// Probe returns the probe; Close releases its connection.
func (s *StoreProbe) Probe() Probe {
	return Probe{Part: "database", Run: s.run}
}

// Close closes the probe's connection.
func (s *StoreProbe) Close() error {
	if s.conn != nil {
		return s.conn.Close()
	}
	return nil
}

func (s *StoreProbe) run(ctx context.Context) Outcome {
	o := Outcome{Tried: "a write transaction (rolled back) and the schema version of " + s.DB.Path()}
	applied, latest, err := s.DB.SchemaVersion(ctx)
	if err != nil {
		return s.fail(o, fmt.Errorf("read schema version: %w", err))
	}
	if applied != latest {
		o.Result, o.Detail = Fail, fmt.Sprintf("schema version %d, this program knows %d", applied, latest)
		o.Advice = "start the daemon (it migrates at start), or run the ml-connector that matches this database"
		return o
	}
	if err := s.tryWrite(ctx); err != nil {
		return s.fail(o, err)
	}
	o.Result, o.Detail = OK, fmt.Sprintf("writable; schema version %d is current", applied)
	return o
}

func (s *StoreProbe) fail(o Outcome, err error) Outcome {
	o.Result, o.Detail = Fail, err.Error()
	o.Advice = "check that the database file and its folder are writable by this user, that the disk has room, " +
		"and that no other program holds a lock on it"
	return o
}

// tryWrite takes the write lock and writes a row, then rolls back.
func (s *StoreProbe) tryWrite(ctx context.Context) error {
	s.once.Do(func() {
		timeout := cmp.Or(s.BusyTimeout, 5*time.Second)
		dsn := fmt.Sprintf("file:%s?_busy_timeout=%d&_txlock=immediate",
			(&url.URL{Path: s.DB.Path()}).EscapedPath(), timeout.Milliseconds())
		s.conn, s.err = sql.Open("sqlite3", dsn)
		if s.conn != nil {
			s.conn.SetMaxOpenConns(1)
		}
	})
	if s.err != nil {
		return s.err
	}
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("take the write lock: %w", err)
	}
	defer tx.Rollback()
	// A real write to a real table, so a read-only file shows; the
	// rollback throws it away.
	if _, err := tx.ExecContext(ctx, `INSERT INTO control (name, value, updated_at) VALUES ('admin.probe', '', 0)
		ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at`); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
