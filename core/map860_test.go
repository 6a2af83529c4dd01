package core_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

func changePartner(release core.Release) core.Partner {
	return core.Partner{Supplier: "SUP-ACME", PartnershipID: "northwind_acme", Release: release, ChangeSet: core.Kind860,
		TransactionSettings: map[core.Kind]string{core.Kind850: "ts-850", core.Kind860: "ts-860"}}
}

// pocs reads the POC segments of an 860 rendered to X12: line, code, quantity.
func pocs(t *testing.T, guide []byte, release string) [][]string {
	t.Helper()
	setID, body, err := x12.FromGuideJSON(guide)
	if err != nil || setID != "860" {
		t.Fatalf("FromGuideJSON: %s, %v", setID, err)
	}
	var out [][]string
	for _, s := range body {
		if s.ID == "POC" {
			out = append(out, []string{s.Element(1), s.Element(2), s.Element(3), s.Element(5)})
		}
	}
	return out
}

// Every kind of line change gets its POC02 code, and the 860 the project's
// own validator accepts in both releases.
func TestMap860_LineChangesCodedAndValid(t *testing.T) {
	mc := sampleMapConfig()
	before := core.OrderLinesOf(samplePO(), mc)
	po := samplePO()
	po.Lines[0].Quantity = 8                                                                                               // QD
	po.Lines[1].Closed, po.Lines[1].ClosedByReceipt = 2, 1                                                                 // the buyer cancelled line 2000: DI
	po.Lines = append(po.Lines, core.POLine{Line: 3000, Seq: 1, Item: "IND-1UH", Unit: "EA", Quantity: 50, NetPrice: 0.9}) // AI
	for _, release := range []core.Release{core.Release4010, core.Release5010} {
		t.Run(string(release), func(t *testing.T) {
			guide, err := core.Map860(po, changePartner(release), mc, core.PurposeChange, 2, before)
			if err != nil {
				t.Fatal(err)
			}
			got := pocs(t, guide, string(release))
			want := [][]string{{"1000", "QD", "8", "EA"}, {"3000", "AI", "50", "EA"}, {"2000", "DI", "3", "BX"}}
			if js(got) != js(want) {
				t.Errorf("POC loops %v, want %v", got, want)
			}
			if probs := x12.CheckGuideJSON(guide, string(release)); len(probs) > 0 {
				t.Errorf("the validator refuses the 860: %v\n%s", probs, guide)
			}
			if s := string(guide); !strings.Contains(s, `"transaction_set_purpose_code_01":"04"`) ||
				!strings.Contains(s, `"change_order_sequence_number_05":"2"`) {
				t.Errorf("BCH01 04 and BCH05 2 expected:\n%s", s)
			}
		})
	}
}

func TestMap860_CancellationHasNoLines_UnchangedLinesNoPOC(t *testing.T) {
	mc := sampleMapConfig()
	cancel, err := core.Map860(samplePO(), changePartner(core.Release4010), mc, core.PurposeCancel, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := pocs(t, cancel, "004010"); len(got) != 0 || !strings.Contains(string(cancel), `"transaction_set_purpose_code_01":"01"`) {
		t.Errorf("a cancellation is BCH01 01 without POC loops; got %v\n%s", got, cancel)
	}
	if probs := x12.CheckGuideJSON(cancel, "004010"); len(probs) > 0 {
		t.Errorf("the validator refuses the cancellation: %v", probs)
	}
	po := samplePO()
	po.ExpectedReceipt = "2026-12-10" // a heading change only
	same, err := core.Map860(po, changePartner(core.Release5010), mc, core.PurposeChange, 2, core.OrderLinesOf(samplePO(), mc))
	if err != nil {
		t.Fatal(err)
	}
	if got := pocs(t, same, "005010"); len(got) != 0 {
		t.Errorf("unchanged lines got POC loops %v", got)
	}
}

func TestMap860_ChangeCodes(t *testing.T) {
	mc := sampleMapConfig()
	base := core.OrderLinesOf(samplePO(), mc)[:1]
	for _, tc := range []struct {
		code   string
		change func(l *core.POLine)
	}{
		{"QI", func(l *core.POLine) { l.Quantity = 20 }},
		{"PC", func(l *core.POLine) { l.NetPrice = 17 }},
		{"RS", func(l *core.POLine) { l.ExpectedReceipt = "2026-12-24" }},
		{"PQ", func(l *core.POLine) { l.Quantity, l.NetPrice = 20, 17 }},
		{"RQ", func(l *core.POLine) { l.Quantity, l.ExpectedReceipt = 2, "2026-12-24" }},
		{"PR", func(l *core.POLine) { l.NetPrice, l.ExpectedReceipt = 17, "2026-12-24" }},
		{"CA", func(l *core.POLine) { l.Item = "RES-10K-0805" }},
	} {
		po := samplePO()
		po.Lines = po.Lines[:1]
		tc.change(&po.Lines[0])
		guide, err := core.Map860(po, changePartner(core.Release5010), mc, core.PurposeChange, 2, base)
		if err != nil {
			t.Fatal(err)
		}
		if got := pocs(t, guide, "005010"); len(got) != 1 || got[0][1] != tc.code {
			t.Errorf("want POC02 %s, got %v", tc.code, got)
		}
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
