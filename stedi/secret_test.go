package stedi_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi"
)

// assertNoKey fails if key shows up in any rendering of err.
func assertNoKey(t *testing.T, key string, err error) {
	t.Helper()
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(format, err); strings.Contains(s, key) {
			t.Errorf("%s of the error shows the API key: %s", format, s)
		}
	}
	for e := err; e != nil; {
		if strings.Contains(e.Error(), key) {
			t.Errorf("wrapped error %T shows the API key: %s", e, e)
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
}

// TestKeyEchoedByServerIsRedacted: a proxy or server may echo the
// Authorization header; the key must still not reach the error.
func TestKeyEchoedByServerIsRedacted(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusBadRequest, http.StatusBadGateway} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"message":"bad token %s","code":"%s"}`, r.Header.Get("Authorization"), r.Header.Get("Authorization"))
		}))
		_, err := newClient(t, ts.URL, apiKey).GenerateEDI(context.Background(), po("1", "k"))
		ts.Close()
		classified(t, err, map[int]core.ErrorClass{401: core.Unauthorized, 400: core.Permanent, 502: core.Transient}[status], status)
		assertNoKey(t, apiKey, err)
		if !strings.Contains(err.Error(), "[REDACTED]") {
			t.Errorf("%d: %v", status, err)
		}
	}
}

func TestNewRejectsBadKeysWithoutShowingThem(t *testing.T) {
	for _, key := range []string{"", "has space", "line\nbreak"} {
		_, err := stedi.New(stedi.Config{APIKey: key})
		if err == nil {
			t.Errorf("key %q accepted", key)
			continue
		}
		if key != "" && strings.Contains(err.Error(), key) {
			t.Errorf("error shows the key: %v", err)
		}
	}
	if _, err := stedi.New(stedi.Config{APIKey: "k", BaseURL: "core.us.stedi.com"}); err == nil {
		t.Error("relative base URL accepted")
	}
}

func TestConfigAndClientDoNotPrintKey(t *testing.T) {
	cfg := stedi.Config{APIKey: apiKey, BaseURL: "https://example.test"}
	c, err := stedi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	log.Info("config", "cfg", cfg, "client", c)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "cfg", cfg, "client", c)
	out := logs.String()
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out += fmt.Sprintf(format, cfg) + fmt.Sprintf(format, c) + fmt.Sprintf(format, &cfg)
	}
	if strings.Contains(out, apiKey) {
		t.Errorf("key printed: %s", out)
	}
	if !strings.Contains(out, "https://example.test") {
		t.Errorf("formatting lost the useful fields: %s", out)
	}
}
