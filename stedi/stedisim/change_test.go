package stedisim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// sample860 is a small 860 in 005010 Guide JSON: purpose, PO number and
// one POC loop per {line, code, quantity}.
func sample860(po, purpose string, pocs ...[3]string) json.RawMessage {
	var loops []string
	for _, p := range pocs {
		loops = append(loops, fmt.Sprintf(`{"line_item_change_POC":{"assigned_identification_01":%q,`+
			`"change_or_response_type_code_02":%q,"quantity_03":%s,"composite_unit_of_measure_05":`+
			`{"unit_or_basis_for_measurement_code_01":"EA"},"unit_price_06":12.5}}`, p[0], p[1], p[2]))
	}
	summary := `{}`
	if len(loops) > 0 {
		summary = fmt.Sprintf(`{"transaction_totals_CTT_loop":[{"transaction_totals_CTT":{"number_of_line_items_01":%d}}]}`, len(loops))
	}
	return json.RawMessage(`{"heading":{` +
		`"transaction_set_header_ST":{"transaction_set_identifier_code_01":"860","transaction_set_control_number_02":1},` +
		`"beginning_segment_for_purchase_order_change_BCH":{"transaction_set_purpose_code_01":"` + purpose + `",` +
		`"purchase_order_type_code_02":"SA","purchase_order_number_03":"` + po + `","date_06":"2026-03-01"}},` +
		`"detail":{"line_item_change_POC_loop":[` + strings.Join(loops, ",") + `]},"summary":` + summary + `}`)
}

// An 860 goes through a partnership's outbound 860 setting, checked
// against its guide; it is refused for an 850 setting and where the
// partnership has none.
func TestChangeOrder_AcceptedForAn860Setting(t *testing.T) {
	f := setup(t, nil)
	g := decodeOK(t, f.do(req{body: groupBody(DemoSetting860, sample860("PO-1", "04", [3]string{"2", "DI", "2"}))}))
	if !strings.Contains(g.EDI, "GS*PC*") || !strings.Contains(g.EDI, "BCH*04*SA*PO-1**") || !strings.Contains(g.EDI, "POC*2*DI*2**EA*12.5~") {
		t.Errorf("860 rendered as\n%s", g.EDI)
	}
	a := f.sim.Accepted()
	if len(a) != 1 || a[0].SetID != "860" || a[0].DocumentNumber != "PO-1" || a[0].Purpose != "04" {
		t.Errorf("accepted %+v", a)
	}
	r := f.do(req{body: groupBody(DemoSetting850, sample860("PO-1", "01"))})
	if msg, _ := errorBody(t, r); r.status != http.StatusBadRequest || !strings.Contains(msg, `ST01 is "860" but the transaction setting is for 850`) {
		t.Errorf("an 860 to the 850 setting: %d %s", r.status, msg)
	}
	f4010 := setup(t, func(c *Config) {
		p := DemoPartnership4010("MLCONNECTOR", "ACMESUPPLY")
		delete(p.TransactionSettings, DemoSetting860v4010)
		c.Partnerships["nw-4010"], c.Partnerships["nw-4010-860"] = p, DemoPartnership4010("MLCONNECTOR", "ACMESUPPLY")
	})
	r = f4010.do(req{path: "/2023-08-01/x12/partnerships/nw-4010/generate-edi", body: groupBody(DemoSetting860v4010, sample860("PO-1", "01"))})
	if msg, _ := errorBody(t, r); r.status != http.StatusBadRequest || !strings.Contains(msg, "does not exist in this partnership") {
		t.Errorf("an 860 where the partnership has no 860 setting: %d %s", r.status, msg)
	}
	// The shipped 004010 860 guide takes purposes 01 and 04 only.
	r = f4010.do(req{path: "/2023-08-01/x12/partnerships/nw-4010-860/generate-edi", body: groupBody(DemoSetting860v4010, sample860("PO-1", "05"))})
	if msg, _ := errorBody(t, r); r.status != http.StatusBadRequest || !strings.Contains(msg, "does not fit the guide") {
		t.Errorf("an 860 the 004010 guide refuses: %d %s", r.status, msg)
	}
}

// A cancellation, as an 850 (BEG01 01) or an 860 (BCH01 01), leaves the
// PO without the 855 and 856 its partner still owed.
func TestCancellation_PartnerAnswersNothingMore(t *testing.T) {
	for name, cancel := range map[string]string{
		"850": body(edit(t, SamplePO850("PO-1", 2), func(tx map[string]any) {
			at(tx, "heading", "beginning_segment_for_purchase_order_BEG")["transaction_set_purpose_code_01"] = "01"
		})),
		"860": groupBody(DemoSetting860, sample860("PO-1", "01")),
	} {
		t.Run(name, func(t *testing.T) {
			f := setup(t, delayed)
			f.accept("PO-1", 2)
			decodeOK(t, f.do(req{body: cancel}))
			f.clock.Add(200 * time.Hour)
			if ids := f.due(); len(ids) != 0 {
				t.Errorf("a cancelled PO got %d documents", len(ids))
			}
		})
	}
}

// A change order reaches the partner's memory of the order: the line it
// deletes is never shipped, the quantity it changes is what ships.
func TestChangeOrder_LaterAnswersFollowIt(t *testing.T) {
	f := setup(t, delayed)
	f.accept("PO-1", 3)
	decodeOK(t, f.do(req{body: groupBody(DemoSetting860, sample860("PO-1", "04",
		[3]string{"2", "DI", "2"}, [3]string{"3", "QI", "7"}))}))
	f.clock.Add(100 * time.Hour)
	ids := f.due()
	if len(ids) != 2 {
		t.Fatalf("%d documents, want the 855 and the 856", len(ids))
	}
	_, g := f.stored(ids[1])
	if got := shipped(t, g); !mapsEqual(got, map[string]float64{"1": 1, "3": 7}) {
		t.Errorf("shipped %v, want line 1 and line 3 at its new quantity", got)
	}
}
