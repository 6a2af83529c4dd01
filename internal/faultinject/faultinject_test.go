package faultinject

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// LatencyAfterCommit carries the request out at once and answers later,
// and a client that gives up meanwhile leaves the work done.
func TestLatencyAfterCommit_TheWriteIsDoneBeforeTheAnswer(t *testing.T) {
	var done atomic.Int32
	committed := make(chan struct{}, 2)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done.Add(1)
		committed <- struct{}{}
		w.Header().Set("X-Answer", "yes")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, "made")
	})
	in := New(1)
	in.SetRules(Rule{Rate: 1, Fault: Fault{LatencyAfterCommit: time.Hour}})
	srv := httptest.NewServer(in.Wrap(h))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, nil)
		_, err := http.DefaultClient.Do(req)
		errc <- err
	}()
	<-committed // the handler ran while the answer is held back
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("client: %v; want it to give up without an answer", err)
	}

	in.SetRules(Rule{Rate: 1, Fault: Fault{LatencyAfterCommit: time.Millisecond}})
	resp, err := http.Post(srv.URL, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("X-Answer") != "yes" || string(body) != "made" {
		t.Fatalf("answer %d %q %q; want the handler's own, late", resp.StatusCode, resp.Header.Get("X-Answer"), body)
	}
	if n := done.Load(); n != 2 {
		t.Fatalf("handler ran %d times; want 2", n)
	}
}

// AddRules keeps the rules already set: the first that fires wins.
func TestAddRules_KeepsTheRulesBefore(t *testing.T) {
	in := New(1)
	in.SetRules(Rule{Rate: 1, Fault: Fault{Status: http.StatusTeapot}})
	in.AddRules(Rule{Rate: 1, Fault: Fault{Status: http.StatusGone}})
	srv := httptest.NewServer(in.Wrap(http.NotFoundHandler()))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTeapot || in.Injected() != 1 {
		t.Fatalf("status %d after %d faults; want the first rule's 418", resp.StatusCode, in.Injected())
	}
}
