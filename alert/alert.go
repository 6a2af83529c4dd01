// Package alert tells someone when a daemon nobody watches needs a person:
// a document entered the failed queue, a connection stayed down past a
// set time, Sage X3 needs re-authorising, sending to Stedi is paused. Each
// problem is announced once when it appears and once when it clears, by
// email (SMTP) and/or a chat webhook (Slack, Teams), however many retries
// or checks happen in between.
package alert

import (
	"context"
	"time"
)

// Problem is one thing that needs a person. Key identifies it within its
// source, so the same problem seen again is not announced again.
type Problem struct {
	Key    string
	Title  string // one line, e.g. "document 42 (850 for PO P001) is in the failed queue"
	Detail string // the reason, and what to do
}

// Source lists the problems it sees now. Name prefixes its keys; a source
// that fails keeps its earlier problems (a failed read is not a cure).
type Source struct {
	Name     string
	Problems func(ctx context.Context, now time.Time) ([]Problem, error)
}

// Message is one notification.
type Message struct {
	Subject string
	Text    string
}

// Notifier delivers messages. Errors must not carry secrets.
type Notifier interface {
	Name() string
	Notify(ctx context.Context, m Message) error
}
