// Package alerttest holds what tests of alerting share.
package alerttest

import (
	"context"
	"sync"

	"github.com/mlconnector/ml-connector/alert"
)

// Recorder is a notifier that keeps every message it is given.
type Recorder struct {
	mu   sync.Mutex
	msgs []alert.Message
}

// Name implements alert.Notifier.
func (r *Recorder) Name() string { return "test" }

// Notify implements alert.Notifier.
func (r *Recorder) Notify(_ context.Context, m alert.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// Subjects lists the subjects of the messages received, oldest first.
func (r *Recorder) Subjects() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.msgs {
		out = append(out, m.Subject)
	}
	return out
}
