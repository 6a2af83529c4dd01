package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/internal/lifecycle"
)

// CursorPurchaseOrders is the poll cursor of X3 purchase orders.
const CursorPurchaseOrders = "x3.porder"

// Poller finds purchase orders (and supplier invoices, see sources) created
// or changed in X3 and queues the ones whose 850 (810) content is new.
type Poller struct {
	ERP      ERP
	Store    Store
	Partners Partners
	Map      MapConfig
	Folder   string        // X3 folder, part of every idempotency key
	Interval time.Duration // time between polls
	Overlap  time.Duration // how far before the cursor each poll looks again
	Fetchers int           // concurrent reads of changed records (default 4)
	Bus      *Bus
	Logger   *slog.Logger
	Now      func() time.Time
	// Queued is called after each committed batch of new documents, so the
	// sender can start at once.
	Queued func()
	// CheckX12 renders a mapped Guide JSON document as X12 in the
	// partner's release and returns what a strict validation finds
	// (x12.CheckGuideJSON): the X12 half of the preflight. Nil skips it;
	// the partner checks still run.
	CheckX12 func(guide []byte, release string) []string
	// Absorbed, when set, names the 850 content inbound write-backs left
	// POs with: content the supplier told us is not sent back (absorb.go).
	Absorbed AbsorbedSource
	// PauseProbe is how often X3 is tried while the X3 side is paused
	// (ControlX3Paused, see x3pause.go); default 1m.
	PauseProbe time.Duration
	// Setup, when set, skips a source whose capabilities X3 lacks the
	// setup for (x3gate.go); the pause control says why.
	Setup X3Gate

	svc       lifecycle.Service
	poll      chan struct{}
	lastProbe time.Time
}

// PollResult sums up one poll.
type PollResult struct {
	Listed    int // records listed as changed since the cursor (minus overlap)
	Unchanged int // listed, but with the update stamp already seen
	Read      int // read in full
	Queued    int // new revisions queued
	Same      int // read, but their content was unchanged
	NotEDI    int // supplier not on EDI for this set
	NotReady  int // read, but not to be sent yet (an invoice not validated)
	Failed    int // queued straight into the failed queue (cannot be mapped, or fails the preflight)
	Closed    int // closed in X3 with nothing to send (received in full, or cancelled before it went out)
	Deferred  int // could not be read this time (transient failure)
}

// Start runs the poll loop in the background. It polls at once, then every
// Interval, and whenever PollNow is called.
func (p *Poller) Start(ctx context.Context) error {
	p.poll = make(chan struct{}, 1)
	return p.svc.Start(ctx, p.loop)
}

// Stop stops the loop and waits for it to finish.
func (p *Poller) Stop() { p.svc.Stop() }

// PollNow asks for a poll as soon as the current one (if any) ends.
func (p *Poller) PollNow() {
	lifecycle.Signal(p.poll)
}

func (p *Poller) loop(ctx context.Context) {
	lifecycle.Every(ctx, p.Interval, p.poll, p.pollIfRunning)
}

func (p *Poller) pollIfRunning(ctx context.Context) {
	if paused, _, _ := p.Store.Control(ctx, ControlPollerPaused); paused == "1" || !p.x3ProbeDue(ctx) {
		return
	}
	res, err := p.PollOnce(ctx)
	if p.x3Outcome(ctx, err) {
		return
	}
	if err != nil {
		if ctx.Err() == nil {
			p.Logger.Warn("poll failed", "err", err)
			p.Bus.Publish(Event{Action: "poll_failed", Message: err.Error()})
		}
		return
	}
	level := slog.LevelDebug
	if res.Queued+res.Failed+res.Closed > 0 {
		level = slog.LevelInfo
	}
	p.Logger.Log(ctx, level, "poll done", "listed", res.Listed, "read", res.Read, "queued", res.Queued,
		"unchanged", res.Unchanged+res.Same, "not_edi", res.NotEDI, "not_ready", res.NotReady, "failed", res.Failed,
		"closed", res.Closed)
	p.Bus.Publish(Event{Action: "poll", Message: fmt.Sprintf("%d listed, %d queued", res.Listed, res.Queued)})
}

// PollOnce runs one poll of every source: purchase orders, and supplier
// invoices when the ERP has them and a partner receives 810s. A failed
// source does not keep the others from being polled.
func (p *Poller) PollOnce(ctx context.Context) (PollResult, error) {
	var total PollResult
	var errs []error
	for _, src := range p.sources() {
		res, err := p.pollSource(ctx, src)
		total.add(res)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return total, errors.Join(errs...)
}

func (r *PollResult) add(o PollResult) {
	r.Listed += o.Listed
	r.Unchanged += o.Unchanged
	r.Read += o.Read
	r.Queued += o.Queued
	r.Same += o.Same
	r.NotEDI += o.NotEDI
	r.NotReady += o.NotReady
	r.Failed += o.Failed
	r.Closed += o.Closed
	r.Deferred += o.Deferred
}

// pollSource polls one source. The cursor moves only after a listing
// that reached its last page and every listed record was handled, in the
// same transaction as the last batch. A listing cut short keeps what it
// read (sources list in update-stamp order, so what came before the cut
// is complete) and leaves the cursor: the next poll lists from the same
// place, and content hashing makes the repeat harmless.
func (p *Poller) pollSource(ctx context.Context, src recordSource) (PollResult, error) {
	var res PollResult
	_, many := src.names()
	if why := p.blocked(src); why != "" {
		p.Logger.Debug("source skipped: Sage X3 lacks its setup", "kind", src.kind(), "reason", why)
		return res, nil
	}
	cursor, err := p.Store.Cursor(ctx, src.cursor())
	if err != nil {
		return res, err
	}
	since := time.Time{}
	if !cursor.IsZero() {
		since = cursor.Add(-p.Overlap)
	}
	list := newChangeList(cursor) // poller_moved.go: a record listed twice is read once
	// known holds the records with a stored stamp. Every stored revision
	// comes with a stamp, so a record without one has no revision yet and
	// needs no look-up of its latest revision.
	known := map[string]bool{}
	listErr := src.list(ctx, since, func(rs RecordStamp) error {
		res.Listed++
		list.saw(rs)
		seen, ok, err := p.Store.SourceStamp(ctx, src.kind(), rs.Key)
		if err != nil {
			return err
		}
		if ok && seen.Settled(rs.Updated) {
			res.Unchanged++
			return nil
		}
		known[rs.Key] = ok
		list.add(rs)
		return nil
	})
	maxSeen := list.maxSeen
	changed, err := p.addRereads(ctx, src.kind(), list.changed, known)
	if err != nil {
		return res, err
	}
	const batch = 100
	for start := 0; start < len(changed); start += batch {
		chunk := changed[start:min(start+batch, len(changed))]
		if err := p.intakeChunk(ctx, src, chunk, known, maxSeen, &res); err != nil {
			return res, err
		}
	}
	switch {
	case listErr != nil:
		return res, fmt.Errorf("list changed %s (the %d listed before the failure were taken in; the cursor stays): %w",
			many, res.Listed, listErr)
	case res.Deferred > 0:
		// Keep the cursor: the next poll lists the deferred records again.
		return res, fmt.Errorf("%d %s could not be read from X3 this time; they are retried at the next poll", res.Deferred, many)
	}
	if to := list.cursor(); to.After(cursor) {
		err = p.Store.Intake(ctx, Intake{Actor: "poller", Cursor: &CursorMove{Name: src.cursor(), Value: to}})
	}
	return res, err
}

// blocked says why a source cannot be polled on this X3 site ("" when it can).
func (p *Poller) blocked(src recordSource) string {
	if p.Setup == nil {
		return ""
	}
	for _, c := range src.needs() {
		if why := p.Setup.Blocked(c); why != "" {
			return why
		}
	}
	return ""
}

// addRereads appends the records an operator asked to read again that the
// listing did not already bring.
func (p *Poller) addRereads(ctx context.Context, kind Kind, changed []RecordStamp, known map[string]bool) ([]RecordStamp, error) {
	keys, err := p.Store.Rereads(ctx, kind)
	if err != nil || len(keys) == 0 {
		return changed, err
	}
	listed := make(map[string]bool, len(changed))
	for _, rs := range changed {
		listed[rs.Key] = true
	}
	for _, k := range keys {
		if !listed[k] {
			changed = append(changed, RecordStamp{Key: k})
		}
		known[k] = true
	}
	return changed, nil
}

// intakeChunk reads a chunk of changed records concurrently, then commits
// the resulting revisions and stamps together. readMark is the newest stamp
// the listing showed, a lower bound of X3's clock when the reads happen.
func (p *Poller) intakeChunk(ctx context.Context, src recordSource, chunk []RecordStamp, known map[string]bool, readMark time.Time, res *PollResult) error {
	results := make([]intakeItem, len(chunk))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(p.Fetchers, 1))
	for i, rs := range chunk {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = p.examine(ctx, src, rs, known[rs.Key])
		}()
	}
	wg.Wait()
	in := Intake{Actor: "poller"}
	for _, it := range results {
		if it.err != nil {
			return it.err
		}
		if it.outcome == outcomeDeferred {
			res.Deferred++
			continue
		}
		res.Read++
		in.Stamps = append(in.Stamps, KindStamp{Kind: src.kind(), Key: it.stamp.Key, Updated: it.stamp.Updated, ReadMark: readMark})
		switch it.outcome {
		case outcomeNew:
			res.Queued++
		case outcomeUnmappable:
			res.Failed++
		case outcomeClosed:
			res.Closed++
		case outcomeSame:
			res.Same++
			continue
		case outcomeNotEDI:
			res.NotEDI++
			continue
		case outcomeNotReady:
			res.NotReady++
			continue
		}
		in.New = append(in.New, it.doc)
	}
	if err := p.Store.Intake(ctx, in); err != nil {
		return err
	}
	for _, nd := range in.New {
		action, msg := "queued", nd.Doc.LastError
		if nd.Doc.State == StateClosed {
			action, msg = "closed", nd.Note
		}
		p.Bus.Publish(Event{Kind: nd.Doc.Kind, Key: nd.Doc.SourceKey, Action: action, State: nd.Doc.State, Message: msg})
	}
	if len(in.New) > 0 && p.Queued != nil {
		p.Queued()
	}
	return nil
}

type intakeOutcome int

const (
	outcomeSame intakeOutcome = iota
	outcomeNew
	outcomeUnmappable // cannot be mapped, or fails the preflight: queued as failed
	outcomeNotEDI
	outcomeNotReady // not to be sent yet (an invoice not validated)
	outcomeDeferred // a transient failure kept the record from being read
	outcomeClosed   // closed in X3 with nothing to send: stored as such (closure.go)
)

type intakeItem struct {
	stamp   RecordStamp
	outcome intakeOutcome
	doc     NewDocument
	err     error
}

// examine reads one changed record and decides whether it yields a new
// revision. Only store errors are returned; X3 failures become outcomes.
func (p *Poller) examine(ctx context.Context, src recordSource, rs RecordStamp, known bool) intakeItem {
	it := intakeItem{stamp: rs}
	rec, err := p.readRecord(ctx, src, rs.Key)
	switch {
	case errors.Is(err, ErrNotFound):
		return it // deleted since it was listed: nothing to send
	case err != nil && ClassOf(err) == Permanent:
		it.doc = p.unreadable(src, rs, err)
		_, same, serr := p.nextRevision(ctx, &it.doc, known)
		it.outcome, it.err = outcomeUnmappable, serr
		if same {
			it.outcome = outcomeSame
		}
		return it
	case err != nil:
		one, _ := src.names()
		p.Logger.Warn("read deferred to the next poll", "kind", src.kind(), "record", one+" "+rs.Key, "err", err)
		it.outcome = outcomeDeferred
		return it
	}
	if !rec.updated.IsZero() {
		it.stamp.Updated = rec.updated // the stamp of the content actually read
	}
	partner, setting, ok := p.Partners.Lookup(rec.supplier, src.kind())
	switch {
	case !ok:
		it.outcome = outcomeNotEDI
	case rec.notReady != "":
		it.outcome = outcomeNotReady
	default:
		it.outcome, it.doc, it.err = p.revise(ctx, src.kind(), rec, partner, setting, known)
	}
	return it
}

// readRecord reads one record, trying a transient failure twice more
// before the record is deferred to the next poll.
func (p *Poller) readRecord(ctx context.Context, src recordSource, key string) (*sourceRecord, error) {
	var err error
	for try := range 3 {
		var rec *sourceRecord
		if rec, err = src.read(ctx, key); err == nil || ClassOf(err) != Transient {
			return rec, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(try+1) * 50 * time.Millisecond):
		}
	}
	return nil, err
}

// unreadable puts a record X3 refuses to serve into the failed queue, so an
// operator sees it; a change to the record in X3 brings it back.
func (p *Poller) unreadable(src recordSource, rs RecordStamp, err error) NewDocument {
	one, _ := src.names()
	msg := fmt.Sprintf("%s %s could not be read from Sage X3: %s", one, rs.Key, err)
	doc := Document{Kind: src.kind(), Direction: Outbound, SourceKey: rs.Key,
		ContentHash: "unreadable:" + rs.Updated.UTC().Format(time.RFC3339), State: StateFailed, LastError: msg,
		ErrorClass: Permanent, SourceUpdated: rs.Updated}
	if src.kind() == Kind850 {
		doc.PONumber = rs.Key
	}
	return NewDocument{Doc: doc}
}

// nextRevision numbers nd after the latest stored revision of its record
// (prev, zero when there is none), or reports that the latest one has the
// same content. The purpose is a replacement when an earlier revision may
// have reached the partner.
func (p *Poller) nextRevision(ctx context.Context, nd *NewDocument, known bool) (prev Revision, same bool, err error) {
	doc := &nd.Doc
	doc.Revision, doc.Purpose = 1, PurposeOriginal
	if !known {
		return prev, false, nil
	}
	prev, exists, err := p.Store.LatestRevision(ctx, doc.Kind, doc.SourceKey)
	if err != nil {
		return prev, false, err
	}
	if exists && prev.Hash == doc.ContentHash {
		return prev, true, nil
	}
	if exists && doc.Kind == Kind850 {
		if same, err := p.absorbedSame(ctx, doc.SourceKey, prev, doc.ContentHash); err != nil || same {
			return prev, same, err
		}
	}
	if exists {
		doc.Revision, nd.Supersede = prev.Number+1, prev.ID
		if prev.AnySent && !doc.Test || prev.AnyTestSent && doc.Test {
			doc.Purpose = PurposeReplace
		}
	}
	return prev, false, nil
}
