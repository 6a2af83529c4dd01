// Package webhook receives Stedi's webhook deliveries. It authenticates
// them the way Stedi's credential sets do (an API-key header, or HTTP
// Basic; Event Destinations by their Standard Webhooks signature,
// destination.go), commits each event to the inbox, and only then answers 2xx:
// everything else (fetching the document, writing to Sage X3) happens
// after, in the inbox processor. The Handler is an http.Handler with no
// listener of its own, so it can sit behind a plain listener, a reverse
// proxy or a tunnel.
package webhook

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/mlconnector/ml-connector/core"
)

// Defaults of Config.
const (
	DefaultPath    = "/webhooks/stedi"
	DefaultHeader  = "Authorization"
	DefaultMaxBody = 1 << 20
)

// commitTimeout bounds the inbox commit: Stedi waits 5 s for an answer,
// and a late 2xx counts as a failure there anyway.
const commitTimeout = 4 * time.Second

// Inbox is where events are committed (store.DB).
type Inbox interface {
	IntakeEvents(ctx context.Context, entries []core.InboxEntry, cursor *core.CursorMove) ([]core.IntakeResult, error)
}

// Options are the Handler's optional collaborators.
type Options struct {
	// Stored is called after an event was committed (the inbox's Wake).
	Stored func()
	Logger *slog.Logger
	Bus    *core.Bus
	// Now is the clock of the refusal counts (default time.Now);
	// RefusalLogEvery spaces their log lines (DefaultRefusalLogEvery).
	Now             func() time.Time
	RefusalLogEvery time.Duration
}

// Handler answers POST {Config.Path}.
type Handler struct {
	cfg      Config
	auth     authenticator
	signer   *standardwebhooks.Webhook // event destinations (destination.go); nil: refused
	inbox    Inbox
	opts     Options
	refusals *refusalLog
}

// New checks cfg and returns a Handler.
func New(cfg Config, inbox Inbox, opts Options) (*Handler, error) {
	cfg = cfg.withDefaults()
	auth, err := cfg.authenticator()
	if err != nil {
		return nil, err
	}
	signer, err := cfg.signer()
	if err != nil {
		return nil, err
	}
	if inbox == nil {
		return nil, errors.New("webhook: no inbox to commit events to")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	every := cmp.Or(opts.RefusalLogEvery, DefaultRefusalLogEvery)
	return &Handler{cfg: cfg, auth: auth, signer: signer, inbox: inbox, opts: opts, refusals: newRefusalLog(opts.Logger, every, opts.Now)}, nil
}

// Refusals reports the Stedi deliveries refused since the last accepted
// one, for /readyz.
func (h *Handler) Refusals() Refusals { return h.refusals.snapshot() }

// Path is the path the handler answers.
func (h *Handler) Path() string { return h.cfg.Path }

// ServeHTTP authenticates, reads, commits, then answers.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != h.cfg.Path {
		reply(w, http.StatusNotFound, "not found")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		reply(w, http.StatusMethodNotAllowed, "only POST is accepted")
		return
	}
	authenticated := h.auth.ok(r)
	// A delivery that carries the webhook credential is a webhook's, whatever
	// other headers it has: Stedi documents no Standard Webhooks headers on
	// its EDI webhooks, but were a proxy or a later Stedi version to add a
	// webhook-id, refusing those deliveries would deauthorize the webhook.
	if !authenticated && isEventDestination(r) {
		h.serveEventDestination(w, r) // destination.go: Stedi's Event Destinations
		return
	}
	if !authenticated {
		h.refuseUnauthenticated(w, r)
		return
	}
	body, status := h.read(w, r)
	if status != 0 {
		h.refusals.refused(http.StatusText(status), "", r.RemoteAddr, false)
		reply(w, status, http.StatusText(status))
		return
	}
	entry, err := parseEntry(body)
	if err != nil {
		h.refusals.refused("malformed event", err.Error(), r.RemoteAddr, false)
		reply(w, http.StatusBadRequest, "malformed event: "+err.Error())
		return
	}
	h.commit(w, r, entry)
}

// refuseUnauthenticated answers 401. Whether the request carried a Stedi
// event is counted for /readyz: Stedi delivering with the wrong secret is
// a fault to report, a scanner is not. The body is read within MaxBody
// and never stored.
func (h *Handler) refuseUnauthenticated(w http.ResponseWriter, r *http.Request) {
	body, status := h.read(w, r)
	_, err := parseEntry(body)
	delivery := status == 0 && err == nil
	h.refusals.refused("missing or wrong credentials", "", r.RemoteAddr, delivery)
	h.auth.challenge(w)
	reply(w, http.StatusUnauthorized, "missing or wrong credentials")
}

// read takes the body, refusing more than MaxBody bytes.
func (h *Handler) read(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	if r.ContentLength > h.cfg.MaxBody {
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	return body, 0
}

// commit stores the event and answers 200 only once it is committed; a
// failed commit answers 503 so Stedi delivers the event again.
func (h *Handler) commit(w http.ResponseWriter, r *http.Request, entry core.InboxEntry) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), commitTimeout)
	defer cancel()
	results, err := h.inbox.IntakeEvents(ctx, []core.InboxEntry{entry}, nil)
	if err != nil || len(results) != 1 {
		h.opts.Logger.Error("webhook event not stored; answering 503 so Stedi retries", "event", entry.Event.ID, "err", err)
		reply(w, http.StatusServiceUnavailable, "could not store the event; deliver it again")
		return
	}
	res := results[0]
	h.refusals.accepted()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(map[string]any{"stored": true, "duplicate": res.Duplicate, "document": res.DocID})
	h.after(entry, res)
}

func (h *Handler) after(entry core.InboxEntry, res core.IntakeResult) {
	ev := entry.Event
	attrs := []any{"event", ev.ID, "type", ev.Type, "document", res.DocID}
	if res.Duplicate != "" {
		h.opts.Logger.Debug("webhook event already stored", append(attrs, "duplicate_of", res.Duplicate)...)
		return
	}
	h.opts.Logger.Debug("webhook event stored", attrs...)
	if entry.Doc != nil {
		e := core.Event{DocID: res.DocID, Kind: entry.Doc.Kind, Key: entry.Doc.SourceKey, Action: "received", State: entry.Doc.State}
		h.opts.Bus.Publish(e)
	}
	if h.opts.Stored != nil && entry.Doc != nil && entry.Doc.State == core.StateReceived {
		h.opts.Stored()
	}
}

func reply(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintf(w, "{\"message\":%s}\n", strconv.Quote(msg))
}
