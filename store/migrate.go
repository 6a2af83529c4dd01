package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

// Migrations are tracked by name in schema_migrations, not by their count:
// files written on parallel branches land in any order, and a database
// must get every file it has not had, wherever its number sorts. PRAGMA
// user_version still holds how many are applied, for tools that read it
// (backup compares it between a database and its copy).
//
// A database from before schema_migrations existed was migrated by count
// through a prefix of the files in name order (every released build had
// 0001..000N with no gap), so its first user_version names are recorded
// as applied.

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name       TEXT PRIMARY KEY,
  applied_at INTEGER NOT NULL
)`

// migrationNames lists the embedded migrations in name order.
func migrationNames() ([]string, error) {
	paths, err := fs.Glob(migrationsFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = path.Base(p)
	}
	sort.Strings(names)
	return names, nil
}

// migrate applies every embedded migration the database has not had, in
// name order, each in its own immediate transaction with its record.
func (db *DB) migrate(ctx context.Context) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	applied, err := db.appliedMigrations(ctx, names)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for n := range applied {
		if !known[n] {
			return fmt.Errorf("database %s has migration %s, which this program does not know: upgrade ml-connector", db.path, n)
		}
	}
	for _, n := range names {
		if applied[n] {
			continue
		}
		if err := db.applyMigration(ctx, n, len(applied)+1); err != nil {
			return err
		}
		applied[n] = true
	}
	return nil
}

// appliedMigrations reads the names already applied, recording those of
// a database migrated by count before names were tracked.
func (db *DB) appliedMigrations(ctx context.Context, names []string) (map[string]bool, error) {
	applied := map[string]bool{}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, createMigrationsTable); err != nil {
			return fmt.Errorf("create schema_migrations in %s: %w", db.path, err)
		}
		var version, tracked int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return fmt.Errorf("read schema version of %s: %w", db.path, err)
		}
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&tracked); err != nil {
			return fmt.Errorf("read schema_migrations of %s: %w", db.path, err)
		}
		if tracked == 0 && version > 0 {
			if version > len(names) {
				return fmt.Errorf("database %s has schema version %d, newer than this program (%d): upgrade ml-connector", db.path, version, len(names))
			}
			for _, n := range names[:version] {
				if err := recordMigration(ctx, tx, n); err != nil {
					return err
				}
			}
		}
		rows, err := tx.QueryContext(ctx, "SELECT name FROM schema_migrations")
		if err != nil {
			return fmt.Errorf("read schema_migrations of %s: %w", db.path, err)
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			applied[n] = true
		}
		return rows.Err()
	})
	return applied, err
}

func (db *DB) applyMigration(ctx context.Context, name string, count int) error {
	body, err := fs.ReadFile(migrationsFS, "migrations/"+name)
	if err != nil {
		return fmt.Errorf("read migration %s: %w", name, err)
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := recordMigration(ctx, tx, name); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", count))
		return err
	})
}

func recordMigration(ctx context.Context, tx *sql.Tx, name string) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", name, time.Now().UnixMilli()); err != nil {
		return fmt.Errorf("record migration %s: %w", name, err)
	}
	return nil
}

// SchemaVersion reports how many migrations are applied and how many this
// program knows.
func (db *DB) SchemaVersion(ctx context.Context) (applied, latest int, err error) {
	names, err := migrationNames()
	if err != nil {
		return 0, 0, err
	}
	err = db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&applied)
	return applied, len(names), err
}
