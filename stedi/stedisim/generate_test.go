package stedisim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/x12"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestGenerateRendersAndNumbers(t *testing.T) {
	f := setup(t, nil)
	for i, path := range []string{
		"/2023-08-01/x12/partnerships/" + testPID + "/generate-edi",
		"/x12/partnerships/" + testPID + "/generate-edi", // without the version prefix
	} {
		g := decodeOK(t, f.do(req{path: path, body: body(SamplePO850("4500012345", 2))}))
		want := int64(i + 1)
		if m := g.Metadata.InterchangeMetadata; len(m) != 1 || m[0].InterchangeControlNumber != want ||
			len(m[0].FunctionalGroupControlNumbers) != 1 || m[0].FunctionalGroupControlNumbers[0] != want {
			t.Errorf("request %d: metadata %+v, want control number %d", i+1, m, want)
		}
		if !uuidV4.MatchString(g.FileExecutionID) || g.ArtifactID != g.FileExecutionID+".x12" {
			t.Errorf("fileExecutionId %q artifactId %q", g.FileExecutionID, g.ArtifactID)
		}
		ic, err := x12.Parse([]byte(g.EDI))
		if err != nil {
			t.Fatalf("rendered EDI does not parse: %v\n%s", err, g.EDI)
		}
		isa := ic.ISA.Elements
		if got := strings.TrimSpace(isa[5]) + ">" + strings.TrimSpace(isa[7]); got != "MLCONNECTOR>ACMESUPPLY" {
			t.Errorf("ISA06>ISA08 = %s", got)
		}
		if isa[12] != fmt.Sprintf("%09d", want) || isa[14] != "P" || isa[8] != "260301" {
			t.Errorf("ISA13 %q ISA15 %q ISA09 %q", isa[12], isa[14], isa[8])
		}
		if gs := ic.Groups[0].GS; gs.Element(1) != "PO" || gs.Element(6) != isa[12] || gs.Element(8) != "005010" {
			t.Errorf("GS = %v", gs)
		}
	}
}

func TestGenerateOptions(t *testing.T) {
	f := setup(t, nil)
	b := `{"filename":"po-4500012345.edi","overrides":{"interchangeUsageIndicator":"T"},` +
		strings.TrimPrefix(body(SamplePO850("4500012345", 1)), "{")
	g := decodeOK(t, f.do(req{body: b}))
	if g.ArtifactID != "po-4500012345.edi" {
		t.Errorf("artifactId = %q, want the filename", g.ArtifactID)
	}
	if !strings.Contains(g.EDI, "*0*T*>~") {
		t.Errorf("usage override T not in ISA: %s", g.EDI[:110])
	}
	groupApp := `{"transactionGroups":[{"transactionSettingId":"005010-850","overrides":{"localApplicationId":"MYAPP","partnerApplicationId":"THEIRAPP"},"transactions":[` +
		string(SamplePO850("1", 1)) + `]}]}`
	if g := decodeOK(t, f.do(req{body: groupApp})); !strings.Contains(g.EDI, "~GS*PO*MYAPP*THEIRAPP*") {
		t.Errorf("application id overrides not in GS: %s", g.EDI)
	}
}

func TestGenerateAuthAndRouting(t *testing.T) {
	f := setup(t, nil)
	ok := body(SamplePO850("1", 1))
	tests := []struct {
		name   string
		r      req
		status int
	}{
		{"bare key", req{body: ok}, http.StatusOK},
		{"legacy Key prefix", req{auth: "Key " + testKey, body: ok}, http.StatusOK},
		{"no key", req{noAuth: true, body: ok}, http.StatusUnauthorized},
		{"unknown key", req{auth: "nope", body: ok}, http.StatusUnauthorized},
		{"bearer form", req{auth: "Bearer " + testKey, body: ok}, http.StatusUnauthorized},
		{"wrong method", req{method: http.MethodGet}, http.StatusForbidden},
		{"unknown path", req{path: "/x12/nothing"}, http.StatusNotFound},
	}
	for _, tt := range tests {
		r := f.do(tt.r)
		if r.status != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, r.status, tt.status, r.body)
		}
		if tt.status == http.StatusUnauthorized && string(r.body) != `{"message":"Unauthorized"}` {
			t.Errorf("%s: body %s", tt.name, r.body)
		}
	}
}

func TestGenerateRequestValidation(t *testing.T) {
	f := setup(t, nil)
	po := string(SamplePO850("1", 1))
	tests := []struct {
		name, path, body, message string
		status                    int
	}{
		{"not JSON", "", `{`, "request body is not valid", 400},
		{"no groups", "", `{}`, "transactionGroups is required", 400},
		{"empty groups", "", `{"transactionGroups":[]}`, "at least 1 item", 400},
		{"no setting", "", `{"transactionGroups":[{"transactions":[` + po + `]}]}`, "transactionGroups[0].transactionSettingId is required", 400},
		{"bad setting id", "", `{"transactionGroups":[{"transactionSettingId":"a b","transactions":[` + po + `]}]}`, "transactionSettingId must be", 400},
		{"no transactions", "", `{"transactionGroups":[{"transactionSettingId":"005010-850"}]}`, "transactions is required", 400},
		{"empty transactions", "", `{"transactionGroups":[{"transactionSettingId":"005010-850","transactions":[]}]}`, "transactions must have at least 1 item", 400},
		{"bad filename", "", `{"filename":"a/b","transactionGroups":[{"transactionSettingId":"005010-850","transactions":[` + po + `]}]}`, "filename must be", 400},
		{"bad usage", "", `{"overrides":{"interchangeUsageIndicator":"X"},"transactionGroups":[{"transactionSettingId":"005010-850","transactions":[` + po + `]}]}`, "interchangeUsageIndicator", 400},
		{"bad partnership id", "/x12/partnerships/a%20b/generate-edi", body(SamplePO850("1", 1)), "partnershipId must be", 400},
		{"unknown partnership", "/x12/partnerships/nobody/generate-edi", body(SamplePO850("1", 1)), "partnership nobody not found", 404},
		{"unknown setting", "", groupBody("005010-999", SamplePO850("1", 1)), "transaction setting 005010-999 does not exist", 400},
		{"inbound setting", "", groupBody(DemoSetting855, SamplePO850("1", 1)), "not an outbound setting", 400},
		{"wrong set", "", groupBody(DemoSetting810, SamplePO850("1", 1)), `transaction 1: ST01 is "850" but the transaction setting is for 810`, 400},
	}
	for _, tt := range tests {
		r := f.do(req{path: tt.path, body: tt.body})
		msg, code := errorBody(t, r)
		if r.status != tt.status || !strings.Contains(msg, tt.message) || code == "" {
			t.Errorf("%s: %d %s, want %d with %q", tt.name, r.status, r.body, tt.status, tt.message)
		}
	}
	long := strings.Repeat("k", maxIdempotencyKey+1)
	if r := f.do(req{idemKey: long, body: body(SamplePO850("1", 1))}); r.status != 400 {
		t.Errorf("idempotency key of %d characters: status %d", len(long), r.status)
	}
	if n := f.sim.AcceptedCount(); n != 0 {
		t.Errorf("%d documents accepted from invalid requests", n)
	}
}

func TestGeneratePartnerChecks850(t *testing.T) {
	f := setup(t, nil)
	po := SamplePO850("4500012345", 2)
	line := func(n string) []string {
		return []string{"detail", "baseline_item_data_PO1_loop", n, "baseline_item_data_PO1"}
	}
	tests := []struct {
		name    string
		set     func(tx map[string]any)
		message string
	}{
		{"BEG03 missing", func(tx map[string]any) {
			delete(at(tx, "heading", "beginning_segment_for_purchase_order_BEG"), "purchase_order_number_03")
		}, "transaction 1: BEG03 purchase_order_number_03 is required"},
		{"BEG05 empty", func(tx map[string]any) {
			at(tx, "heading", "beginning_segment_for_purchase_order_BEG")["date_05"] = ""
		}, "transaction 1: BEG05 date_05 is required"},
		{"no BEG", func(tx map[string]any) {
			delete(at(tx, "heading"), "beginning_segment_for_purchase_order_BEG")
		}, "BEG beginning_segment_for_purchase_order_BEG is required"},
		{"PO104 missing", func(tx map[string]any) {
			delete(at(tx, line("1")...), "unit_price_04")
		}, "transaction 1: PO1 loop 2: PO104 unit_price_04 is required"},
		{"PO103 missing", func(tx map[string]any) {
			delete(at(tx, line("0")...), "unit_or_basis_for_measurement_code_03")
		}, "PO1 loop 1: PO103 unit_or_basis_for_measurement_code_03 is required"},
		{"PO102 zero", func(tx map[string]any) {
			at(tx, line("0")...)["quantity_02"] = 0
		}, "PO1 loop 1: PO102 quantity_02 must be a number greater than 0"},
		{"PO102 string", func(tx map[string]any) {
			at(tx, line("0")...)["quantity_02"] = "0008" // accepted, as in Stedi's own example
			delete(at(tx, line("1")...), "quantity_02")
		}, "PO1 loop 2: PO102 quantity_02 is required"},
		{"no PO1 loop", func(tx map[string]any) {
			delete(at(tx, "detail"), "baseline_item_data_PO1_loop")
			delete(tx, "summary")
		}, "at least one PO1 loop baseline_item_data_PO1_loop is required"},
		{"no ship-to", func(tx map[string]any) {
			at(tx, "heading", "party_identification_N1_loop", "0", "party_identification_N1")["entity_identifier_code_01"] = "BT"
		}, `N101 entity_identifier_code_01 "ST"`},
		{"CTT01 mismatch", func(tx map[string]any) {
			at(tx, "summary", "transaction_totals_CTT_loop", "0", "transaction_totals_CTT")["number_of_line_items_01"] = 3
		}, "CTT01 number_of_line_items_01 is 3 but the transaction has 2 PO1 loops"},
		{"ST01 missing", func(tx map[string]any) {
			delete(at(tx, "heading"), "transaction_set_header_ST")
		}, "ST01 transaction_set_identifier_code_01 is required"},
	}
	for _, tt := range tests {
		r := f.do(req{body: body(edit(t, po, tt.set))})
		msg, _ := errorBody(t, r)
		if r.status != http.StatusBadRequest || !strings.Contains(msg, tt.message) {
			t.Errorf("%s: %d %q, want 400 containing %q", tt.name, r.status, msg, tt.message)
		}
	}
	// Several problems are reported together, numbered by transaction.
	bad := edit(t, po, func(tx map[string]any) { delete(at(tx, line("1")...), "unit_price_04") })
	msg, _ := errorBody(t, f.do(req{body: body(po, bad)}))
	if !strings.HasPrefix(msg, "transaction 2: PO1 loop 2: PO104") {
		t.Errorf("second transaction's problem: %q", msg)
	}
}

func TestGenerateVariantKeysAndOtherSets(t *testing.T) {
	// Settings with no guide schema: only what every guide needs is
	// checked, so a variant N1 loop and a plain CTT segment are accepted.
	f := setup(t, func(c *Config) {
		p := c.Partnerships[testPID]
		for id, ts := range p.TransactionSettings {
			ts.Schema = nil
			p.TransactionSettings[id] = ts
		}
	})
	po := edit(t, SamplePO850("V-1", 1), func(tx map[string]any) {
		h := at(tx, "heading")
		h["party_identification_N1_loop_ship_to"] = h["party_identification_N1_loop"]
		delete(h, "party_identification_N1_loop")
		s := at(tx, "summary")
		s["transaction_totals_CTT"] = map[string]any{"number_of_line_items_01": 1}
		delete(s, "transaction_totals_CTT_loop")
	})
	decodeOK(t, f.do(req{body: body(po)}))
	inv := json.RawMessage(`{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"810","transaction_set_control_number_02":1},` +
		`"beginning_segment_for_invoice_BIG":{"date_01":"2026-03-01","invoice_number_02":"INV-9"}},` +
		`"detail":{"baseline_item_data_invoice_IT1_loop":[{"baseline_item_data_invoice_IT1":{"quantity_invoiced_02":1,"unit_or_basis_for_measurement_code_03":"EA","unit_price_04":2}}]}}`)
	decodeOK(t, f.do(req{body: groupBody(DemoSetting810, inv)}))
	got := f.sim.Accepted()
	if len(got) != 2 || got[0].DocumentNumber != "V-1" || got[0].Purpose != "00" ||
		got[1].DocumentNumber != "INV-9" || got[1].SetID != "810" || got[1].TransactionSettingID != DemoSetting810 {
		t.Errorf("accepted = %+v", got)
	}
}

func TestAddPartnershipAtRunTime(t *testing.T) {
	f := setup(t, nil)
	path := "/x12/partnerships/late_one/generate-edi"
	if r := f.do(req{path: path, body: body(SamplePO850("1", 1))}); r.status != http.StatusNotFound {
		t.Fatalf("before AddPartnership: %d", r.status)
	}
	f.sim.AddPartnership("late_one", DemoPartnership("ME", "LATE"))
	decodeOK(t, f.do(req{path: path, body: body(SamplePO850("1", 1))}))
	// Replacing the partnership keeps its control number sequence.
	f.sim.AddPartnership("late_one", DemoPartnership("ME", "LATE2"))
	g := decodeOK(t, f.do(req{path: path, body: body(SamplePO850("2", 1))}))
	if n := g.Metadata.InterchangeMetadata[0].InterchangeControlNumber; n != 2 || !strings.Contains(g.EDI, "*LATE2 ") {
		t.Errorf("after replacing: control number %d, EDI %s", n, g.EDI[:110])
	}
}

func TestControlNumberRollover(t *testing.T) {
	if got := []int64{controlNumber(1), controlNumber(maxControlNumber), controlNumber(maxControlNumber + 1)}; got[0] != 1 || got[1] != maxControlNumber || got[2] != 1 {
		t.Errorf("controlNumber = %v", got)
	}
}
