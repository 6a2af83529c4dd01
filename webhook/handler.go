// Package webhook receives Stedi's webhook deliveries. It authenticates
// them the way Stedi's credential sets do (an API-key header, or HTTP
// Basic), commits each event to the inbox, and only then answers 2xx:
// everything else (fetching the document, writing to Sage X3) happens
// after, in the inbox processor. The Handler is an http.Handler with no
// listener of its own, so it can sit behind a plain listener, a reverse
// proxy or a tunnel.
package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

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
}

// Handler answers POST {Config.Path}.
type Handler struct {
	cfg   Config
	auth  authenticator
	inbox Inbox
	opts  Options
}

// New checks cfg and returns a Handler.
func New(cfg Config, inbox Inbox, opts Options) (*Handler, error) {
	cfg = cfg.withDefaults()
	auth, err := cfg.authenticator()
	if err != nil {
		return nil, err
	}
	if inbox == nil {
		return nil, errors.New("webhook: no inbox to commit events to")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{cfg: cfg, auth: auth, inbox: inbox, opts: opts}, nil
}

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
	if !h.auth.ok(r) {
		h.auth.challenge(w)
		h.opts.Logger.Warn("webhook refused: missing or wrong credentials", "remote", r.RemoteAddr)
		reply(w, http.StatusUnauthorized, "missing or wrong credentials")
		return
	}
	body, status := h.read(w, r)
	if status != 0 {
		reply(w, status, http.StatusText(status))
		return
	}
	entry, err := parseEntry(body)
	if err != nil {
		h.opts.Logger.Warn("webhook refused: malformed event", "remote", r.RemoteAddr, "err", err)
		reply(w, http.StatusBadRequest, "malformed event: "+err.Error())
		return
	}
	h.commit(w, r, entry)
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
