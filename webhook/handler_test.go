package webhook_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/webhook"
)

const secret = "s3cret-webhook-value-0123456789"

// event renders a transaction.processed.v2 envelope as Stedi documents it.
func event(id, txID, set, direction string) string {
	return fmt.Sprintf(`{"version":"0","id":%q,"detail-type":"transaction.processed.v2","source":"stedi.core",
	 "account":"1","time":"2026-01-05T10:00:00Z","region":"us-east-1","resources":[],
	 "detail":{"transactionId":%q,"direction":%q,"mode":"test","fileExecutionId":"f-1","processedAt":"2026-01-05T09:59:58.123Z",
	  "fragments":null,"artifacts":[],"partnership":{"partnershipId":"northwind_acme","partnershipType":"x12","sender":{"profileId":"acme"},"receiver":{"profileId":"northwind"}},
	  "x12":{"metadata":{"transaction":{"controlNumber":"0001","transactionSetIdentifier":%q}}}}}`, id, txID, direction, set)
}

func wrapped(ev string) string { return `{"event":` + ev + `}` }

type rig struct {
	t      *testing.T
	db     *store.DB
	srv    *httptest.Server
	stored atomic.Int32
	logs   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newRig(t *testing.T, cfg webhook.Config, inbox webhook.Inbox) *rig {
	t.Helper()
	r := &rig{t: t, logs: &syncBuffer{}}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r.db = db
	if inbox == nil {
		inbox = db
	}
	if cfg.Secret == "" {
		cfg.Secret = secret
	}
	log := slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := webhook.New(cfg, inbox, webhook.Options{Stored: func() { r.stored.Add(1) }, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	r.srv = httptest.NewServer(h)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *rig) post(body string, header ...string) *http.Response {
	r.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+webhook.DefaultPath, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func (r *rig) docs() []core.Document {
	docs, err := r.db.ListDocuments(context.Background(), store.Filter{Limit: 100})
	if err != nil {
		r.t.Fatal(err)
	}
	return docs
}

func TestWebhook_StoresWrappedAndBareEvents_DedupesByEventAndTransaction(t *testing.T) {
	r := newRig(t, webhook.Config{}, nil)
	auth := []string{"Authorization", secret}
	for i, body := range []string{
		wrapped(event("ev-1", "tx-1", "855", "INBOUND")),
		event("ev-2", "tx-2", "856", "INBOUND"),
		wrapped(event("ev-1", "tx-1", "855", "INBOUND")), // the same delivery again
		wrapped(event("ev-3", "tx-1", "855", "INBOUND")), // another event for a stored transaction
	} {
		if resp := r.post(body, auth...); resp.StatusCode != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i, resp.StatusCode)
		}
	}
	docs := r.docs()
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2: %+v", len(docs), docs)
	}
	for _, d := range docs {
		if d.Direction != core.Inbound || d.State != core.StateReceived || d.PartnershipID != "northwind_acme" {
			t.Errorf("document %+v", d)
		}
	}
	if docs[0].Kind != core.Kind856 || docs[0].SourceKey != "tx-2" || docs[1].Kind != core.Kind855 || docs[1].SourceKey != "tx-1" {
		t.Errorf("documents %+v", docs)
	}
	if n := r.stored.Load(); n != 2 {
		t.Errorf("processor woken %d times, want 2 (not for duplicates)", n)
	}
	trail, _ := r.db.AuditTrail(context.Background(), docs[1].ID)
	if len(trail) != 1 || trail[0].Action != "received" || trail[0].PayloadID == 0 {
		t.Errorf("audit trail of the 855 = %+v, want one received entry with the event", trail)
	}
}

func TestWebhook_RefusesWithoutCredentials_StoresNothing(t *testing.T) {
	inbox := &countingInbox{}
	r := newRig(t, webhook.Config{}, inbox)
	body := wrapped(event("ev-1", "tx-1", "855", "INBOUND"))
	for name, header := range map[string][]string{
		"none":         nil,
		"wrong secret": {"Authorization", secret + "x"},
		"prefix":       {"Authorization", secret[:10]},
		"other header": {"X-Api-Key", secret},
		"basic":        {"Authorization", "Basic " + secret},
	} {
		if resp := r.post(body, header...); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, resp.StatusCode)
		}
	}
	if inbox.calls.Load() != 0 {
		t.Errorf("the inbox was called %d times for refused deliveries", inbox.calls.Load())
	}
	if strings.Contains(r.logs.String(), secret[:10]) {
		t.Errorf("a secret reached the log:\n%s", r.logs.String())
	}
}

func TestWebhook_BasicAuth(t *testing.T) {
	r := newRig(t, webhook.Config{Auth: webhook.AuthBasic, User: "stedi"}, nil)
	body := wrapped(event("ev-1", "tx-1", "855", "INBOUND"))
	req := func(user, pass string) *http.Response {
		q, _ := http.NewRequest(http.MethodPost, r.srv.URL+webhook.DefaultPath, strings.NewReader(body))
		q.SetBasicAuth(user, pass)
		resp, err := http.DefaultClient.Do(q)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := req("stedi", "nope"); resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("wrong password: status %d, challenge %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	if resp := req("other", secret); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong user: status %d", resp.StatusCode)
	}
	if resp := req("stedi", secret); resp.StatusCode != http.StatusOK {
		t.Errorf("right credentials: status %d", resp.StatusCode)
	}
	if len(r.docs()) != 1 {
		t.Error("the authenticated delivery was not stored")
	}
}

func TestWebhook_MethodSizeAndShape(t *testing.T) {
	r := newRig(t, webhook.Config{MaxBody: 2048}, nil)
	get, _ := http.NewRequest(http.MethodGet, r.srv.URL+webhook.DefaultPath, nil)
	get.Header.Set("Authorization", secret)
	resp, err := http.DefaultClient.Do(get)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("GET: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	auth := []string{"Authorization", secret}
	big := wrapped(event("ev-big", "tx-big", "855", "INBOUND"))
	big = big[:len(big)-1] + `,"padding":"` + strings.Repeat("x", 4096) + `"}`
	if resp := r.post(big, auth...); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: status %d, want 413", resp.StatusCode)
	}
	// Without a Content-Length the limit holds while reading.
	chunked, _ := http.NewRequest(http.MethodPost, r.srv.URL+webhook.DefaultPath, struct{ *strings.Reader }{strings.NewReader(big)})
	chunked.Header.Set("Authorization", secret)
	if resp, err := http.DefaultClient.Do(chunked); err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("large chunked body: %v %v, want 413", resp, err)
	}
	for name, body := range map[string]string{
		"not JSON":        `{"event":`,
		"no id":           `{"event":{"detail-type":"transaction.processed.v2","detail":{"transactionId":"t"}}}`,
		"no transaction":  `{"event":{"id":"e","detail-type":"transaction.processed.v2","detail":{}}}`,
		"array":           `[1,2]`,
		"wrong path type": `"hello"`,
	} {
		if resp := r.post(body, auth...); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, resp.StatusCode)
		}
	}
	other, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/elsewhere", strings.NewReader("{}"))
	other.Header.Set("Authorization", secret)
	if resp, err := http.DefaultClient.Do(other); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("other path: %v %v, want 404", resp, err)
	}
	if len(r.docs()) != 0 {
		t.Error("a refused delivery was stored")
	}
}

func TestWebhook_NoSuccessUnlessCommitted(t *testing.T) {
	failing := &countingInbox{err: errors.New("disk I/O error")}
	r := newRig(t, webhook.Config{}, failing)
	body := wrapped(event("ev-1", "tx-1", "855", "INBOUND"))
	if resp := r.post(body, "Authorization", secret); resp.StatusCode/100 == 2 {
		t.Errorf("failing inbox: status %d, want no 2xx", resp.StatusCode)
	}
	if r.stored.Load() != 0 {
		t.Error("the processor was woken for an event that was not stored")
	}

	// The real store, closed under the handler: the write path is dead.
	r2 := newRig(t, webhook.Config{}, nil)
	r2.db.Close()
	if resp := r2.post(body, "Authorization", secret); resp.StatusCode/100 == 2 {
		t.Errorf("closed database: status %d, want no 2xx", resp.StatusCode)
	}
}

func TestWebhook_UnknownTypesAndFailedFiles(t *testing.T) {
	r := newRig(t, webhook.Config{}, nil)
	auth := []string{"Authorization", secret}
	unknown := `{"event":{"version":"0","id":"ev-u","detail-type":"file.delivered.v2","source":"stedi.core","detail":{"fileExecutionId":"x"}}}`
	if resp := r.post(unknown, auth...); resp.StatusCode != http.StatusOK {
		t.Fatalf("unknown type: status %d", resp.StatusCode)
	}
	audit, _ := r.db.RecentAudit(context.Background(), 0, 10)
	if len(audit) != 1 || audit[0].Action != "event_ignored" || !strings.Contains(audit[0].Message, "file.delivered.v2") {
		t.Errorf("audit = %+v, want one event_ignored entry naming the type", audit)
	}
	failed := `{"event":{"version":"0","id":"ev-f","detail-type":"file.failed.v2","source":"stedi.core",
	  "detail":{"fileExecutionId":"exec-9","processedAt":"2026-01-05T10:00:00Z","direction":"INBOUND",
	    "partnership":{"partnershipId":"northwind_acme"},"source":{"name":"acme-855.edi"},
	    "errors":[{"message":"segment BAK is missing","faultCode":"TRANSLATION_ERROR"}]}}}`
	if resp := r.post(failed, auth...); resp.StatusCode != http.StatusOK {
		t.Fatalf("file.failed: status %d", resp.StatusCode)
	}
	outbound := wrapped(event("ev-o", "tx-o", "850", "OUTBOUND"))
	if resp := r.post(outbound, auth...); resp.StatusCode != http.StatusOK {
		t.Fatalf("outbound echo: status %d", resp.StatusCode)
	}
	docs := r.docs()
	if len(docs) != 1 || docs[0].State != core.StateFailed || docs[0].Kind != core.KindStediFile ||
		!strings.Contains(docs[0].LastError, "TRANSLATION_ERROR: segment BAK is missing") || !strings.Contains(docs[0].LastError, "acme-855.edi") {
		t.Errorf("documents = %+v, want one failed file naming the fault", docs)
	}
	if r.stored.Load() != 0 {
		t.Error("the processor was woken for events with nothing to apply")
	}
}

// countingInbox counts calls and fails when err is set.
type countingInbox struct {
	calls atomic.Int32
	err   error
}

func (c *countingInbox) IntakeEvents(context.Context, []core.InboxEntry, *core.CursorMove) ([]core.IntakeResult, error) {
	c.calls.Add(1)
	if c.err != nil {
		return nil, c.err
	}
	return []core.IntakeResult{{DocID: 1}}, nil
}

func TestNew_RefusesUnusableConfigurations(t *testing.T) {
	db := &countingInbox{}
	for name, cfg := range map[string]webhook.Config{
		"no secret":       {},
		"bad path":        {Secret: "x", Path: "webhooks"},
		"bad header":      {Secret: "x", Header: "X Api"},
		"basic, no user":  {Secret: "x", Auth: webhook.AuthBasic},
		"unknown auth":    {Secret: "x", Auth: "hmac"},
		"user with colon": {Secret: "x", Auth: webhook.AuthBasic, User: "a:b"},
	} {
		if _, err := webhook.New(cfg, db, webhook.Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	cfg := webhook.Config{Secret: secret}
	if s := fmt.Sprintf("%v %+v %#v", cfg, cfg, cfg); strings.Contains(s, secret) {
		t.Errorf("formatting a Config shows the secret: %s", s)
	}
}
