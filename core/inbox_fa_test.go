package core_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// sendTracked polls X3 and completes every queued 850 as sent in the
// envelope envs names for its PO, as the sender does with Stedi's answer.
func (r *inboxRig) sendTracked(envs map[string]core.Envelope) map[string]int64 {
	r.t.Helper()
	ctx := context.Background()
	if _, err := r.poller().PollOnce(ctx); err != nil {
		r.t.Fatal(err)
	}
	docs, _ := r.db.ClaimDue(ctx, time.Now().Add(time.Second), 100, time.Minute)
	ids := map[string]int64{}
	for _, d := range docs {
		env, ok := envs[d.PONumber]
		if !ok {
			r.t.Fatalf("no envelope for PO %s", d.PONumber)
		}
		track := &core.Tracking{SentAt: time.Now(), Envelope: env, Due: core.Deadlines{Default: core.DefaultDeadlines}.Due(d.Kind, d.Supplier, time.Now(), time.Time{})}
		if err := r.db.Complete(ctx, []core.Outcome{{DocID: d.ID, State: core.StateSent, Track: track}}); err != nil {
			r.t.Fatal(err)
		}
		ids[d.PONumber] = d.ID
	}
	return ids
}

func envelope850(group int64, set string) core.Envelope {
	return core.Envelope{Interchange: group, GroupID: "PO", GroupControl: group, Release: "004010", SetID: "850", SetControl: set}
}

// fa997 is a partner's 997 in 004010 Guide JSON (Stedi's key names): one
// AK2 loop per set "ST02:status", and refused segments "SEG:pos:code" with
// elements "pos:ref:code:bad" after a slash.
func fa997(group int64, sets ...string) string {
	var loops []string
	groupStatus := "A"
	for _, s := range sets {
		f := strings.SplitN(s, ":", 3)
		var notes []string
		if len(f) == 3 {
			for _, n := range strings.Split(f[2], ";") {
				seg, elems, _ := strings.Cut(n, "/")
				sf := strings.Split(seg, ":")
				var ak4 []string
				for _, e := range strings.Split(elems, ",") {
					if e == "" {
						continue
					}
					ef := strings.Split(e, ":")
					ak4 = append(ak4, fmt.Sprintf(`{"position_in_segment_01":{"element_position_in_segment_01":%s},"data_element_reference_number_02":%s,"data_element_syntax_error_code_03":%q,"copy_of_bad_data_element_04":%q}`,
						ef[0], ef[1], ef[2], ef[3]))
				}
				notes = append(notes, fmt.Sprintf(`{"data_segment_note_AK3":{"segment_id_code_01":%q,"segment_position_in_transaction_set_02":%s,"loop_identifier_code_03":%q,"segment_syntax_error_code_04":%q},"data_element_note_AK4":[%s]}`,
					sf[0], sf[1], sf[0], sf[2], strings.Join(ak4, ",")))
			}
		}
		if f[1] != "A" {
			groupStatus = f[1]
		}
		loops = append(loops, fmt.Sprintf(`{"transaction_set_response_header_AK2":{"transaction_set_identifier_code_01":"850","transaction_set_control_number_02":%q},
		  "data_segment_note_AK3_loop":[%s],"transaction_set_response_trailer_AK5":{"transaction_set_acknowledgment_code_01":%q}}`,
			f[0], strings.Join(notes, ","), f[1]))
	}
	return fmt.Sprintf(`{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"997","transaction_set_control_number_02":"0001"},
	  "functional_group_response_header_AK1":{"functional_identifier_code_01":"PO","group_control_number_02":%d},
	  "transaction_set_response_header_AK2_loop":[%s],
	  "functional_group_response_trailer_AK9":{"functional_group_acknowledge_code_01":%q,"number_of_transaction_sets_included_02":%d,"number_of_received_transaction_sets_03":%d,"number_of_accepted_transaction_sets_04":%d}}}`,
		group, strings.Join(loops, ","), groupStatus, len(sets), len(sets), len(sets))
}

func TestInbox_997AcceptingAn850IsMatchedByItsControlNumbers(t *testing.T) {
	r := newInboxRig(t)
	r.addPO("PO2")
	r.addPO("PO3")
	// Both sets are ST02 0001: only the group control number tells them apart.
	ids := r.sendTracked(map[string]core.Envelope{"PO2": envelope850(41, "0001"), "PO3": envelope850(42, "0001")})
	fa := r.settle(r.deliver("tx-997", core.Kind997, "p1", fa997(42, "0001:A")))
	if fa.State != core.StateApplied || fa.PONumber != "PO3" {
		t.Fatalf("997 ended %s for PO %q: %s", fa.State, fa.PONumber, fa.LastError)
	}
	ctx := context.Background()
	tracks, err := r.db.Tracking(ctx, ids["PO2"], ids["PO3"])
	if err != nil {
		t.Fatal(err)
	}
	if got := tracks[ids["PO3"]]; got.FAStatus != "A" || got.FAAt.IsZero() {
		t.Errorf("PO3's 850 tracking = %+v, want the 997 recorded accepted", got)
	}
	if got := tracks[ids["PO2"]]; !got.FAAt.IsZero() {
		t.Errorf("PO2's 850 got a 997 it was not sent: %+v", got)
	}
	rows, _ := r.db.FunctionalAcks(ctx, ids["PO3"])
	if len(rows) != 1 || rows[0].AckDocumentID != fa.ID || rows[0].Status != "A" || rows[0].GroupControl != 42 {
		t.Errorf("functional acks of PO3 = %+v", rows)
	}
	if d, _ := r.db.Document(ctx, ids["PO3"]); d.State != core.StateSent {
		t.Errorf("accepted 850 is %s, want still sent", d.State)
	}
	trail, _ := r.db.AuditTrail(ctx, ids["PO3"])
	if !hasAction(trail, "acknowledged_997") {
		t.Errorf("the 850's trail does not record the 997: %+v", trail)
	}
}

func TestInbox_997RejectingAn850MovesItToTheFailedQueueNamingTheSegment(t *testing.T) {
	r := newInboxRig(t)
	r.addPO("PO2")
	ids := r.sendTracked(map[string]core.Envelope{"PO2": envelope850(7, "0001")})
	fa := r.settle(r.deliver("tx-997r", core.Kind997, "p1", fa997(7, "0001:R:PO1:6:8/3:355:7:XX")))
	if fa.State != core.StateApplied {
		t.Fatalf("997 ended %s: %s", fa.State, fa.LastError)
	}
	ctx := context.Background()
	d, _ := r.db.Document(ctx, ids["PO2"])
	if d.State != core.StateFailed || d.ErrorClass != core.Permanent {
		t.Fatalf("rejected 850 is %s (%s), want failed", d.State, d.ErrorClass)
	}
	for _, want := range []string{"rejected (R)", "segment PO1 at position 6", "segment has data element errors",
		"element PO103 (355): invalid code value", `got "XX"`} {
		if !strings.Contains(d.LastError, want) {
			t.Errorf("last error %q does not say %q", d.LastError, want)
		}
	}
	failed, _ := r.db.FailedIDs(ctx)
	if len(failed) != 1 || failed[0] != ids["PO2"] {
		t.Errorf("failed queue = %v, want the 850 %d", failed, ids["PO2"])
	}
	if n, _ := r.db.Replay(ctx, []int64{ids["PO2"]}, "operator:test"); n != 0 {
		t.Errorf("a document the partner rejected was replayed as it is (%d)", n)
	}
	tr, _ := r.db.Tracking(ctx, ids["PO2"])
	if got := tr[ids["PO2"]]; !got.Due.POA.IsZero() || !got.Due.ASN.IsZero() {
		t.Errorf("a rejected 850 still awaits its 855/856: %+v", got.Due)
	}
}

func TestInbox_997ThatMatchesNothingIsKeptAndReported(t *testing.T) {
	r := newInboxRig(t)
	fa := r.settle(r.deliver("tx-997x", core.Kind997, "p1", fa997(999, "0001:A")))
	if fa.State != core.StateFailed || !strings.Contains(fa.LastError, "answers no document sent") {
		t.Fatalf("unmatched 997 ended %s: %s", fa.State, fa.LastError)
	}
	rows, _ := r.db.FunctionalAcks(context.Background(), fa.ID)
	if len(rows) != 1 || rows[0].DocID != 0 || rows[0].GroupControl != 999 {
		t.Errorf("unmatched set responses = %+v, want one kept with no document", rows)
	}
	counts, _ := r.db.CountAcks(context.Background())
	if counts.Unmatched != 1 || counts.Received != 1 {
		t.Errorf("counts = %+v", counts)
	}
}

func hasAction(trail []core.AuditEntry, action string) bool {
	for _, e := range trail {
		if e.Action == action {
			return true
		}
	}
	return false
}
