package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"

	"github.com/mlconnector/ml-connector/config"
)

// runBackup is `ml-connector backup PATH`: a consistent copy of the
// database, taken while a daemon may be writing to it.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("backup", stderr)
	c.register(fs)
	if err := parseAnywhere(fs, args); err != nil { // PATH before or after the flags
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: ml-connector backup PATH [--db F] [--config F]")
	}
	src, err := databasePath(c)
	if err != nil {
		return err
	}
	info, err := backupDatabase(ctx, src, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s: %d bytes, schema version %d, integrity checked\n",
		src, info.path, info.size, info.schema)
	return nil
}

// databasePath is the database named by --db, or else by the configuration.
func databasePath(c commonFlags) (string, error) {
	path := c.db
	if path == "" {
		cfg, err := config.Load(c.config, os.Getenv)
		if errors.Is(err, config.ErrNoConfig) {
			return "", fmt.Errorf("no --db given and %w", errNoSetup(c.config))
		}
		path = cfg.Database // secrets may be absent here: a backup needs none
	}
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("database %s: %w", path, err)
	}
	return path, nil
}

type backupInfo struct {
	path   string
	size   int64
	schema int
}

// backupDatabase copies src to dst with VACUUM INTO on a read-only
// connection: SQLite reads one snapshot of the database, so the copy is
// consistent however many writes the daemon commits meanwhile, and it
// takes no write lock. dst must not exist. The copy is then opened and
// checked; a copy that fails the check is removed.
func backupDatabase(ctx context.Context, src, dst string) (backupInfo, error) {
	if _, err := os.Lstat(dst); err == nil {
		return backupInfo{}, fmt.Errorf("%s already exists; not overwriting it", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return backupInfo{}, err
	}
	db, err := sql.Open("sqlite3", readOnlyDSN(src))
	if err != nil {
		return backupInfo{}, err
	}
	defer db.Close()
	var schema int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&schema); err != nil {
		return backupInfo{}, fmt.Errorf("read %s: %w", src, err)
	}
	// VACUUM INTO refuses an existing file itself, so a file created
	// between the check above and here is not overwritten either.
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return backupInfo{}, fmt.Errorf("copy %s to %s: %w", src, dst, err)
	}
	info, err := verifyBackup(ctx, dst, schema)
	if err != nil {
		os.Remove(dst)
		return backupInfo{}, err
	}
	return info, nil
}

// verifyBackup opens the copy and checks its integrity and schema version.
func verifyBackup(ctx context.Context, path string, schema int) (backupInfo, error) {
	db, err := sql.Open("sqlite3", readOnlyDSN(path))
	if err != nil {
		return backupInfo{}, err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		return backupInfo{}, fmt.Errorf("the copy %s failed its check (%s, %v); it was removed", path, check, err)
	}
	var got int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&got); err != nil || got != schema {
		return backupInfo{}, fmt.Errorf("the copy %s has schema version %d, the database %d (%v); it was removed", path, got, schema, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return backupInfo{}, err
	}
	return backupInfo{path: path, size: st.Size(), schema: got}, nil
}

func readOnlyDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&_busy_timeout=5000"
}
