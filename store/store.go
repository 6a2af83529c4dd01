// Package store keeps ml-connector's state in SQLite: documents and their
// states, poll cursors, and the append-only audit trail. One writer
// connection takes every write in an immediate transaction; a pool of
// read-only connections serves queries, so readers never block the writer.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/mlconnector/ml-connector/core"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// DB is an open ml-connector database.
type DB struct {
	w    *sql.DB // one connection, BEGIN IMMEDIATE
	r    *sql.DB // read-only pool
	path string
	// Now is the clock; tests replace it.
	Now func() time.Time
}

var _ core.Store = (*DB)(nil)

// Open opens (creating if needed) and migrates the database at path.
func Open(ctx context.Context, path string) (*DB, error) {
	base := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=NORMAL&_stmt_cache_size=64"
	w, err := sql.Open("sqlite3", base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite3", base+"&_query_only=true")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	db := &DB{w: w, r: r, path: path, Now: time.Now}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.checkPragmas(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.r.Close(), db.w.Close())
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

func (db *DB) checkPragmas(ctx context.Context) error {
	var mode string
	if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("read journal mode: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("database %s: journal mode is %q, want wal (is it on a network file system?)", db.path, mode)
	}
	return nil
}

// tx runs fn in one immediate write transaction and commits it.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", wrapErr(err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return wrapErr(err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", wrapErr(err))
	}
	return nil
}

// ErrBusy is returned when the database stayed locked past the busy timeout.
var ErrBusy = errors.New("database is busy")

// wrapErr translates driver errors into the package's sentinels, in one place.
func wrapErr(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", core.ErrNotFound, err)
	}
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return fmt.Errorf("%w: %w", ErrBusy, err)
	}
	return err
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
