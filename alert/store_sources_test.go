package alert_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/alert"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

func TestStoreSources_FailedQueueAndPauses(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "alert.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{{X3Record: []byte(`{}`), Doc: core.Document{
		Kind: core.Kind850, Direction: core.Outbound, SourceKey: "P001", PONumber: "P001", Revision: 1,
		ContentHash: "h", State: core.StateFailed, LastError: "unit ROL has no X12 code (units.ROL)"}}}})
	if err != nil {
		t.Fatal(err)
	}
	failed, paused := alert.FailedDocuments(db), alert.Paused(db)
	ps, err := failed.Problems(ctx, time.Now())
	if err != nil || len(ps) != 1 || !strings.Contains(ps[0].Title, "PO P001") || !strings.Contains(ps[0].Detail, "units.ROL") ||
		!strings.Contains(ps[0].Detail, "ml-connector replay") {
		t.Fatalf("failed-queue problems %+v (%v)", ps, err)
	}
	if ps, _ := paused.Problems(ctx, time.Now()); len(ps) != 0 {
		t.Fatalf("pauses before any: %+v", ps)
	}
	db.SetControl(ctx, core.ControlX3Paused, "X3 refused the refresh token (invalid_grant)", "test")
	db.SetControl(ctx, core.ControlStediPaused, "Stedi refused the API key", "test")
	ps, _ = paused.Problems(ctx, time.Now())
	if len(ps) != 2 || !strings.Contains(ps[0].Title, "re-authorising") || ps[1].Detail != "Stedi refused the API key" {
		t.Fatalf("pause problems %+v", ps)
	}
}

// A failed Stedi file has nothing to replay: its alert says to dismiss
// it, and a dismissal clears it.
func TestStoreSources_FailedFileIsDismissedNotReplayed(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "alert.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev", Type: core.EventFileFailed,
		Source: core.SourceWebhook, FileFailure: &core.FileFailure{FileExecutionID: "fe-1",
			Errors: []core.Fault{{Code: "FAILED_TO_PARSE", Message: "bad ISA"}}}})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	failed := alert.FailedDocuments(db)
	ps, err := failed.Problems(ctx, time.Time{})
	if err != nil || len(ps) != 1 || !strings.Contains(ps[0].Detail, "ml-connector dismiss") || strings.Contains(ps[0].Detail, "replay") {
		t.Fatalf("problems %+v (%v)", ps, err)
	}
	if _, err := db.Dismiss(ctx, []int64{res[0].DocID}, "operator:test", ""); err != nil {
		t.Fatal(err)
	}
	if ps, _ := failed.Problems(ctx, time.Time{}); len(ps) != 0 {
		t.Errorf("a dismissed file is still a problem: %+v", ps)
	}
}
