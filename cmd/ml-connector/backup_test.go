package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mlconnector/ml-connector/store"
)

func TestBackup_ConsistentCopyWhileWritesHappen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	db, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// A writer commits control changes (each with its audit entry) until
	// the backup is done.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	written := make(chan struct{})
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			if err := db.SetControl(ctx, "backup.test", fmt.Sprint(i), "test"); err != nil {
				t.Error(err)
				return
			}
			if i == 10 {
				close(written)
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	<-written
	dst := filepath.Join(dir, "copy.db")
	var out bytes.Buffer
	err = run(ctx, []string{"backup", "--db", src, dst}, &out, &out)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "integrity checked") {
		t.Errorf("output %q", out.String())
	}

	// The copy is a database of the same schema, whose audit trail matches
	// its control row: one snapshot, not a mix of two moments.
	cp, err := sql.Open("sqlite3", "file:"+dst+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var value string
	var audits int
	if err := cp.QueryRow(`SELECT value FROM control WHERE name = 'backup.test'`).Scan(&value); err != nil {
		t.Fatal(err)
	}
	if err := cp.QueryRow(`SELECT COUNT(*) FROM audit WHERE action = 'control'`).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(audits-1) != value {
		t.Errorf("copy holds control value %s with %d audit entries: not one snapshot", value, audits)
	}
	applied, latest, _ := db.SchemaVersion(ctx)
	reopened, err := store.Open(ctx, dst)
	if err != nil {
		t.Fatalf("the copy does not open as a database: %v", err)
	}
	got, _, _ := reopened.SchemaVersion(ctx)
	reopened.Close()
	if got != applied || got != latest {
		t.Errorf("copy schema %d, source %d of %d", got, applied, latest)
	}
}

func TestBackup_RefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	db, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	db.Close() // a closed database (no -wal file) is copied too
	dst := filepath.Join(dir, "existing.db")
	os.WriteFile(dst, []byte("keep me"), 0o600)
	var out bytes.Buffer
	err = run(ctx, []string{"backup", "--db", src, dst}, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "not overwriting") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "keep me" {
		t.Error("the existing file was changed")
	}
	if err := run(ctx, []string{"backup", "--db", src, filepath.Join(dir, "new.db")}, &out, &out); err != nil {
		t.Fatalf("backup of a closed database: %v", err)
	}
}
