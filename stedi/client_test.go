package stedi_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

const (
	apiKey = "test-key-5f1c9a7e"
	pid    = "mlconnector_acme"
)

type env struct {
	sim    *stedisim.Server
	faults *faultinject.Injector
	url    string
	client *stedi.Client
}

// setup runs a simulator over loopback and a client pointed at it. edit
// may change the simulator's config first.
func setup(t testing.TB, edit func(*stedisim.Config)) *env {
	t.Helper()
	in := faultinject.New(1)
	cfg := stedisim.Config{
		APIKeys:      []string{apiKey},
		Partnerships: map[string]stedisim.Partnership{pid: stedisim.DemoPartnership("MLCONNECTOR", "ACMESUPPLY")},
		Faults:       in,
	}
	if edit != nil {
		edit(&cfg)
	}
	sim := stedisim.New(cfg)
	ts := httptest.NewServer(sim)
	t.Cleanup(ts.Close)
	return &env{sim: sim, faults: in, url: ts.URL, client: newClient(t, ts.URL+stedisim.APIVersion, apiKey)}
}

func newClient(t testing.TB, base, key string) *stedi.Client {
	t.Helper()
	c, err := stedi.New(stedi.Config{BaseURL: base, APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func po(number, key string) core.GenerateRequest {
	return core.GenerateRequest{
		PartnershipID:        pid,
		TransactionSettingID: stedisim.DemoSetting850,
		Transaction:          stedisim.SamplePO850(number, 2),
		IdempotencyKey:       key,
	}
}

// classified asserts err is a *core.Error of class and status.
func classified(t *testing.T, err error, class core.ErrorClass, status int) *core.Error {
	t.Helper()
	var ce *core.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *core.Error", err, err)
	}
	if ce.Class != class || ce.Status != status {
		t.Fatalf("got class %s status %d (%v); want %s %d", ce.Class, ce.Status, err, class, status)
	}
	return ce
}

func TestGenerateEDI(t *testing.T) {
	e := setup(t, nil)
	res, err := e.client.GenerateEDI(context.Background(), po("4500012345", "po-4500012345-v1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.EDI, "ISA*00*") || !strings.Contains(res.EDI, "BEG*00*SA*4500012345**20260301~") {
		t.Errorf("EDI = %q", res.EDI)
	}
	if res.InterchangeControlNumber != 1 || res.FileExecutionID == "" || res.ArtifactID != res.FileExecutionID+".x12" || res.Replayed {
		t.Errorf("result = %+v", res)
	}
	if !strings.Contains(string(res.Raw), `"fileExecutionId":"`+res.FileExecutionID+`"`) {
		t.Errorf("Raw is not the response body: %s", res.Raw)
	}
	res2, err := e.client.GenerateEDI(context.Background(), po("4500012346", "po-4500012346-v1"))
	if err != nil || res2.InterchangeControlNumber != 2 {
		t.Errorf("second document: %+v, %v", res2, err)
	}
}

// A test document goes with overrides.interchangeUsageIndicator T
// (core.json InterchangeOverrides): Stedi writes ISA15 T, and a
// production document keeps the default P.
func TestGenerateEDITestInterchange(t *testing.T) {
	e := setup(t, nil)
	r := po("T-1", "k-test")
	r.Test = true
	res, err := e.client.GenerateEDI(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if isa := strings.Split(res.EDI, "*"); len(isa) < 16 || isa[15] != "T" {
		t.Errorf("ISA15 of a test document: %q", res.EDI[:106])
	}
	res, err = e.client.GenerateEDI(context.Background(), po("P-1", "k-prod"))
	if err != nil {
		t.Fatal(err)
	}
	if isa := strings.Split(res.EDI, "*"); isa[15] != "P" {
		t.Errorf("ISA15 of a production document: %q", res.EDI[:106])
	}
}

func TestGenerateEDIFilename(t *testing.T) {
	e := setup(t, nil)
	r := po("1", "k")
	r.Filename = "po-1.edi"
	res, err := e.client.GenerateEDI(context.Background(), r)
	if err != nil || res.ArtifactID != "po-1.edi" {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestGenerateEDIReplay(t *testing.T) {
	e := setup(t, nil)
	first, err := e.client.GenerateEDI(context.Background(), po("1", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.client.GenerateEDI(context.Background(), po("1", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Replayed || again.FileExecutionID != first.FileExecutionID || string(again.Raw) != string(first.Raw) {
		t.Errorf("replay = %+v", again)
	}
	if n := e.sim.AcceptedCount(); n != 1 {
		t.Errorf("accepted %d, want 1", n)
	}
}

func TestGenerateEDIKeyReusedWithOtherBody(t *testing.T) {
	e := setup(t, nil)
	if _, err := e.client.GenerateEDI(context.Background(), po("1", "k1")); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.GenerateEDI(context.Background(), po("2", "k1"))
	ce := classified(t, err, core.Permanent, http.StatusUnprocessableEntity)
	if ce.Code == "" || ce.Message == "" {
		t.Errorf("422 without code or message: %+v", ce)
	}
}

func TestGenerateEDIInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	e := setup(t, func(c *stedisim.Config) {
		c.Hold = func(key string) {
			if key == "held" {
				close(entered)
				<-release
			}
		}
	})
	done := make(chan error)
	go func() {
		_, err := e.client.GenerateEDI(context.Background(), po("1", "held"))
		done <- err
	}()
	<-entered
	_, err := e.client.GenerateEDI(context.Background(), po("1", "held"))
	ce := classified(t, err, core.Transient, http.StatusConflict)
	if ce.RetryAfter != time.Second || core.RetryAfterOf(err) != time.Second {
		t.Errorf("RetryAfter = %v, want 1s", ce.RetryAfter)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestGenerateEDIValidation(t *testing.T) {
	e := setup(t, nil)
	r := po("1", "k")
	r.Transaction = []byte(strings.Replace(string(r.Transaction), `"unit_price_04":12.5,`, "", 1))
	_, err := e.client.GenerateEDI(context.Background(), r)
	ce := classified(t, err, core.Permanent, http.StatusBadRequest)
	if !strings.Contains(ce.Message, "PO1 loop 1: PO104 unit_price_04 is required") {
		t.Errorf("message %q does not name the element", ce.Message)
	}
	// The key is free again after an error: the corrected document goes out.
	if _, err := e.client.GenerateEDI(context.Background(), po("1", "k")); err != nil {
		t.Errorf("corrected retry with the same key: %v", err)
	}
}

func TestGenerateEDIUnknownPartnership(t *testing.T) {
	e := setup(t, nil)
	r := po("1", "k")
	r.PartnershipID = "nobody"
	_, err := e.client.GenerateEDI(context.Background(), r)
	classified(t, err, core.Permanent, http.StatusNotFound)
}

func TestGenerateEDIBadKey(t *testing.T) {
	e := setup(t, nil)
	const wrongKey = "wrong-key-0b8e2d"
	c := newClient(t, e.url, wrongKey)
	_, err := c.GenerateEDI(context.Background(), po("1", "k"))
	ce := classified(t, err, core.Unauthorized, http.StatusUnauthorized)
	if !strings.Contains(ce.Message, "API key") {
		t.Errorf("message %q does not point at the API key", ce.Message)
	}
	assertNoKey(t, wrongKey, err)
}

func TestGenerateEDIFaults(t *testing.T) {
	post := func(r *http.Request) bool { return r.Method == http.MethodPost }
	t.Run("503", func(t *testing.T) {
		e := setup(t, nil)
		e.faults.Next(1, post, faultinject.Fault{Status: http.StatusServiceUnavailable,
			Body: `{"message":"Service Unavailable","code":"ServiceUnavailable"}`})
		_, err := e.client.GenerateEDI(context.Background(), po("1", "k"))
		ce := classified(t, err, core.Transient, http.StatusServiceUnavailable)
		if ce.Code != "ServiceUnavailable" || ce.Message != "Service Unavailable" {
			t.Errorf("code %q message %q", ce.Code, ce.Message)
		}
	})
	t.Run("429 with Retry-After", func(t *testing.T) {
		e := setup(t, nil)
		e.faults.Next(1, post, faultinject.Fault{Status: http.StatusTooManyRequests,
			Body: `{"message":"Too Many Requests","code":"Throttling"}`, Header: http.Header{"Retry-After": {"7"}}})
		_, err := e.client.GenerateEDI(context.Background(), po("1", "k"))
		if ce := classified(t, err, core.Transient, http.StatusTooManyRequests); ce.RetryAfter != 7*time.Second {
			t.Errorf("RetryAfter = %v, want 7s", ce.RetryAfter)
		}
	})
	t.Run("drop before commit", func(t *testing.T) {
		e := setup(t, nil)
		e.faults.Next(1, post, faultinject.Fault{DropBeforeCommit: true})
		_, err := e.client.GenerateEDI(context.Background(), po("1", "k"))
		classified(t, err, core.Transient, 0)
		if n := e.sim.AcceptedCount(); n != 0 {
			t.Errorf("accepted %d before commit", n)
		}
	})
	t.Run("drop after commit, then retry", func(t *testing.T) {
		e := setup(t, nil)
		e.faults.Next(1, post, faultinject.Fault{DropAfterCommit: true})
		_, err := e.client.GenerateEDI(context.Background(), po("4500012345", "k"))
		classified(t, err, core.Transient, 0)
		res, err := e.client.GenerateEDI(context.Background(), po("4500012345", "k"))
		if err != nil || !res.Replayed {
			t.Fatalf("retry: %+v, %v", res, err)
		}
		if n := e.sim.CountByDocument()["4500012345"]; n != 1 || e.sim.AcceptedCount() != 1 {
			t.Errorf("PO accepted %d times (total %d), want exactly once", n, e.sim.AcceptedCount())
		}
	})
}

func TestGenerateEDICancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		cancel() // the caller gives up while the server works
		// The server may or may not notice the client left; the test
		// releases the handler either way, so Close never waits on it.
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(release) })
	_, err := newClient(t, ts.URL, apiKey).GenerateEDI(ctx, po("1", "k"))
	classified(t, err, core.Transient, 0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%v does not wrap context.Canceled", err)
	}
}

func TestGenerateEDIRequestShape(t *testing.T) {
	var got *http.Request
	var body string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r, string(b)
		w.Header().Set("Idempotent-Replayed", "true")
		fmt.Fprint(w, `{"edi":"ISA*00*","artifactId":"a","fileExecutionId":"f","metadata":{"interchangeMetadata":[{"interchangeControlNumber":42,"functionalGroupControlNumbers":[42]}]}}`)
	}))
	t.Cleanup(ts.Close)
	r := po("1", "idem-1")
	r.PartnershipID = "a.b_c-d"
	r.Filename = "f.edi"
	res, err := newClient(t, ts.URL+"/2023-08-01/", apiKey).GenerateEDI(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/2023-08-01/x12/partnerships/a.b_c-d/generate-edi" {
		t.Errorf("%s %s", got.Method, got.URL.Path)
	}
	if got.Header.Get("Authorization") != apiKey || got.Header.Get("Content-Type") != "application/json" ||
		got.Header.Get("Idempotency-Key") != "idem-1" {
		t.Errorf("headers %v", got.Header)
	}
	want := `{"transactionGroups":[{"transactionSettingId":"005010-850","transactions":[` + string(r.Transaction) + `]}],"filename":"f.edi"}`
	if body != want {
		t.Errorf("body\n%s\nwant\n%s", body, want)
	}
	if res.InterchangeControlNumber != 42 || !res.Replayed || res.ArtifactID != "a" || res.FileExecutionID != "f" {
		t.Errorf("result %+v", res)
	}
}

func TestGenerateEDINoIdempotencyKeyHeaderWhenEmpty(t *testing.T) {
	var has bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, has = r.Header["Idempotency-Key"]
		fmt.Fprint(w, `{"edi":"","artifactId":"a","fileExecutionId":"f","metadata":{"interchangeMetadata":[]}}`)
	}))
	t.Cleanup(ts.Close)
	if _, err := newClient(t, ts.URL, apiKey).GenerateEDI(context.Background(), po("1", "")); err != nil || has {
		t.Errorf("err %v, Idempotency-Key sent: %v", err, has)
	}
}

func TestGenerateEDILocalChecks(t *testing.T) {
	c := newClient(t, "http://127.0.0.1:1", apiKey) // never reached
	for name, edit := range map[string]func(*core.GenerateRequest){
		"no partnership": func(r *core.GenerateRequest) { r.PartnershipID = "" },
		"no setting":     func(r *core.GenerateRequest) { r.TransactionSettingID = "" },
		"no transaction": func(r *core.GenerateRequest) { r.Transaction = nil },
		"invalid JSON":   func(r *core.GenerateRequest) { r.Transaction = []byte("{") },
		"long key":       func(r *core.GenerateRequest) { r.IdempotencyKey = strings.Repeat("k", 256) },
	} {
		r := po("1", "k")
		edit(&r)
		_, err := c.GenerateEDI(context.Background(), r)
		if core.ClassOf(err) != core.Permanent {
			t.Errorf("%s: %v is not permanent", name, err)
		}
	}
}

func TestUnreadableSuccessIsTransient(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html>`)
	}))
	t.Cleanup(ts.Close)
	_, err := newClient(t, ts.URL, apiKey).GenerateEDI(context.Background(), po("1", "k"))
	classified(t, err, core.Transient, http.StatusOK)
}

func TestConnectionRefusedIsTransient(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close()
	_, err := newClient(t, url, apiKey).GenerateEDI(context.Background(), po("1", "k"))
	classified(t, err, core.Transient, 0)
	assertNoKey(t, apiKey, err)
}
