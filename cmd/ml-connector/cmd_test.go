package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String() + errOut.String(), err
}

// seedDB makes a database with one sent and one failed 850.
func seedDB(t *testing.T) (string, []core.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cli.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var news []core.NewDocument
	for _, po := range []string{"PO-A", "PO-B"} {
		news = append(news, core.NewDocument{X3Record: []byte(`{"POHNUM":"` + po + `"}`), Doc: core.Document{
			Kind: core.Kind850, Direction: core.Outbound, SourceKey: po, PONumber: po, Revision: 1,
			Purpose: core.PurposeOriginal, ContentHash: po, IdempotencyKey: "k-" + po, State: core.StatePending,
			Payload: []byte(`{"heading":{}}`)}})
	}
	if err := db.Intake(ctx, core.Intake{Actor: "test", New: news}); err != nil {
		t.Fatal(err)
	}
	docs, _ := db.ClaimDue(ctx, time.Now(), 2, time.Minute)
	err = db.Complete(ctx, []core.Outcome{
		{DocID: docs[0].ID, State: core.StateSent, Audit: []core.AuditEntry{{Actor: "sender", Action: "sent",
			Payload: &core.Payload{Kind: core.PayloadStediResponse, ContentType: "application/json", Body: []byte(`{"edi":"ISA*00*~"}`)}}}},
		{DocID: docs[1].ID, State: core.StateFailed, Error: "stedi generate-edi: HTTP 400: BEG03 is required", ErrorClass: core.Permanent},
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, docs
}

func TestStatusJSON(t *testing.T) {
	path, _ := seedDB(t)
	out, err := runCmd(t, "status", "--json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Documents []struct {
			Kind  string `json:"kind"`
			State string `json:"state"`
			Count int    `json:"count"`
		} `json:"documents"`
		Failed int `json:"failed"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, out)
	}
	got := map[string]int{}
	for _, d := range rep.Documents {
		got[d.Kind+"/"+d.State] = d.Count
	}
	if got["850/sent"] != 1 || got["850/failed"] != 1 || rep.Failed != 1 {
		t.Errorf("status = %+v", rep)
	}
}

func TestListShowReplay(t *testing.T) {
	path, docs := seedDB(t)
	out, err := runCmd(t, "list", "--json", "--state", "failed", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var listed []core.Document
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed) != 1 || listed[0].PONumber != "PO-B" {
		t.Fatalf("list --state failed = %s (%v)", out, err)
	}

	out, err = runCmd(t, "show", itoa(docs[0].ID), "--json", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"action": "sent"`) || !strings.Contains(out, `"edi": "ISA*00*~"`) {
		t.Errorf("show --json lacks the sent entry with Stedi's response:\n%s", out)
	}
	if out, _ = runCmd(t, "show", itoa(docs[0].ID), "--db", path); !strings.Contains(out, "X12: ISA*00*~") {
		t.Errorf("show does not print the X12:\n%s", out)
	}

	out, err = runCmd(t, "replay", "--all-failed", "--json", "--db", path)
	if err != nil || !strings.Contains(out, `"replayed": 1`) {
		t.Fatalf("replay --all-failed = %s (%v)", out, err)
	}
	out, _ = runCmd(t, "list", "--json", "--state", "failed", "--db", path)
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("failed queue after replay = %s", out)
	}
}

func TestInitWritesOnceAndNoConfigSaysHowToStart(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "ml.toml")
	if _, err := runCmd(t, "init", "--config", cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, "init", "--config", cfg); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second init: %v", err)
	}
	for _, args := range [][]string{{"--daemon"}, {}} { // the daemon, and the UI (no terminal in tests)
		_, err := runCmd(t, append(args, "--config", filepath.Join(t.TempDir(), "none.toml"))...)
		if err == nil || !strings.Contains(err.Error(), "demo --headless") || !strings.Contains(err.Error(), "init --config") {
			t.Errorf("%v without configuration: %v", args, err)
		}
	}
}

// The standalone X3 simulator answers the documented api1 query with
// Basic auth, and refuses without it.
func TestSimX3Standalone(t *testing.T) {
	t.Setenv("ML_X3_PASSWORD", "sim-pw")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"sim", "x3", "--listen", "127.0.0.1:0"}, pw, io.Discard) }()
	base := waitListening(t, pr)
	go io.Copy(io.Discard, pr)

	url := base + "/api1/x3/erp/SEED/PORDER?representation=PORDER.$query&count=5"
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.SetBasicAuth("EDIUSER", "sim-pw")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Resources []map[string]any `json:"$resources"`
		Links     struct {
			Next struct {
				URL string `json:"$url"`
			} `json:"$next"`
		} `json:"$links"`
	}
	json.NewDecoder(resp.Body).Decode(&feed)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(feed.Resources) != 5 || feed.Links.Next.URL == "" {
		t.Errorf("status %d, %d resources, next %q", resp.StatusCode, len(feed.Resources), feed.Links.Next.URL)
	}
	resp, err = http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without credentials: %d, want 401", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("sim x3 ended with %v", err)
	}
}

func waitListening(t *testing.T, r io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "listening on "); ok {
			return strings.Fields(after)[0]
		}
	}
	t.Fatal("the simulator never said where it listens")
	return ""
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
