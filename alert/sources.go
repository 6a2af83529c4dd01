package alert

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// DocumentLister lists documents (store.DB).
type DocumentLister interface {
	ListDocuments(ctx context.Context, f store.Filter) ([]core.Document, error)
}

// maxFailedListed bounds the failed documents read per evaluation; more
// than that are one problem each only once they are among the newest.
const maxFailedListed = 500

// FailedDocuments is one problem per document in the failed queue; it
// clears when the document leaves the queue (replayed and sent, or
// superseded).
func FailedDocuments(db DocumentLister) Source {
	return Source{Name: "failed", Problems: func(ctx context.Context, _ time.Time) ([]Problem, error) {
		docs, err := db.ListDocuments(ctx, store.Filter{State: core.StateFailed, Limit: maxFailedListed})
		if err != nil {
			return nil, err
		}
		out := make([]Problem, 0, len(docs))
		for _, d := range docs {
			title := fmt.Sprintf("document %d (%s", d.ID, d.Kind)
			if d.PONumber != "" {
				title += " for PO " + d.PONumber
			}
			out = append(out, Problem{Key: strconv.FormatInt(d.ID, 10),
				Title:  title + ") is in the failed queue",
				Detail: fmt.Sprintf("%s. Once fixed: ml-connector replay %d", d.LastError, d.ID)})
		}
		return out, nil
	}}
}

// ControlReader reads control settings (store.DB).
type ControlReader interface {
	Control(ctx context.Context, name string) (string, bool, error)
}

// Paused is a problem while a control setting holds a reason: x3.paused
// (Sage X3 needs re-authorising), x3.setup.paused (X3 lacks setup a
// capability needs) and stedi.paused (sending is paused).
func Paused(db ControlReader) Source {
	titles := []struct{ control, title string }{
		{core.ControlX3Paused, "Sage X3 needs re-authorising; reading and writing X3 is paused"},
		{core.ControlX3SetupPaused, "Sage X3 lacks setup the connector needs; the work it concerns waits (docs/x3-setup.md)"},
		{core.ControlStediPaused, "sending to Stedi is paused: Stedi refuses the API key"},
	}
	return Source{Name: "paused", Problems: func(ctx context.Context, _ time.Time) ([]Problem, error) {
		var out []Problem
		for _, t := range titles {
			reason, _, err := db.Control(ctx, t.control)
			if err != nil {
				return nil, err
			}
			if reason != "" {
				out = append(out, Problem{Key: t.control, Title: t.title, Detail: reason})
			}
		}
		return out, nil
	}}
}

// Down is a problem for each periodically checked part (x3, stedi,
// database) that has been failing for at least after.
func Down(outcomes func() []admin.Outcome, after time.Duration) Source {
	return Source{Name: "down", Problems: func(_ context.Context, now time.Time) ([]Problem, error) {
		var out []Problem
		for _, o := range outcomes() {
			if o.Passed() || now.Sub(o.Since) < after {
				continue
			}
			out = append(out, Problem{Key: o.Part,
				Title:  fmt.Sprintf("%s has been failing since %s", o.Part, o.Since.UTC().Format("2006-01-02 15:04 UTC")),
				Detail: o.Detail + ". " + o.Advice})
		}
		return out, nil
	}}
}

// TunnelDown is a problem while webhooks have been unable to reach the
// process for at least after. A stopped endpoint (shutdown) is not one.
func TunnelDown(src tunnel.StatusSource, after time.Duration) Source {
	return Source{Name: "tunnel", Problems: func(_ context.Context, now time.Time) ([]Problem, error) {
		st := src.Status()
		if st.State == tunnel.StateOnline || st.State == tunnel.StateStopped || now.Sub(st.Since) < after {
			return nil, nil
		}
		detail := st.Error
		if detail == "" {
			detail = string(st.State)
		}
		return []Problem{{Key: st.Provider,
			Title: fmt.Sprintf("webhooks cannot reach ml-connector (%s endpoint %s since %s)", st.Provider, st.State,
				st.Since.UTC().Format("2006-01-02 15:04 UTC")),
			Detail: detail + ". Missed webhooks are picked up by the catch-up once it is back."}}, nil
	}}
}
