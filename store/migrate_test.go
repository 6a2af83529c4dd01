package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// rawDB builds a database file by hand: the given migration files run in
// the given order, user_version set to how many ran, and (when tracked)
// their names recorded as this program records them.
func rawDB(t *testing.T, names []string, tracked bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if tracked {
		if _, err := raw.Exec(createMigrationsTable); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		body, err := fs.ReadFile(migrationsFS, "migrations/"+n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if tracked {
			if _, err := raw.Exec("INSERT INTO schema_migrations (name, applied_at) VALUES (?, 0)", n); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := raw.Exec("PRAGMA user_version = " + strconv.Itoa(len(names))); err != nil {
		t.Fatal(err)
	}
	return path
}

func appliedNames(t *testing.T, db *DB) map[string]bool {
	t.Helper()
	rows, err := db.r.Query("SELECT name FROM schema_migrations")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]bool{}
	for rows.Next() {
		var n string
		_ = rows.Scan(&n)
		got[n] = true
	}
	return got
}

func TestMigrate_ADatabaseMigratedByCountGetsTheRestByName(t *testing.T) {
	names, _ := migrationNames()
	path := rawDB(t, names[:3], false) // a database of the last release: 0001..0003, no names kept
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := appliedNames(t, db)
	for _, n := range names {
		if !got[n] {
			t.Errorf("migration %s not recorded as applied", n)
		}
	}
	if applied, latest, _ := db.SchemaVersion(context.Background()); applied != latest {
		t.Errorf("schema version %d/%d", applied, latest)
	}
}

func TestMigrate_AMigrationThatSortsBeforeAppliedOnesIsStillApplied(t *testing.T) {
	names, _ := migrationNames()
	if len(names) < 5 {
		t.Skip("needs five migrations")
	}
	// A database migrated by a build that had every file but the fourth
	// (it landed later, with a lower number than files already applied).
	var without []string
	for i, n := range names {
		if i != 3 {
			without = append(without, n)
		}
	}
	path := rawDB(t, without, true)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !appliedNames(t, db)[names[3]] {
		t.Fatalf("%s was skipped because later files were applied", names[3])
	}
	var v int
	_ = db.r.QueryRow("PRAGMA user_version").Scan(&v)
	if v != len(names) {
		t.Errorf("user_version %d, want %d", v, len(names))
	}
}

func TestMigrate_ADatabaseFromANewerProgramIsRefused(t *testing.T) {
	names, _ := migrationNames()
	path := rawDB(t, names, true)
	raw, _ := sql.Open("sqlite3", "file:"+path)
	if _, err := raw.Exec("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "9999_future.sql") || !strings.Contains(err.Error(), "upgrade") {
		t.Fatalf("err = %v, want a refusal naming the unknown migration", err)
	}
}
