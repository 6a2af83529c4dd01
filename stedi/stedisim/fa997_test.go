package stedisim

import (
	"strconv"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// sentControls reads GS06 and ST02 of what the simulator rendered for an
// accepted transaction.
func sentControls(t *testing.T, a Accepted) (gs06, st02 string) {
	t.Helper()
	ic, err := x12.Parse([]byte(a.EDI))
	if err != nil {
		t.Fatal(err)
	}
	return ic.Groups[0].GS.Element(6), ic.Groups[0].Sets[0].ST.Element(2)
}

// bySet sorts transaction ids by their set and returns each one's Guide JSON.
func (f *fixture) bySet(ids []string) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for _, id := range ids {
		tx, g := f.stored(id)
		set := tx.rec.X12.Metadata.Transaction.TransactionSetIdentifier
		out[set] = append(out[set], g)
	}
	return out
}

func TestPartner997_QuoteTheRenderedControlNumbers_AndTheFirstSetIsRejected(t *testing.T) {
	f := setup(t, delayed)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{FA: FARejectFirst})
	f.accept("4500000001", 2)
	f.accept("4500000002", 1)
	sets := f.bySet(f.due())
	if len(sets["997"]) != 2 || len(sets["855"]) != 0 {
		t.Fatalf("at once: %d 997s and %d 855s, want two 997s", len(sets["997"]), len(sets["855"]))
	}
	accepted := f.sim.Accepted()
	for i, g := range sets["997"] {
		gs06, st02 := sentControls(t, accepted[i])
		if got := dig(t, g, "heading", "functional_group_response_header_AK1", "group_control_number_02"); got != mustFloat(t, gs06) {
			t.Errorf("997 %d: AK102 %v, want the rendered GS06 %s", i, got, gs06)
		}
		ak2 := dig(t, g, "heading", "transaction_set_response_header_AK2_loop", "0")
		if got := dig(t, ak2, "transaction_set_response_header_AK2", "transaction_set_control_number_02"); got != st02 {
			t.Errorf("997 %d: AK202 %v, want ST02 %s", i, got, st02)
		}
		want := []string{"R", "A"}[i]
		if got := dig(t, ak2, "transaction_set_response_trailer_AK5", "transaction_set_acknowledgment_code_01"); got != want {
			t.Errorf("997 %d: AK501 %v, want %s", i, got, want)
		}
	}
	note := dig(t, sets["997"][0], "heading", "transaction_set_response_header_AK2_loop", "0", "data_segment_note_AK3_loop", "0")
	if got := dig(t, note, "data_segment_note_AK3", "segment_id_code_01"); got != "PO1" {
		t.Errorf("AK301 %v, want PO1", got)
	}
	if got := dig(t, note, "data_element_note_AK4", "0", "data_element_syntax_error_code_03"); got != "7" {
		t.Errorf("AK403 %v, want 7 (invalid code value)", got)
	}
	f.clock.Add(time.Hour)
	sets = f.bySet(f.due())
	if len(sets["855"]) != 1 {
		t.Fatalf("after AckAfter: %d 855s, want one for the accepted PO only", len(sets["855"]))
	}
	if got := dig(t, sets["855"][0], "heading", "beginning_segment_for_purchase_order_acknowledgment_BAK", "purchase_order_number_03"); got != "4500000002" {
		t.Errorf("855 for %v, want the accepted PO", got)
	}
}

func TestPartner997_AcceptedWithErrorsNamesTheSegment_AndNoneWithoutAProfile(t *testing.T) {
	f := setup(t, nil)
	f.accept("4500000003", 1) // no FA behaviour: no 997
	for _, id := range f.due() {
		if tx, _ := f.stored(id); tx.rec.X12.Metadata.Transaction.TransactionSetIdentifier == "997" {
			t.Fatal("a partner without an FA behaviour sent a 997")
		}
	}
	f.sim.SetPartnerProfile(testPID, PartnerProfile{FA: FAWithErrors})
	f.accept("4500000004", 1)
	sets := f.bySet(f.due())
	if len(sets["997"]) != 1 {
		t.Fatalf("%d 997s", len(sets["997"]))
	}
	g := sets["997"][0]
	if got := dig(t, g, "heading", "transaction_set_response_header_AK2_loop", "0", "transaction_set_response_trailer_AK5", "transaction_set_acknowledgment_code_01"); got != "E" {
		t.Errorf("AK501 %v, want E", got)
	}
	if got := dig(t, g, "heading", "functional_group_response_trailer_AK9", "functional_group_acknowledge_code_01"); got != "A" {
		t.Errorf("AK901 %v, want A: errors noted, the group is accepted", got)
	}
	if got := dig(t, g, "heading", "transaction_set_response_header_AK2_loop", "0", "data_segment_note_AK3_loop", "0", "data_segment_note_AK3", "segment_id_code_01"); got != "N1" {
		t.Errorf("AK301 %v, want N1", got)
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
