package core

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// CursorInbound is the catch-up's cursor: the newest processing time of
// an inbound transaction seen in Stedi's list. Only the catch-up moves it:
// a webhook delivered after an outage says nothing about the transactions
// the outage lost.
const CursorInbound = "stedi.inbound"

// CatchUp takes in the inbound transactions no webhook delivered (the
// tunnel or the host was down, Stedi gave up retrying, the webhook was
// deauthorized): at start and every Interval it lists Stedi's inbound
// transactions since its cursor minus Overlap and commits those it has
// not seen: processed ones (status succeeded) as documents to apply,
// failed ones as failed files, like file.failed.v2. After each pass it
// checks whether webhooks still arrive (silence.go).
//
// It lists with GET /transactions (from, direction, status), not Stedi's
// polling API (GET /polling/transactions): the polling API filters on
// nothing, so every outbound 850 would come back too; its startDateTime
// must be a minute old; and whether a pageToken from its last page
// resumes a later poll is not documented. A time cursor with an overlap,
// deduplicated by transaction id, rests only on documented behaviour.
type CatchUp struct {
	EDI           EDIInbox
	Store         InboxStore
	Interval      time.Duration // default 5m
	Overlap       time.Duration // how far before the cursor each listing starts
	FirstLookback time.Duration // how far back the first listing of a new database looks (default 24h)
	// Silence is how long inbound transactions may go undelivered by any
	// webhook before Stedi is said not to deliver; 0 when no webhook
	// endpoint runs (the catch-up is then the only way in).
	Silence time.Duration
	// Found is called when new documents were committed (the inbox's Wake).
	Found  func()
	Bus    *Bus
	Logger *slog.Logger
	Now    func() time.Time

	svc lifecycle.Service
	now chan struct{}
}

// CatchUpResult sums up one pass.
type CatchUpResult struct {
	Listed int // inbound transactions Stedi listed since the cursor minus the overlap
	New    int // of those, 855s and 856s no webhook (nor earlier pass) had delivered
}

// Start runs a pass at once, then every Interval, and on RunNow.
func (c *CatchUp) Start(ctx context.Context) error {
	c.Interval = cmpOr(c.Interval, 5*time.Minute)
	c.FirstLookback = cmpOr(c.FirstLookback, 24*time.Hour)
	if c.Now == nil {
		c.Now = time.Now
	}
	c.now = make(chan struct{}, 1)
	return c.svc.Start(ctx, c.loop)
}

// Stop stops the loop and waits for a pass in progress.
func (c *CatchUp) Stop() { c.svc.Stop() }

// RunNow asks for a pass as soon as the current one (if any) ends.
func (c *CatchUp) RunNow() {
	lifecycle.Signal(c.now)
}

func (c *CatchUp) loop(ctx context.Context) {
	lifecycle.Every(ctx, c.Interval, c.now, func(ctx context.Context) {
		if _, err := c.Once(ctx); err != nil && ctx.Err() == nil {
			c.Logger.Warn("catch-up failed; tried again at the next pass", "err", err)
			c.Bus.Publish(Event{Action: "catchup_failed", Message: err.Error()})
		}
	})
}

// Once runs one pass. The cursor moves in the same transaction as the
// documents, and only when the whole listing was read.
func (c *CatchUp) Once(ctx context.Context) (CatchUpResult, error) {
	var res CatchUpResult
	cursor, err := c.Store.Cursor(ctx, CursorInbound)
	if err != nil {
		return res, err
	}
	since := cursor.Add(-c.Overlap)
	if cursor.IsZero() {
		since = c.Now().Add(-c.FirstLookback)
	}
	newest := cursor
	if since.After(newest) {
		newest = since
	}
	entries, newest, err := c.listWithRetry(ctx, since, newest, &res)
	if err != nil {
		return res, fmt.Errorf("list Stedi's inbound transactions since %s: %w", since.Format(time.RFC3339), err)
	}
	results, err := c.Store.IntakeEvents(ctx, entries, &CursorMove{Name: CursorInbound, Value: newest})
	if err != nil {
		return res, err
	}
	for _, r := range results {
		if r.Duplicate == "" {
			res.New++
		}
	}
	c.checkSilence(ctx) // before report: its event ends the pass
	c.report(ctx, since, res)
	return res, nil
}

func (c *CatchUp) report(ctx context.Context, since time.Time, res CatchUpResult) {
	level := slog.LevelDebug
	if res.New > 0 {
		level = slog.LevelInfo
		msg := fmt.Sprintf("catch-up: Stedi listed %d inbound transaction(s) processed since %s; %d had not been delivered by the webhook and are now in the inbox",
			res.Listed, since.UTC().Format(time.RFC3339), res.New)
		if err := c.Store.AppendAudit(ctx, 0, AuditEntry{Actor: SourceCatchUp, Action: "caught_up", Message: msg}); err != nil {
			c.Logger.Warn("record catch-up in the audit trail", "err", err)
		}
		if c.Found != nil {
			c.Found()
		}
	}
	c.Logger.Log(ctx, level, "catch-up done", "listed", res.Listed, "new", res.New)
	c.Bus.Publish(Event{Action: "catchup", Message: fmt.Sprintf("%d listed, %d new", res.Listed, res.New)})
}

// listWithRetry lists the inbound transactions since since, trying a
// transient failure (a 503 on one page) twice more within the pass: the
// next pass may be minutes away, and an outage's backlog should not wait
// for it. Each try starts over; entries already stored are deduplicated.
func (c *CatchUp) listWithRetry(ctx context.Context, since, newest time.Time, res *CatchUpResult) ([]InboxEntry, time.Time, error) {
	var err error
	for try := range 3 {
		var entries []InboxEntry
		var listed int
		var top time.Time
		entries, top, listed, err = c.list(ctx, since, newest)
		if err == nil {
			res.Listed = listed
			return entries, top, nil
		}
		if ClassOf(err) != Transient {
			return nil, newest, err
		}
		select {
		case <-ctx.Done():
			return nil, newest, ctx.Err()
		case <-time.After(time.Duration(try+1) * 100 * time.Millisecond):
		}
	}
	return nil, newest, err
}

// list reads both listings, processed and failed transactions, and
// returns what they become and the newest processing time seen.
func (c *CatchUp) list(ctx context.Context, since, newest time.Time) ([]InboxEntry, time.Time, int, error) {
	var entries []InboxEntry
	top, listed := newest, 0
	take := func(failed bool) func(InboundTransaction) error {
		return func(t InboundTransaction) error {
			listed++
			if t.ProcessedAt.After(top) {
				top = t.ProcessedAt
			}
			if e := catchUpEntry(t, failed); e.Doc != nil {
				entries = append(entries, e)
			}
			return nil
		}
	}
	if err := c.EDI.InboundTransactions(ctx, since, take(false)); err != nil {
		return nil, newest, 0, err
	}
	if err := c.EDI.FailedInboundTransactions(ctx, since, take(true)); err != nil {
		return nil, newest, 0, fmt.Errorf("list failed transactions: %w", err)
	}
	return entries, top, listed, nil
}

// catchUpEntry is what a listed transaction becomes: a processed one is
// a transaction.processed.v2 no webhook brought; a failed one is its file
// failed, keyed by file execution like file.failed.v2, so both ways in
// make one document.
func catchUpEntry(t InboundTransaction, failed bool) InboxEntry {
	raw, _ := json.Marshal(t)
	ev := InboxEvent{ID: "catchup:" + t.TransactionID, Type: EventTransactionProcessed, Source: SourceCatchUp,
		Transaction: &t, Raw: raw}
	if failed {
		ev.Type, ev.Transaction = EventFileFailed, nil
		ev.FileFailure = &FileFailure{FileExecutionID: t.FileExecutionID, Direction: t.Direction,
			PartnershipID: t.PartnershipID, FileName: "transaction " + t.TransactionID + " (" + t.SetID + ")", Errors: t.Errors}
	}
	return NewInboxEntry(ev)
}
