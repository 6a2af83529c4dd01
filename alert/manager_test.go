package alert_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/alert"
)

// chat is an httptest receiver of Slack/Teams-style webhooks.
type chat struct {
	mu    sync.Mutex
	texts []string
	fail  int // answer 500 to this many requests first
	got   chan string
}

func newChat(t *testing.T) (*chat, string) {
	c := &chat{got: make(chan string, 16)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Text string `json:"text"`
		}
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &body); err != nil || r.Method != http.MethodPost {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.fail > 0 {
			c.fail--
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		c.texts = append(c.texts, body.Text)
		c.got <- body.Text
	}))
	t.Cleanup(srv.Close)
	return c, srv.URL + "/services/T0/B0/SECRETPART"
}

func (c *chat) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.texts)
}

// problems is a source whose problems the test sets.
type problems struct {
	mu   sync.Mutex
	list []alert.Problem
	err  error
}

func (p *problems) set(err error, ps ...alert.Problem) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list, p.err = ps, err
}

func (p *problems) source(name string) alert.Source {
	return alert.Source{Name: name, Problems: func(context.Context, time.Time) ([]alert.Problem, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.list, p.err
	}}
}

func drain(ch <-chan mail) int {
	n := 0
	for {
		select {
		case <-ch:
			n++
		default:
			return n
		}
	}
}

func TestManager_OncePerProblemAndOnceWhenItClears(t *testing.T) {
	smtpAddr, mails := smtpServer(t)
	c, hookURL := newChat(t)
	src := &problems{}
	m := &alert.Manager{Name: "srv01", Sources: []alert.Source{src.source("failed")},
		Notifiers: []alert.Notifier{
			&alert.Email{Server: smtpAddr, From: "mlc@example.com", To: []string{"ops@example.com", "it@example.com"}},
			&alert.Webhook{URL: hookURL},
		}}
	ctx := context.Background()
	doc42 := alert.Problem{Key: "42", Title: "document 42 (850 for PO P001) is in the failed queue", Detail: "HTTP 404 partnership not found"}

	src.set(nil, doc42)
	r := m.Evaluate(ctx)
	if len(r.Raised) != 1 || len(r.Cleared) != 0 {
		t.Fatalf("report %+v", r)
	}
	got := <-mails
	if got.from != "mlc@example.com" || len(got.to) != 2 {
		t.Errorf("envelope %+v", got)
	}
	for _, want := range []string{"Subject: [ml-connector srv01] PROBLEM: document 42", "HTTP 404 partnership not found",
		"Content-Type: text/plain; charset=utf-8"} {
		if !strings.Contains(got.data, want) {
			t.Errorf("mail lacks %q:\n%s", want, got.data)
		}
	}
	if text := <-c.got; !strings.Contains(text, "PROBLEM: document 42") {
		t.Errorf("chat text %q", text)
	}

	// The same problem seen again (every retry, every tick) says nothing.
	for range 3 {
		if r := m.Evaluate(ctx); len(r.Raised)+len(r.Cleared) != 0 {
			t.Fatalf("repeat evaluation reported %+v", r)
		}
	}
	// A failing source is not a cure: its problems stay.
	src.set(errors.New("database is busy"))
	if r := m.Evaluate(ctx); len(r.Cleared) != 0 {
		t.Fatalf("a failed read cleared %+v", r.Cleared)
	}

	src.set(nil)
	r = m.Evaluate(ctx)
	if len(r.Cleared) != 1 || r.Cleared[0].Key != "42" {
		t.Fatalf("report %+v", r)
	}
	if got := <-mails; !strings.Contains(got.data, "CLEARED: document 42") {
		t.Errorf("clearing mail:\n%s", got.data)
	}
	if text := <-c.got; !strings.Contains(text, "CLEARED: document 42") {
		t.Errorf("clearing chat %q", text)
	}
	if n := drain(mails); n != 0 || c.count() != 2 {
		t.Errorf("extra notifications: %d mails, %d chats in all", n, c.count())
	}
}

func TestManager_RetriesAnUndeliveredMessage(t *testing.T) {
	c, hookURL := newChat(t)
	c.fail = 1
	src := &problems{}
	m := &alert.Manager{Name: "srv01", Sources: []alert.Source{src.source("paused")},
		Notifiers: []alert.Notifier{&alert.Webhook{URL: hookURL}}}
	src.set(nil, alert.Problem{Key: "stedi.paused", Title: "sending to Stedi is paused"})
	m.Evaluate(context.Background())
	if c.count() != 0 {
		t.Fatal("the failing receiver recorded a message")
	}
	m.Evaluate(context.Background()) // nothing new: the backlog goes out
	if c.count() != 1 || !strings.Contains(c.texts[0], "sending to Stedi is paused") {
		t.Fatalf("texts %q", c.texts)
	}
}

func TestWebhook_ErrorsNeverQuoteTheURL(t *testing.T) {
	c, hookURL := newChat(t)
	c.fail = 1
	err := (&alert.Webhook{URL: hookURL}).Notify(context.Background(), alert.Message{Subject: "s"})
	if err == nil || strings.Contains(err.Error(), "SECRETPART") || !strings.Contains(err.Error(), "500") {
		t.Errorf("err = %v", err)
	}
	closed := "http://127.0.0.1:1/services/T0/B0/SECRETPART"
	err = (&alert.Webhook{URL: closed}).Notify(context.Background(), alert.Message{Subject: "s"})
	if err == nil || strings.Contains(err.Error(), "SECRETPART") {
		t.Errorf("err = %v", err)
	}
}

func TestEmail_WithoutAuthSupportNothingIsSentAndThePasswordStaysOut(t *testing.T) {
	// The test server offers no AUTH: authentication fails before MAIL.
	addr, mails := smtpServer(t)
	e := &alert.Email{Server: addr, User: "ops", Password: "pw-SECRET", From: "a@example.com", To: []string{"b@example.com"}}
	err := e.Notify(context.Background(), alert.Message{Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("sent with credentials over a connection without AUTH support")
	}
	if strings.Contains(err.Error(), "pw-SECRET") {
		t.Errorf("password in error: %v", err)
	}
	if drain(mails) != 0 {
		t.Error("a message went out")
	}
}
