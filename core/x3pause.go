package core

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"
)

// ControlX3Paused holds why the Sage X3 side is paused (X3 refused the
// connector's credentials, or the cloud authorisation expired); empty
// while X3 is reachable. While it is set, the poller only probes X3 now
// and then and the inbound write-back waits; documents already queued for
// Stedi keep going, and nothing queued is dropped.
const ControlX3Paused = "x3.paused"

// defaultX3PauseProbe is how often a paused poller tries X3 again.
const defaultX3PauseProbe = time.Minute

// X3PauseReason turns an Unauthorized X3 error into the operator's
// message: the client's own advice when it has one (such as "Sage X3
// authorisation expired or was revoked: run ml-connector x3 authorize"),
// otherwise the refusal with what to check.
func X3PauseReason(err error) string {
	var ce *Error
	if errors.As(err, &ce) && strings.HasPrefix(ce.Message, "Sage X3 ") {
		return ce.Message
	}
	if ce != nil {
		err = ce
	}
	return "Sage X3 refused the connector's credentials (" + err.Error() +
		"): check the X3 user and password, or the application's client id and secret"
}

// ControlStore is the part of a store that keeps controls; Store has it,
// and so does the SQLite store behind InboxStore.
type ControlStore interface {
	Control(ctx context.Context, name string) (string, bool, error)
	SetControl(ctx context.Context, name, value, actor string) error
}

// X3Paused returns the reason the X3 side is paused, "" when it is not.
func X3Paused(ctx context.Context, st ControlStore) string {
	reason, _, _ := st.Control(ctx, ControlX3Paused)
	return reason
}

// PauseX3 records that X3 refused the connector (err is Unauthorized).
// It logs and announces the pause once, not at every probe.
func PauseX3(ctx context.Context, st ControlStore, bus *Bus, log *slog.Logger, actor string, err error) {
	reason := X3PauseReason(err)
	if X3Paused(ctx, st) == reason {
		return
	}
	if serr := st.SetControl(ctx, ControlX3Paused, reason, actor); serr != nil {
		log.Error("record the Sage X3 pause", "err", serr)
	}
	log.Error("Sage X3 side paused: polling and write-back wait; documents already queued are still sent", "reason", reason)
	bus.Publish(Event{Action: "paused", Message: reason})
}

// ResumeX3 lifts the pause after X3 answered a call again.
func ResumeX3(ctx context.Context, st ControlStore, bus *Bus, log *slog.Logger, actor string) {
	if X3Paused(ctx, st) == "" {
		return
	}
	if err := st.SetControl(ctx, ControlX3Paused, "", actor); err != nil {
		log.Error("lift the Sage X3 pause", "err", err)
		return
	}
	log.Info("Sage X3 accepts the connector again; polling and write-back resumed")
	bus.Publish(Event{Action: "resumed", Message: "Sage X3 side resumed"})
}

// x3ProbeDue reports whether the poller may call X3 now: always while X3
// is not paused, once every PauseProbe while it is.
func (p *Poller) x3ProbeDue(ctx context.Context) bool {
	if X3Paused(ctx, p.Store) == "" {
		return true
	}
	now := p.Now()
	if now.Sub(p.lastProbe) < cmpOr(p.PauseProbe, defaultX3PauseProbe) {
		return false
	}
	p.lastProbe = now
	return true
}

// x3Outcome pauses the X3 side when a poll was refused, and lifts the
// pause when a poll succeeded. It reports whether err was a refusal (which
// the pause has already logged).
func (p *Poller) x3Outcome(ctx context.Context, err error) bool {
	if err == nil {
		ResumeX3(ctx, p.Store, p.Bus, p.Logger, "poller")
		return false
	}
	if !anyUnauthorized(err) {
		return false
	}
	p.lastProbe = p.Now() // the refused poll counts as the first probe
	PauseX3(ctx, p.Store, p.Bus, p.Logger, "poller", err)
	return true
}

// anyUnauthorized reports whether err, or any error joined into it (one
// per poll source), is Unauthorized.
func anyUnauthorized(err error) bool {
	if ClassOf(err) == Unauthorized {
		return true
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			if anyUnauthorized(e) {
				return true
			}
		}
	}
	if inner := errors.Unwrap(err); inner != nil {
		return anyUnauthorized(inner)
	}
	return false
}

// x3Paused reports whether the inbound write-back must wait: the X3 side
// is paused. Documents stay queued; the poller's probe lifts the pause.
func (in *Inbox) x3Paused(ctx context.Context) bool {
	cs, ok := in.Store.(ControlStore)
	return ok && X3Paused(ctx, cs) != ""
}

// x3Refused pauses the X3 side when X3 itself refused a write-back (not
// Stedi: the inbox also fetches from Stedi). X3 client operations are
// named "x3 …".
func (in *Inbox) x3Refused(err error) {
	var ce *Error
	cs, ok := in.Store.(ControlStore)
	if !ok || !errors.As(err, &ce) || ce.Class != Unauthorized || !strings.HasPrefix(ce.Op, "x3 ") {
		return
	}
	PauseX3(context.Background(), cs, in.Bus, in.Logger, "inbox", err)
}
