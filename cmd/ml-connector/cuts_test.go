package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// seedInbound adds to the database at path a failed Stedi file and an
// inbound 856 whose webhook event is event; it returns their IDs.
func seedInbound(t *testing.T, path string, event []byte) (file, asn int64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.IntakeEvents(ctx, []core.InboxEntry{
		core.NewInboxEntry(core.InboxEvent{ID: "ev-file", Type: core.EventFileFailed, Source: core.SourceWebhook,
			Raw: []byte(`{"id":"ev-file"}`), FileFailure: &core.FileFailure{FileExecutionID: "fe-bad",
				Errors: []core.Fault{{Code: "FAILED_TO_PARSE", Message: "segment \x1b[2J\x07 unreadable"}}}}),
		core.NewInboxEntry(core.InboxEvent{ID: "ev-856", Type: core.EventTransactionProcessed, Source: core.SourceWebhook,
			Raw: event, Transaction: &core.InboundTransaction{TransactionID: "tx-856", Direction: "INBOUND", SetID: "856",
				PartnershipID: "p\x1b[31m1", ProcessedAt: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}}),
	}, nil)
	if err != nil || len(res) != 2 {
		t.Fatalf("intake %v %v", res, err)
	}
	return res[0].DocID, res[1].DocID
}

func TestList_FiltersTakeCommaListsAndRefuseUnknownValues(t *testing.T) {
	path, _ := seedDB(t)
	seedInbound(t, path, []byte(`{}`))
	out, err := runCmd(t, "list", "--json", "--state", "failed,sent", "--kind", "850", "--db", path)
	var docs []core.Document
	if err != nil || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != 2 {
		t.Fatalf("--state failed,sent --kind 850 = %s (%v)", out, err)
	}
	out, err = runCmd(t, "list", "--json", "--kind", "856, file", "--db", path)
	if err != nil || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != 2 {
		t.Fatalf("--kind '856, file' = %s (%v)", out, err)
	}
	for flag, bad := range map[string]string{"--state": "faild", "--kind": "850,851"} {
		out, err = runCmd(t, "list", flag, bad, "--db", path)
		if err == nil || !strings.Contains(out, "valid are") || !strings.Contains(out, flag[2:]) {
			t.Errorf("list %s %s was accepted or not explained: %v\n%s", flag, bad, err, out)
		}
	}
	if _, err = runCmd(t, "list", "--state", "failed,sent,dismissed,pending,received,applied,shipped", "--db", path); err != nil {
		t.Errorf("valid states refused: %v", err)
	}
}

func TestReplay_MissingIDFailsAndEachSkipIsExplained(t *testing.T) {
	path, docs := seedDB(t)
	file, _ := seedInbound(t, path, []byte(`{}`))
	out, err := runCmd(t, "replay", "999", "--db", path)
	if err == nil || !strings.Contains(out, "document 999 does not exist") {
		t.Fatalf("replay of a missing document: %v\n%s", err, out)
	}
	out, err = runCmd(t, "replay", itoa(docs[0].ID), itoa(file), "--db", path)
	if err != nil || !strings.Contains(out, "0 of 2") || !strings.Contains(out, "is sent, not in the failed queue") ||
		!strings.Contains(out, "a file Stedi could not process") || !strings.Contains(out, "dismiss "+itoa(file)) {
		t.Fatalf("replay of a sent document and a failed file:\n%s (%v)", out, err)
	}
	out, err = runCmd(t, "replay", "--all-failed", "--db", path)
	if err != nil || !strings.Contains(out, "1 of 1 document(s) returned") || !strings.Contains(out, "1 failed Stedi file(s) cannot be replayed") {
		t.Fatalf("replay --all-failed with a failed file:\n%s (%v)", out, err)
	}
}

func TestDismiss_FailedFileLeavesTheFailedQueueAudited(t *testing.T) {
	path, docs := seedDB(t)
	file, asn := seedInbound(t, path, []byte(`{}`))
	status := func() (rep statusReport) {
		out, err := runCmd(t, "status", "--json", "--db", path)
		if err != nil || json.Unmarshal([]byte(out), &rep) != nil {
			t.Fatalf("status: %v\n%s", err, out)
		}
		return rep
	}
	if rep := status(); rep.Failed != 2 || rep.FailedFiles != 1 {
		t.Fatalf("before: failed %d, files %d", rep.Failed, rep.FailedFiles)
	}
	out, err := runCmd(t, "dismiss", itoa(file), itoa(docs[1].ID), itoa(asn), "--reason", "partner resent it", "--db", path)
	if err != nil || !strings.Contains(out, "1 of 3 document(s) dismissed") || !strings.Contains(out, "fix its cause and replay it") ||
		!strings.Contains(out, "is received, not in the failed queue") {
		t.Fatalf("dismiss: %v\n%s", err, out)
	}
	if rep := status(); rep.Failed != 1 || rep.FailedFiles != 0 {
		t.Errorf("after: failed %d, files %d; want only the 850", rep.Failed, rep.FailedFiles)
	}
	out, _ = runCmd(t, "show", itoa(file), "--db", path)
	if !strings.Contains(out, "state dismissed") || !regexp.MustCompile(`dismissed\s+dismissed from the failed queue by an operator: partner resent it`).MatchString(out) {
		t.Errorf("the dismissal is not in the audit trail:\n%s", out)
	}
	if out, err = runCmd(t, "dismiss", "12345", "--db", path); err == nil || !strings.Contains(out, "document 12345 does not exist") {
		t.Errorf("dismiss of a missing document: %v\n%s", err, out)
	}
}

func TestStatus_AdviceForFailedFilesIsDismissNotReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "files.db")
	seedInbound(t, path, []byte(`{}`))
	out, err := runCmd(t, "status", "--db", path)
	if err != nil || strings.Contains(out, "replay --all-failed") || !strings.Contains(out, "dismiss ID") {
		t.Errorf("status with only a failed file suggests:\n%s (%v)", out, err)
	}
}

func TestListAndShow_ControlCharactersFromPartnersAreMadeVisible(t *testing.T) {
	path, _ := seedDB(t)
	file, asn := seedInbound(t, path, []byte(`{"note":"\u001b]0;title\u0007"}`))
	var all string
	for _, args := range [][]string{{"list"}, {"show", itoa(file)}, {"show", itoa(asn)}, {"show", itoa(asn), "--json"}} {
		out, err := runCmd(t, append(args, "--db", path)...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		all += out
	}
	if strings.ContainsAny(all, "\x1b\x07") {
		t.Fatalf("a control character reached the terminal: %q", all)
	}
	if !strings.Contains(all, "segment ␛[2J␇ unreadable") || !strings.Contains(all, `\u001b]0;title\u0007`) {
		t.Errorf("control characters not shown as such:\n%s", all)
	}
	raw, _ := runCmd(t, "show", itoa(asn), "--raw", "--db", path)
	if !strings.Contains(raw, `{"note":"\u001b]0;title\u0007"}`) {
		t.Errorf("--raw does not print the payload as stored:\n%s", raw)
	}
}

// The 54 kB event nesting 9,000 objects made show --json write 162 MB.
func TestShow_DeeplyNestedPayloadIsBoundedAndRawIsAsStored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep.db")
	event := []byte(`{"event":` + strings.Repeat(`{"a":`, 9000) + `1` + strings.Repeat(`}`, 9000) + `}`)
	_, asn := seedInbound(t, path, event)
	out, err := runCmd(t, "show", itoa(asn), "--json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Audit []struct {
			PayloadID     int64           `json:"payload_id"`
			Payload       json.RawMessage `json:"payload"`
			PayloadFolded string          `json:"payload_folded"`
		} `json:"audit"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Audit) != 1 {
		t.Fatalf("show --json: %v\n%.500s", err, out)
	}
	if len(out) > 10_000 || !strings.Contains(rep.Audit[0].PayloadFolded, "deeper than the levels shown") ||
		!strings.Contains(rep.Audit[0].PayloadFolded, "--raw --payload") {
		t.Errorf("show --json wrote %d bytes for a %d-byte event; folded note %q", len(out), len(event), rep.Audit[0].PayloadFolded)
	}
	raw, err := runCmd(t, "show", itoa(asn), "--raw", "--payload", itoa(rep.Audit[0].PayloadID), "--db", path)
	if err != nil || raw != string(event) {
		t.Errorf("show --raw --payload is not the stored event byte for byte (%d bytes vs %d; %v)", len(raw), len(event), err)
	}
}

func TestShow_InboundDocumentHasNoEmptyOutboundFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.db")
	_, asn := seedInbound(t, path, []byte(`{}`))
	out, err := runCmd(t, "show", itoa(asn), "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "(purpose )") || strings.Contains(out, "idempotency key \n") || !strings.Contains(out, "Stedi transaction tx-856 (inbound)") {
		t.Errorf("show of an inbound document:\n%s", out)
	}
}

func TestBackup_FlagsAfterThePath(t *testing.T) {
	path, _ := seedDB(t)
	dst := filepath.Join(t.TempDir(), "copy.db")
	out, err := runCmd(t, "backup", dst, "--db", path)
	if err != nil || !strings.Contains(out, "integrity checked") {
		t.Fatalf("backup PATH --db F: %v\n%s", err, out)
	}
	if _, err := os.Stat(dst); err != nil {
		t.Error(err)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := runCmd(t, args...)
		if err != nil || !strings.HasPrefix(out, "ml-connector ") || !strings.Contains(out, "go1.") || !strings.Contains(out, "commit ") {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
	version, commit, date = "1.4.0", "abc123", "2026-12-01T10:00:00Z"
	defer func() { version, commit, date = "", "", "" }()
	var b buildInfo
	out, _ := runCmd(t, "version", "--json")
	if err := json.Unmarshal([]byte(out), &b); err != nil || b.Version != "1.4.0" || b.Commit != "abc123" || b.BuildDate != date {
		t.Errorf("version --json with link-time values: %+v (%v)", b, err)
	}
}

func TestCommandNameFollowsHowTheProgramWasRun(t *testing.T) {
	for _, c := range []struct{ arg0, wd, want string }{
		{"bin/ml-connector", "/src/ml", "bin/ml-connector"},
		{"/src/ml/bin/ml-connector", "/src/ml", "bin/ml-connector"},
		{"ml-connector", "/home/a", "ml-connector"},
		{"/usr/local/bin/ml-connector", "/home/a", "/usr/local/bin/ml-connector"},
		{"/src/ml/ml-connector", "/src/ml", "./ml-connector"},
		{"/tmp/go-build1/main.test", "/src/ml", "ml-connector"},
	} {
		if got := commandNameOf(c.arg0, c.wd); got != c.want {
			t.Errorf("commandNameOf(%q, %q) = %q, want %q", c.arg0, c.wd, got, c.want)
		}
	}
}

// A document a partner's 997 refused is not replayed unchanged (the
// store leaves it): replay says why instead of "left the queue meanwhile".
func TestReplay_DocumentRefusedByThePartnerIsExplained(t *testing.T) {
	path, ids := seedAcks(t) // acks_test.go: PO-A accepted, PO-B without its 997
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-997-r", Type: core.EventTransactionProcessed,
		Source: core.SourceWebhook, Raw: []byte(`{}`), Transaction: &core.InboundTransaction{TransactionID: "tx-997-r", Direction: "INBOUND",
			SetID: "997", PartnershipID: "p-acme", ProcessedAt: time.Now()}})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	claimed, _ := db.ClaimInbound(ctx, time.Now().Add(time.Hour), 1, time.Minute)
	err = db.FinishInbound(ctx, core.InboundOutcome{DocID: claimed[0].ID, Kind: core.Kind997, State: core.StateApplied,
		Acks: []core.AckRecord{{DocID: ids[1], Kind: core.Kind850, PONumber: "PO-B", GroupID: "PO", GroupControl: 2,
			SetID: "850", SetControl: "0001", Status: "R", Detail: "rejected (R)"}}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "replay", itoa(ids[1]), "--db", path)
	if err != nil || !strings.Contains(out, "0 of 1") || !strings.Contains(out, "refused by the partner's 997 (status R)") ||
		strings.Contains(out, "meanwhile") {
		t.Errorf("replay of a document the partner refused: %v\n%s", err, out)
	}
}
