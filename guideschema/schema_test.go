package guideschema_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/guideschema"
)

// A guide that shares a segment definition by $ref and adds a rule by
// allOf, as exported schemas may.
const refGuide = `{
 "$defs": {"ref": {"type": "object", "additionalProperties": false,
   "properties": {"reference_identification_qualifier_01": {"type": "string", "enum": ["BM"]},
                  "reference_identification_02": {"type": "string", "maxLength": 5}},
   "required": ["reference_identification_qualifier_01"]}},
 "type": "object",
 "properties": {
  "heading": {"type": "object", "additionalProperties": false, "properties": {
    "reference_identification_REF_BM": {"$ref": "#/$defs/ref"},
    "date_time_reference_DTM": {"type": "array", "items": {"allOf": [{"properties": {"date_02": {"type": "string", "format": "date"}}}]}}
  }}
 }
}`

func compile(t *testing.T, raw string) *guideschema.Schema {
	t.Helper()
	g, err := guideschema.Compile("ref-guide.json", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestNodesFollowRefsAndAllOf(t *testing.T) {
	heading := compile(t, refGuide).Root().Property("heading")
	if got := heading.Keys(); !slices.Equal(got, []string{"date_time_reference_DTM", "reference_identification_REF_BM"}) {
		t.Errorf("keys %v", got)
	}
	ref := heading.Property("reference_identification_REF_BM")
	if ref.IsArray() || !slices.Equal(ref.Property("reference_identification_qualifier_01").Enum(), []string{"BM"}) {
		t.Errorf("REF_BM through $ref: array %v, enum %v", ref.IsArray(), ref.Property("reference_identification_qualifier_01").Enum())
	}
	dtm := heading.Property("date_time_reference_DTM")
	if !dtm.IsArray() || dtm.Items().Property("date_02") == nil || !slices.Equal(dtm.Items().Property("date_02").Types(), []string{"string"}) {
		t.Error("DTM items through allOf")
	}
	if heading.Property("missing_XYZ") != nil {
		t.Error("an undeclared key has a schema")
	}
}

// Missing and unexpected properties are reported at the property; formats
// are asserted.
func TestValidateNamesTheProperty(t *testing.T) {
	g := compile(t, refGuide)
	vs, err := g.Validate([]byte(`{"heading":{"reference_identification_REF_BM":{"reference_identification_02":"TOO-LONG"},
	  "date_time_reference_DTM":[{"date_02":"2026-13-45"}],"name_N1_loop":[]}}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Pointer+" "+v.Message+" "+v.SchemaPath)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"/heading/reference_identification_REF_BM/reference_identification_qualifier_01 required by the guide, but missing #/$defs/ref/required",
		"/heading/reference_identification_REF_BM/reference_identification_02 ",
		"/heading/name_N1_loop not in the guide #/properties/heading/additionalProperties",
		"/heading/date_time_reference_DTM/0/date_02 ",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("violations:\n%s\nwant one starting %q", all, want)
		}
	}
	if vs, _ := g.Validate([]byte(`{"heading":{"reference_identification_REF_BM":{"reference_identification_qualifier_01":"BM"}}}`)); vs != nil {
		t.Errorf("a fitting document: %v", vs)
	}
	if _, err := g.Validate([]byte(`{`)); err == nil {
		t.Error("not JSON, no error")
	}
}

func TestLoadRefusesWhatIsNotAGuide(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"array.json": `{"type":"array"}`, "broken.json": `{"type": 7, "properties": {"heading": {}}}`, "text.json": `nope`} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := guideschema.Load(path); err == nil {
			t.Errorf("%s loaded", name)
		}
	}
	if _, err := guideschema.Load(filepath.Join(dir, "absent.json")); err == nil {
		t.Error("a missing file loaded")
	}
}

var _ core.Guide = (*guideschema.Schema)(nil)
