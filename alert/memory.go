package alert

import (
	"context"

	"github.com/mlconnector/ml-connector/store"
)

// Memory keeps, in the store, the problems announced and not cleared, so
// a restart neither announces them again nor forgets to announce their
// cure, and the messages each notifier still has to deliver, so a crash
// loses none. store.DB implements it.
type Memory interface {
	ActiveAlerts(ctx context.Context) ([]store.AlertRecord, error)
	// RecordAlerts commits, in one transaction, the problems raised and
	// cleared with the messages announcing them, keeping at most keep
	// undelivered messages per notifier.
	RecordAlerts(ctx context.Context, raised []store.AlertRecord, cleared []string, messages []store.AlertMessage, keep int) error
	PendingAlerts(ctx context.Context, notifier string, limit int) ([]store.AlertMessage, error)
	AlertDelivered(ctx context.Context, id int64) error
}

// recall loads what an earlier run announced, once. Without it the
// manager cannot tell new problems from known ones, so it waits.
func (m *Manager) recall(ctx context.Context) bool {
	if m.Memory == nil || m.loaded {
		return true
	}
	recs, err := m.Memory.ActiveAlerts(ctx)
	if err != nil {
		m.Logger.Warn("read the alerts already announced; trying again at the next evaluation", "err", err)
		return false
	}
	for _, r := range recs {
		m.active[r.Key] = Problem{Key: r.Key, Title: r.Title, Detail: r.Detail}
	}
	m.loaded = true
	return true
}

// remember commits what r changes, with its message for every notifier,
// before anything is announced. A failure leaves everything as it was:
// the next evaluation sees the same changes and tries again.
func (m *Manager) remember(ctx context.Context, r Report, msg Message) bool {
	if m.Memory == nil {
		return true
	}
	raised := make([]store.AlertRecord, 0, len(r.Raised))
	for _, p := range r.Raised {
		raised = append(raised, store.AlertRecord{Key: p.Key, Title: p.Title, Detail: p.Detail})
	}
	cleared := make([]string, 0, len(r.Cleared))
	for _, p := range r.Cleared {
		cleared = append(cleared, p.Key)
	}
	var msgs []store.AlertMessage
	for _, n := range m.Notifiers {
		msgs = append(msgs, store.AlertMessage{Notifier: n.Name(), Subject: msg.Subject, Body: msg.Text})
	}
	if err := m.Memory.RecordAlerts(ctx, raised, cleared, msgs, maxBacklog); err != nil {
		m.Logger.Warn("record alerts; announcing them at the next evaluation", "err", err)
		return false
	}
	return true
}

// deliverStored sends each notifier's undelivered messages in order,
// marking each one delivered, and stops at a notifier's first failure.
func (m *Manager) deliverStored(ctx context.Context) {
	for _, n := range m.Notifiers {
		pending, err := m.Memory.PendingAlerts(ctx, n.Name(), maxBacklog)
		if err != nil {
			m.Logger.Warn("read undelivered alerts", "via", n.Name(), "err", err)
			continue
		}
		for _, p := range pending {
			if err := m.notify(ctx, n, Message{Subject: p.Subject, Text: p.Body}); err != nil {
				m.Logger.Warn("alert not delivered; will retry", "via", n.Name(), "err", err)
				break
			}
			if err := m.Memory.AlertDelivered(ctx, p.ID); err != nil {
				m.Logger.Warn("record an alert delivered; it may be sent again", "via", n.Name(), "err", err)
				break
			}
		}
	}
}
