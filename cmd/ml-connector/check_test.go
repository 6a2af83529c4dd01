package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// checkWith runs `check` with the given secrets in the environment.
func checkWith(t *testing.T, w *simWorld, x3Password, stediKey string) (string, error) {
	t.Helper()
	t.Setenv("ML_X3_PASSWORD", x3Password)
	t.Setenv("ML_STEDI_API_KEY", stediKey)
	t.Setenv("ML_WEBHOOK_SECRET", simWebhookSecret)
	return runCmd(t, "check", "--config", w.configPath, "--timeout", "5s")
}

// partLine returns the first line of a part's block in the check table.
func partLine(out, part string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, part+" ") {
			return l
		}
	}
	return ""
}

func TestCheck_PassesAgainstTheSimulators(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	// An existing database: its write lock and schema are checked, and the
	// webhook check runs the real receiver over it.
	db, err := store.Open(context.Background(), w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, err := checkWith(t, w, simX3Password, simStediKey)
	if err != nil {
		t.Fatalf("check failed: %v\n%s", err, out)
	}
	for _, part := range []string{"database", "x3", "stedi", "webhook"} {
		if l := partLine(out, part); !strings.Contains(l, " OK ") {
			t.Errorf("%s: %q", part, l)
		}
	}
	for _, want := range []string{"writable; schema version", "authenticated; read PO", "the API key is accepted",
		"answered 401 to a POST without credentials", "all 6 parts passed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheck_WrongX3Password(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	out, err := checkWith(t, w, "not-the-password", simStediKey)
	if !errors.Is(err, exitError(1)) {
		t.Fatalf("err = %v, want exit status 1\n%s", err, out)
	}
	if !strings.Contains(partLine(out, "x3"), "FAIL") || !strings.Contains(partLine(out, "stedi"), "OK") {
		t.Errorf("table:\n%s", out)
	}
	for _, want := range []string{"HTTP 401", "check x3.user and the password in ML_X3_PASSWORD", "1 of 6 parts failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "not-the-password") {
		t.Error("the password is in the output")
	}
}

func TestCheck_WrongStediKey(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	out, err := checkWith(t, w, simX3Password, "stedi-key-WRONG")
	if !errors.Is(err, exitError(1)) {
		t.Fatalf("err = %v, want exit status 1\n%s", err, out)
	}
	if !strings.Contains(partLine(out, "stedi"), "FAIL") || !strings.Contains(partLine(out, "x3"), "OK") {
		t.Errorf("table:\n%s", out)
	}
	for _, want := range []string{"HTTP 401", "check ML_STEDI_API_KEY"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "stedi-key-WRONG") {
		t.Error("the API key is in the output")
	}
}

func TestCheck_ClosedPortsFailFastWithAMessageEach(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	w.writeConfig(t, closed, closed+"/2023-08-01")
	out, err := checkWith(t, w, simX3Password, simStediKey)
	if !errors.Is(err, exitError(1)) {
		t.Fatalf("err = %v, want exit status 1\n%s", err, out)
	}
	for _, want := range []string{"connection refused", "check x3.url and that this host reaches the Syracuse server",
		"check stedi.url and that this host reaches it", "2 of 6 parts failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheck_TriesTheEndpointARunningDaemonRecorded(t *testing.T) {
	w := newSimWorld(t, stedisim.Config{})
	// A daemon's endpoint: our marker and 401 to a POST without credentials.
	daemon := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
		rw.Header().Set(tunnel.MarkerHeader, tunnel.MarkerValue)
		rw.WriteHeader(http.StatusUnauthorized)
	}))
	defer daemon.Close()
	db, err := store.Open(context.Background(), w.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	db.SetControl(context.Background(), tunnel.ControlState, "online", "test")
	db.SetControl(context.Background(), tunnel.ControlURL, daemon.URL+"/webhooks/stedi", "test")
	db.Close()
	out, err := checkWith(t, w, simX3Password, simStediKey)
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	if !strings.Contains(out, "the running daemon's endpoint "+daemon.URL) {
		t.Errorf("the recorded endpoint was not tried:\n%s", out)
	}
}

// The advice on refused X3 credentials follows the authentication mode.
func TestX3AuthAdviceFollowsTheMode(t *testing.T) {
	for mode, want := range map[string]string{
		config.X3AuthBasic:             "",
		config.X3AuthConnectedApp:      "connected application",
		config.X3AuthAuthorizationCode: "x3 authorize",
	} {
		var cfg config.Config
		cfg.X3.Auth.Mode = mode
		if got := x3AuthAdvice(cfg); (want == "" && got != "") || !strings.Contains(got, want) {
			t.Errorf("%s: advice %q, want it to mention %q", mode, got, want)
		}
	}
}
