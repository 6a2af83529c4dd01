package core

import (
	"context"
	"time"
)

// Store is the durable state the engine works on. Every method commits
// before it returns, so whatever the engine does next (send, acknowledge)
// happens only after the state change is on disk.
type Store interface {
	// SourceStamp returns the X3 update stamp last seen for a record.
	SourceStamp(ctx context.Context, kind Kind, key string) (KindStamp, bool, error)
	// Rereads lists records an operator asked to read again (replay of a
	// document that never had a payload).
	Rereads(ctx context.Context, kind Kind) ([]string, error)
	// LatestRevision returns the newest stored revision of a record.
	LatestRevision(ctx context.Context, kind Kind, key string) (Revision, bool, error)
	// SentLines returns the order lines stored with the newest revision of
	// a record that may have reached the partner (test revisions, or
	// production ones); ok is false when there is none, or it kept none.
	SentLines(ctx context.Context, kind Kind, key string, test bool) (lines []OrderLine, ok bool, err error)
	// Cursor returns the named poll cursor, zero when never set.
	Cursor(ctx context.Context, name string) (time.Time, error)
	// Intake commits new document revisions, record stamps and, optionally,
	// a cursor move in one transaction.
	Intake(ctx context.Context, in Intake) error
	// RequeueExpired returns documents whose sending lease ran out (the
	// process died mid-send) to the queue, in their old place and with
	// their attempt count. They keep their idempotency key, so a resend
	// cannot duplicate.
	// Leases ending at or before leasesBefore are expired; now stamps the
	// change.
	RequeueExpired(ctx context.Context, leasesBefore, now time.Time) (int, error)
	// ClaimDue marks up to limit due outbound documents as sending and
	// returns them; the attempt counts when Complete records its outcome.
	ClaimDue(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]Document, error)
	// Complete records the outcome of attempts, with their audit entries.
	Complete(ctx context.Context, outcomes []Outcome) error
	// Replay returns failed documents to the queue as new, with a fresh
	// attempt budget. It returns how many were replayed.
	Replay(ctx context.Context, ids []int64, actor string) (int, error)
	// Control reads and writes small named settings shared with other
	// processes on the same database (pauses, reasons).
	Control(ctx context.Context, name string) (string, bool, error)
	SetControl(ctx context.Context, name, value, actor string) error
}

// Intake is one poll's worth of changes.
type Intake struct {
	Actor  string
	New    []NewDocument
	Stamps []KindStamp
	Cursor *CursorMove
}

// NewDocument is a revision to store, with what was read from X3.
type NewDocument struct {
	Doc      Document
	X3Record []byte
	// Supersede is the ID of an older, unsent revision this one replaces.
	Supersede int64
	// Lines are the PO's lines as this revision tells the partner (nil when
	// it tells none: a cancellation, an invoice): what a later 860 is
	// computed against (map860.go).
	Lines []OrderLine
	// Note says, in the trail, what the revision is when that needs words:
	// why a closed revision sends nothing, why a change goes as an 850.
	Note string
}

// KindStamp records the update stamp of one X3 record, and ReadMark: the
// newest stamp X3 had listed before the record was read, a lower bound of
// X3's clock at the time of the read.
type KindStamp struct {
	Kind     Kind
	Key      string
	Updated  time.Time
	ReadMark time.Time
}

// Settled reports whether a listed stamp needs no new read: it is the one
// already read, and its second had ended before that read. X3 stamps have
// one-second precision, so a change in the same second as the read would
// otherwise carry the same stamp and go unseen.
func (s KindStamp) Settled(listed time.Time) bool {
	return s.Updated.Equal(listed) && !listed.Add(time.Second).After(s.ReadMark)
}

// CursorMove moves a named poll cursor.
type CursorMove struct {
	Name  string
	Value time.Time
}

// Outcome is the result of one attempt to send a document.
type Outcome struct {
	DocID         int64
	Kind          Kind   // for events only
	Key           string // for events only
	State         State
	NextAttemptAt time.Time
	Error         string
	ErrorClass    ErrorClass
	// GiveBack says the attempt does not count: the failure was not the
	// document's (the side is paused), or no request was made. An attempt
	// counts when its outcome is recorded, never at the claim.
	GiveBack bool
	// WindowFrom, when set, restarts the revision's idempotency window
	// (Document.FirstSentAt): Stedi said it holds no transaction of it,
	// so this attempt's request is the first that may reach it.
	WindowFrom time.Time
	Audit      []AuditEntry
	// Track, on a sent outcome, starts following the document's
	// acknowledgments (deadlines.go).
	Track *Tracking
}

// Control names.
const (
	ControlStediPaused  = "stedi.paused"  // reason text; empty when running
	ControlPollerPaused = "poller.paused" // "1" when an operator paused polling
)
