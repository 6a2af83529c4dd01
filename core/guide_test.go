package core_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/guideschema"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/x12"
)

// shippedGuide compiles one of the guide schemas the Stedi simulator
// ships (test data written for the project).
func shippedGuide(t *testing.T, set, release string) core.Guide {
	t.Helper()
	raw, err := stedisim.GuideSchema(set, release)
	if err != nil {
		t.Fatal(err)
	}
	g, err := guideschema.Compile(set+"-"+release+".json", raw)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func partner4010() core.Partner {
	return core.Partner{Supplier: "SUP-ACME", PartnershipID: "northwind_acme", Release: core.Release4010,
		TransactionSettings: map[core.Kind]string{core.Kind850: "004010-850", core.Kind810: "004010-810"}}
}

// checkGolden compares raw, indented, with testdata/name (go test -update
// rewrites it).
func checkGolden(t *testing.T, name string, raw []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, raw, "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty.WriteByte('\n')
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./core -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("output differs from %s:\n%s", golden, pretty.String())
	}
}

// render004010 renders a document in a 004010 envelope and validates it
// strictly with the project's own X12 validator.
func render004010(t *testing.T, raw []byte) string {
	t.Helper()
	if problems := x12.CheckGuideJSON(raw, "004010"); problems != nil {
		t.Fatalf("X12 check for 004010: %v", problems)
	}
	env, err := x12.PlaceholderEnvelope(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)).WithRelease("004010")
	if err != nil {
		t.Fatal(err)
	}
	out, err := x12.RenderGuideJSON(raw, env)
	if err != nil {
		t.Fatal(err)
	}
	ic, err := x12.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if ic.ISA.Element(12) != "00401" || ic.Groups[0].GS.Element(8) != "004010" || ic.ISA.Element(11) != "U" {
		t.Errorf("envelope: ISA11 %q ISA12 %q GS08 %q", ic.ISA.Element(11), ic.ISA.Element(12), ic.Groups[0].GS.Element(8))
	}
	for _, f := range x12.Validate(ic, x12.Strict) {
		if f.Severity == x12.Error {
			t.Errorf("validator: %s", f)
		}
	}
	return out
}

// A partner on 004010 gets 004010 key names, from the one 850 table;
// the X12 is the same as the 005010 document's.
func TestMap850_Release4010(t *testing.T) {
	raw, err := core.Map850(samplePO(), partner4010(), sampleMapConfig(), core.PurposeOriginal)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "map850_4010.golden.json", raw)
	for _, k := range []string{"party_identification", "party_location", "reference_information", `"quantity_02"`, "monetary_amount_information"} {
		if strings.Contains(string(raw), k) {
			t.Errorf("004010 document has the 005010 key %s", k)
		}
	}
	out := render004010(t, raw)
	raw5010, _ := core.Map850(samplePO(), core.Partner{Supplier: "SUP-ACME"}, sampleMapConfig(), core.PurposeOriginal)
	env := x12.PlaceholderEnvelope(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	out5010, _ := x12.RenderGuideJSON(raw5010, env)
	if body := func(s string) string { return s[strings.Index(s, "ST*"):strings.Index(s, "GE*")] }; body(out) != body(out5010) {
		t.Errorf("the sets differ between releases:\n%s\n%s", body(out), body(out5010))
	}
}

func TestMap810_Release4010(t *testing.T) {
	raw, err := core.Map810(sampleInvoice(), partner4010(), sampleMapConfig(), core.PurposeOriginal)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "map810_4010.golden.json", raw)
	if !strings.Contains(string(raw), `"name_N1_loop"`) || !strings.Contains(string(raw), `"reference_identification_REF"`) {
		t.Errorf("004010 names missing: %s", raw)
	}
	render004010(t, raw)
}

// With the partner's guide schema, variant keys, shapes and names come
// from the guide: the REF*IA goes to its own key as an object, the
// ship-to N1 loop to its own key, and the result validates.
func TestMap850_TakesVariantKeysFromTheGuide(t *testing.T) {
	p := partner4010()
	p.Guides = map[core.Kind]core.Guide{core.Kind850: shippedGuide(t, "850", "004010")}
	po := samplePO()
	po.Lines[1].SupplierItem = "AC-C100N-0402" // the guide requires the vendor part
	raw, err := core.Map850(po, p, sampleMapConfig(), core.PurposeOriginal)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Heading map[string]json.RawMessage `json:"heading"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	ref := doc.Heading["reference_identification_REF_internal_vendor_number"]
	if len(ref) == 0 || ref[0] != '{' || !strings.Contains(string(ref), `"REQ-7781"`) {
		t.Errorf("REF*IA variant: %s", ref)
	}
	if shipTo := string(doc.Heading["name_N1_loop_ship_to"]); !strings.Contains(shipTo, `"ST"`) || strings.Contains(shipTo, `"BY"`) {
		t.Errorf("ship-to loop: %s", shipTo)
	}
	if others := string(doc.Heading["name_N1_loop"]); !strings.Contains(others, `"BY"`) || !strings.Contains(others, `"SU"`) {
		t.Errorf("other N1 loops: %s", others)
	}
	if _, plain := doc.Heading["reference_identification_REF"]; plain {
		t.Error("REF*IA also written under the plain key")
	}
	if problems, err := core.RecheckGuide(core.Kind850, "PO "+po.Number, raw, p); err != nil || problems != nil {
		t.Errorf("the mapped 850 does not fit its guide: %v %v", problems, err)
	}
	render004010(t, raw)
}

// A line without the supplier's part number, which the partner's guide
// requires, is named by PO, line and X3 field, with the schema's rule.
func TestRecheckGuide_NamesTheX3Field(t *testing.T) {
	p := partner4010()
	p.Guides = map[core.Kind]core.Guide{core.Kind850: shippedGuide(t, "850", "004010")}
	raw, err := core.Map850(samplePO(), p, sampleMapConfig(), core.PurposeOriginal) // line 2000 has no ITMREFBPS
	if err != nil {
		t.Fatal(err)
	}
	problems, err := core.RecheckGuide(core.Kind850, "PO PO2611-0042", raw, p)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(problems, "\n")
	want := "PO PO2611-0042 line 2000: supplier part ITMREFBPS (PO109 product_service_id_09) does not fit the partner's guide 850-004010.json: required by the guide, but missing [schema #/properties/detail/properties/baseline_item_data_PO1_loop/items/properties/baseline_item_data_PO1/required]"
	if !strings.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant a line:\n%s", got, want)
	}
	if strings.Contains(got, "line 1000") {
		t.Errorf("line 1000 has its part number: %s", got)
	}
}

// A stored 005010 document is named again for a partner now on 004010.
func TestRecheckGuide_RenamesForTheCurrentRelease(t *testing.T) {
	po := samplePO()
	po.Lines[1].SupplierItem = "AC-C100N-0402"
	stored, _ := core.Map850(po, core.Partner{Supplier: "SUP-ACME"}, sampleMapConfig(), core.PurposeOriginal)
	p := partner4010()
	p.Guides = map[core.Kind]core.Guide{core.Kind850: shippedGuide(t, "850", "004010")}
	if problems, err := core.RecheckGuide(core.Kind850, "PO "+po.Number, stored, p); err != nil || problems != nil {
		t.Errorf("%v %v", problems, err)
	}
}

// The 005010 base guides the simulator ships accept the 005010 mappings.
func TestMappingsFitTheBaseGuides(t *testing.T) {
	p := core.Partner{Supplier: "SUP-ACME", Guides: map[core.Kind]core.Guide{
		core.Kind850: shippedGuide(t, "850", "005010"), core.Kind810: shippedGuide(t, "810", "005010")}}
	po, _ := core.Map850(samplePO(), p, sampleMapConfig(), core.PurposeOriginal)
	inv, _ := core.Map810(sampleInvoice(), p, sampleMapConfig(), core.PurposeOriginal)
	for kind, raw := range map[core.Kind][]byte{core.Kind850: po, core.Kind810: inv} {
		if problems, err := core.RecheckGuide(kind, string(kind), raw, p); err != nil || problems != nil {
			t.Errorf("%s: %v %v", kind, problems, err)
		}
	}
	p.Release = core.Release4010
	p.Guides[core.Kind810] = shippedGuide(t, "810", "004010")
	inv, _ = core.Map810(sampleInvoice(), p, sampleMapConfig(), core.PurposeOriginal)
	if problems, err := core.RecheckGuide(core.Kind810, "810", inv, p); err != nil || problems != nil {
		t.Errorf("810 004010: %v %v", problems, err)
	}
}
