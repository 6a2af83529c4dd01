package core_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// sendRecordedMidMatch is the inbox's store with the sender racing it:
// the send of one 850 is recorded right after the inbox's first look for
// what a 997 answers, before anything else it reads.
type sendRecordedMidMatch struct {
	core.InboxStore
	once   sync.Once
	record func()
}

func (s *sendRecordedMidMatch) SentDocuments(ctx context.Context, partnershipID, groupID string, groupControl int64, setID, setControl string) ([]core.SentRef, error) {
	refs, err := s.InboxStore.SentDocuments(ctx, partnershipID, groupID, groupControl, setID, setControl)
	s.once.Do(func() {
		if s.record != nil {
			s.record()
		}
	})
	return refs, err
}

// Found by make chaos (a 997 in the failed queue, "answers no document
// sent", its 850 recorded sent 6 ms before): the inbox matched the 997
// while the 850 was still being sent, and asked whether a send was in
// flight after the sender had recorded it. It must wait and match.
func TestInbox_997MatchedEvenWhenItsSendIsRecordedDuringTheMatch(t *testing.T) {
	race := &sendRecordedMidMatch{}
	r := newInboxRig(t, func(in *core.Inbox) { race.InboxStore = in.Store; in.Store = race })
	r.addPO("PO2")
	ctx := context.Background()
	if _, err := r.poller().PollOnce(ctx); err != nil {
		t.Fatal(err)
	}
	claimed, err := r.db.ClaimDue(ctx, time.Now().Add(time.Second), 1, time.Minute) // the request is on its way
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %v, %v", claimed, err)
	}
	race.record = func() {
		track := &core.Tracking{SentAt: time.Now(), Envelope: envelope850(7, "0001")}
		if err := r.db.Complete(ctx, []core.Outcome{{DocID: claimed[0].ID, State: core.StateSent, Track: track}}); err != nil {
			t.Error(err)
		}
	}
	fa := r.settle(r.deliver("tx-997-race", core.Kind997, "p1", fa997(7, "0001:A")))
	if fa.State != core.StateApplied || fa.PONumber != "PO2" {
		t.Fatalf("997 ended %s for PO %q: %s; want applied to PO2's 850", fa.State, fa.PONumber, fa.LastError)
	}
}
