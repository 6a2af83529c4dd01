package x12

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
)

// shape lists every path of a JSON document with array indices collapsed
// and the kind of value found there: keys and nesting, values aside.
func shape(t *testing.T, raw []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, raw)
	}
	seen := map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			seen[path+" object"] = true
			for k, c := range x {
				walk(path+"."+k, c)
			}
		case []any:
			seen[path+" array"] = true
			for _, c := range x {
				walk(path+"[]", c)
			}
		default:
			seen[path+" scalar"] = true
		}
	}
	walk("$", v)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func parseFirstSet(t *testing.T, name string) Transaction {
	t.Helper()
	ic, err := Parse(readSample(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return ic.Groups[0].Sets[0]
}

func TestToGuideJSON855MatchesStediShape(t *testing.T) {
	want := shape(t, guidePayload(t, readSample(t, "855_5010_stedi-bootstrap_guide-json.json")))
	out, err := ToGuideJSON(parseFirstSet(t, "855_5010_stedi-bootstrap.edi"))
	if err != nil {
		t.Fatal(err)
	}
	if got := shape(t, out); !slices.Equal(got, want) {
		t.Errorf("shape differs\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Values are typed as in the sample: ISO dates, JSON numbers.
	for _, frag := range []string{`"date_04": "2022-09-14"`, `"quantity_02": 8`, `"unit_price_04": 400`, `"number_of_line_items_01": 2`} {
		if !strings.Contains(string(out), frag) {
			t.Errorf("output lacks %s", frag)
		}
	}
}

// TestToGuideJSONRoundTrip: X12 → Guide JSON → X12 gives the body back,
// except where Guide JSON normalizes numbers (60.310 → 60.31).
func TestToGuideJSONRoundTrip(t *testing.T) {
	for name, fix := range map[string]func(*Transaction){
		"855_5010_stedi-bootstrap.edi":          nil,
		"855_4010_bookdistributor_node-x12.edi": nil,
		"856_4060_1edisource_gozer_newline-terminated.txt": func(tx *Transaction) {
			tx.Body[2].Elements[6] = "60.31" // TD107
		},
	} {
		tx := parseFirstSet(t, name)
		out, err := ToGuideJSON(tx)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		setID, body, err := FromGuideJSON(out)
		if err != nil {
			t.Fatalf("%s: back: %v", name, err)
		}
		if fix != nil {
			fix(&tx)
		}
		if setID != tx.SetID || segmentsText(body) != segmentsText(tx.Body) {
			t.Errorf("%s: round trip differs\ngot:\n%s\nwant:\n%s", name, segmentsText(body), segmentsText(tx.Body))
		}
	}
}

func TestToGuideJSON856Nesting(t *testing.T) {
	out, err := ToGuideJSON(parseFirstSet(t, "856_4060_1edisource_gozer_newline-terminated.txt"))
	if err != nil {
		t.Fatal(err)
	}
	type hl struct {
		HL struct {
			Level string `json:"hierarchical_level_code_03"`
		} `json:"hierarchical_level_HL"`
		Children []hl `json:"hierarchical_level_HL_loop"`
	}
	var doc struct {
		Detail struct {
			Loops []hl `json:"hierarchical_level_HL_loop"`
		} `json:"detail"`
		Summary map[string]any `json:"summary"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var levels func([]hl) string
	levels = func(ls []hl) string {
		var b strings.Builder
		for _, l := range ls {
			b.WriteString(l.HL.Level)
			if len(l.Children) > 0 {
				b.WriteString("(" + levels(l.Children) + ")")
			}
		}
		return b.String()
	}
	if got := levels(doc.Detail.Loops); got != "S(O(II))" {
		t.Errorf("HL tree %s, want S(O(II))", got)
	}
	if _, ok := doc.Summary["transaction_totals_CTT"]; !ok {
		t.Errorf("summary lacks CTT: %v", doc.Summary)
	}
}

func TestToGuideJSONErrors(t *testing.T) {
	cases := map[string]Transaction{
		"no table":       set("850", "BEG*00"),
		"unknown seg":    set("855", "BAK*00*AD*1*20240101", "XYZ*1"),
		"out of order":   set("855", "BAK*00*AD*1*20240101", "PO1*1", "REF*ZZ*1", "CUR*BY*USD"),
		"repeated BAK":   set("855", "BAK*00", "BAK*00"),
		"orphan HL":      set("856", "BSN*00", "HL*1**S", "HL*2*9*O"),
		"duplicate HL01": set("856", "BSN*00", "HL*1**S", "HL*1**S"),
	}
	for name, tx := range cases {
		if _, err := ToGuideJSON(tx); !errors.Is(err, ErrToGuideJSON) {
			t.Errorf("%s: err = %v, want ErrToGuideJSON", name, err)
		}
	}
}

func TestScalarValue(t *testing.T) {
	for _, c := range []struct {
		v    string
		typ  byte
		want string
	}{
		{"20240105", tDate, `"2024-01-05"`}, {"240105", tDate, `"240105"`},
		{"1430", tTime, `"14:30"`}, {"143059", tTime, `"14:30:59"`}, {"14", tTime, `"14"`},
		{"0008", tNumber, `8`}, {"12.50", tNumber, `12.5`}, {".5", tNumber, `0.5`}, {"1E3", tNumber, `"1E3"`}, {"N/A", tNumber, `"N/A"`},
		{"14400", tN2, `144`}, {"255438", tN2, `2554.38`}, {"-5", tN2, `-0.05`},
		{"a\"b", tText, `"a\"b"`},
	} {
		var got []byte
		got = orderedTree{}.Scalar(scalarValue(c.v, c.typ)).(jsonValue).appendJSON(got)
		if string(got) != c.want {
			t.Errorf("scalarValue(%q, %c) = %s, want %s", c.v, c.typ, got, c.want)
		}
	}
}
