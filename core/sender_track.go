package core

import "time"

// tracking is what the store keeps to follow a sent document's
// acknowledgments. Without the envelope (an answer whose X12 could not be
// read) the deadlines still run; only matching a 997 is impossible.
func (s *Sender) tracking(d Document, res *GenerateResult) *Tracking {
	t := &Tracking{SentAt: s.Now()}
	if res.Envelope != nil {
		t.Envelope = *res.Envelope
	}
	if d.Orders() {
		t.ReceiptAt = ExpectedReceipt(d.Payload)
	}
	deadlines := s.Deadlines
	if deadlines.Default == (DeadlineSet{}) && deadlines.Partners == nil {
		deadlines.Default = DefaultDeadlines
	}
	t.Due = deadlines.Due(d.Kind, d.Supplier, t.SentAt, t.ReceiptAt)
	if !d.Orders() {
		t.Due.POA, t.Due.ASN = time.Time{}, time.Time{} // a cancellation or a change order: its 997 only
	}
	return t
}
