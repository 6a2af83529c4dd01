package core

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// writeCapability is what writing a document of kind into X3 needs.
func writeCapability(kind Kind) X3Capability {
	if kind == Kind856 {
		return CapRecord856
	}
	return CapWrite855
}

// setupBlocked reports whether the write-back waits for X3's setup: a
// write capability is missing on the site as last discovered.
func (in *Inbox) setupBlocked() bool {
	return in.Setup != nil && (in.Setup.Blocked(CapWrite855) != "" || in.Setup.Blocked(CapRecord856) != "")
}

// setupMissing returns the setup X3 lacks when it refused a write for good
// (an unknown property, no edit facet, a representation that does not
// exist): discovery runs again and says whether the write capability is
// missing something. "" when the refusal has another cause.
func (in *Inbox) setupMissing(ctx context.Context, kind Kind, err error) string {
	var ce *Error
	if in.Setup == nil || !errors.As(err, &ce) || ce.Class != Permanent || !strings.HasPrefix(ce.Op, "x3 ") {
		return ""
	}
	return in.Setup.Refused(ctx, writeCapability(kind))
}

// waitForSetup gives the attempt back: the document is not at fault, and
// goes out by itself once discovery finds the setup done.
func (in *Inbox) waitForSetup(o InboundOutcome, err error, reason string) InboundOutcome {
	o.State, o.GiveBack, o.NextAttemptAt = StateRetrying, true, in.Now()
	o.Error = "waiting for Sage X3 setup: " + reason
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "attempt_failed",
		Message: fmt.Sprintf("%s; discovery finds the setup incomplete: %s (writing into X3 is paused; this document goes out by itself once the setup is done, the attempt does not count)", err, reason)})
	return o
}
