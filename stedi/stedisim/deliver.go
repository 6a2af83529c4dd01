package stedisim

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"
)

// maxHookAnswer bounds what is read of a receiver's answer.
const maxHookAnswer = 1 << 20

// run delivers events until ctx ends: one attempt at a time, the earliest
// due first, so a failing event waits out its retry interval without
// holding back the others.
func (h *webhooks) run(ctx context.Context) {
	for ctx.Err() == nil {
		p, cfg, client, paused, wait := h.next(time.Now())
		if p != nil {
			h.attempt(ctx, p, cfg, client, paused)
			continue
		}
		if !h.sleep(ctx, wait) {
			return
		}
	}
}

// sleep waits for wait (0: indefinitely), a change to the queue or the end
// of ctx; it reports false for the latter.
func (h *webhooks) sleep(ctx context.Context, wait time.Duration) bool {
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-ctx.Done():
		return false
	case <-h.wake:
	case <-timeout:
	}
	return true
}

// next takes the event to attempt now, or says how long until one is due
// (0: wait for a change). A fresh event may be held back once, behind
// another that is ready, with probability ReorderRate.
func (h *webhooks) next(now time.Time) (p *pending, cfg WebhookConfig, client *http.Client, paused bool, wait time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cfg == nil {
		return nil, cfg, nil, false, 0
	}
	var ready []int
	for i, q := range h.pending {
		if !q.due.After(now) {
			ready = append(ready, i)
		} else if d := q.due.Sub(now); wait == 0 || d < wait {
			wait = d
		}
	}
	if len(ready) == 0 {
		return nil, *h.cfg, nil, false, wait
	}
	pick := ready[0]
	if c := h.pending[pick]; len(ready) > 1 && c.attempts == 0 && !c.dup && !c.held &&
		h.cfg.ReorderRate > 0 && h.rng.Float64() < h.cfg.ReorderRate {
		c.held = true
		pick = ready[1]
	}
	p = h.pending[pick]
	h.pending = append(h.pending[:pick], h.pending[pick+1:]...)
	return p, *h.cfg, h.client, h.paused, 0
}

// attempt makes one delivery attempt at p and files the outcome.
func (h *webhooks) attempt(ctx context.Context, p *pending, cfg WebhookConfig, client *http.Client, paused bool) {
	d := Delivery{EventID: p.ev.id, EventType: p.ev.kind, TransactionID: p.ev.transactionID,
		FileExecutionID: p.ev.fileExecutionID, Duplicate: p.dup, Attempt: p.attempts + 1}
	if paused {
		d.Outcome = Dropped
		h.file(cfg, d, nil)
		return
	}
	if h.isDeauthorized() {
		d.Err = "the webhook is deauthorized"
		h.file(cfg, d, p) // not posted: straight to the error queue
		return
	}
	status, err := post(ctx, client, cfg, p)
	if ctx.Err() != nil {
		// Stopped half way: not an attempt. The event waits for Start.
		h.mu.Lock()
		h.pending = append(h.pending, p)
		h.mu.Unlock()
		return
	}
	p.attempts++
	d.Status = status
	if err != nil {
		d.Err = err.Error()
	}
	h.file(cfg, d, p)
}

// file records attempt d at p (nil when dropped): success, maybe a
// duplicate, a retry, or the error queue; then tells OnDelivery.
func (h *webhooks) file(cfg WebhookConfig, d Delivery, p *pending) {
	d.At = time.Now()
	h.mu.Lock()
	switch {
	case p == nil:
	case cfg.EventDestinationSecret == "" && (h.deauthorized || d.Status == http.StatusUnauthorized):
		// A 401 deauthorizes the webhook (deauth.go): no retry. Event
		// destinations document no such state: a 401 is retried as any failure.
		h.deauthorized = true
		d.Outcome = ErrorQueued
		h.failed = append(h.failed, WebhookError{EventID: d.EventID, EventType: d.EventType,
			TransactionID: d.TransactionID, FileExecutionID: d.FileExecutionID, Attempts: p.attempts,
			LastStatus: d.Status, LastError: d.Err, Payload: p.ev.body})
	case d.Err == "" && d.Status/100 == 2:
		d.Outcome = Delivered
		if !p.dup && cfg.DuplicateRate > 0 && h.rng.Float64() < cfg.DuplicateRate {
			h.pending = append(h.pending, &pending{ev: p.ev, due: d.At, dup: true})
		}
	case p.attempts <= cfg.Retries:
		d.Outcome = Retrying
		p.due = d.At.Add(cfg.RetryInterval)
		h.pending = append(h.pending, p)
	default:
		d.Outcome = ErrorQueued
		h.failed = append(h.failed, WebhookError{EventID: d.EventID, EventType: d.EventType,
			TransactionID: d.TransactionID, FileExecutionID: d.FileExecutionID, Attempts: p.attempts,
			LastStatus: d.Status, LastError: d.Err, Payload: p.ev.body})
	}
	h.log = append(h.log, d)
	h.mu.Unlock()
	if cfg.OnDelivery != nil {
		cfg.OnDelivery(d)
	}
}

// post sends one event with the webhook's credential (or, to an event
// destination, its thin form signed) and returns the receiver's status.
func post(ctx context.Context, client *http.Client, cfg WebhookConfig, p *pending) (int, error) {
	body := p.ev.body
	if cfg.EventDestinationSecret != "" {
		body = p.ev.thin.body
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	switch {
	case cfg.EventDestinationSecret != "":
		signThin(req.Header, p.ev.thin, p.attempts+1, cfg)
	case cfg.Credential != nil:
		cfg.Credential.apply(req.Header)
	default:
		req.Header.Set("x-stedi-noauth", "dummy")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxHookAnswer))
	return resp.StatusCode, nil
}
