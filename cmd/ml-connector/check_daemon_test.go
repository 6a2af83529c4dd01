package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// A daemon that runs holds the webhook listener. check used to try
// opening it again when the recorded public URL did not answer, and
// reported "address already in use"; it now checks the daemon's listener.
func TestCheck_WhileADaemonRunsChecksItsListenerNotANewOne(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	listener := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
		rw.Header().Set(tunnel.MarkerHeader, tunnel.MarkerValue)
		rw.WriteHeader(http.StatusUnauthorized)
	}))
	defer listener.Close()
	b, _ := os.ReadFile(w.configPath)
	cfg := strings.Replace(string(b), `listen = "127.0.0.1:0"`, `listen = "`+listener.Listener.Addr().String()+`"`, 1)
	if err := os.WriteFile(w.configPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	// The public URL the daemon recorded leads nowhere from this host.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	nowhere := "http://" + ln.Addr().String() + "/webhooks/stedi"
	ln.Close()
	ctx := context.Background()
	db, err := store.Open(ctx, w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	// A heartbeat an hour ahead cannot go stale however slow the machine.
	beat := time.Now().Add(time.Hour)
	if err := db.ClaimPresence(ctx, core.EngineStatus{PID: 4242, Host: host, Started: beat, Beat: beat}, beat.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	db.SetControl(ctx, tunnel.ControlState, "online", "test")
	db.SetControl(ctx, tunnel.ControlURL, nowhere, "test")
	db.Close()

	out, _ := checkWith(t, w, simX3Password, simStediKey)
	line := partLine(out, "webhook")
	if strings.Contains(out, "address already in use") || !strings.Contains(line, "FAIL") ||
		!strings.Contains(out, "the running daemon (pid 4242 on "+host+")") ||
		!strings.Contains(out, "the daemon's listener answers, but "+nowhere) ||
		!strings.Contains(out, "tunnel.public_url leads to tunnel.listen") {
		t.Fatalf("check beside a running daemon whose public URL does not answer:\n%s", out)
	}

	// The same daemon with a public URL that reaches it passes.
	db, _ = store.Open(ctx, w.dbPath)
	db.SetControl(ctx, tunnel.ControlURL, listener.URL+"/webhooks/stedi", "test")
	db.Close()
	out, err = checkWith(t, w, simX3Password, simStediKey)
	if err != nil || !strings.Contains(partLine(out, "webhook"), " OK ") {
		t.Errorf("check beside a running daemon: %v\n%s", err, out)
	}
}
