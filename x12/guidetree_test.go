package x12

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// decodedTree is a GuideTree building what encoding/json decodes with
// UseNumber: map[string]any, []any, string and json.Number.
type decodedTree struct{}

func (decodedTree) Object(size int) any { return make(map[string]any, size) }

func (decodedTree) Has(obj any, key string) bool {
	_, ok := obj.(map[string]any)[key]
	return ok
}

func (decodedTree) Set(obj any, key string, v any) { obj.(map[string]any)[key] = v }

func (t decodedTree) SetScalar(obj any, key, text string, number bool) {
	obj.(map[string]any)[key] = t.Scalar(text, number)
}

func (decodedTree) Push(obj any, key string, v any) {
	m := obj.(map[string]any)
	arr, _ := m[key].([]any)
	m[key] = append(arr, v)
}

func (decodedTree) Scalar(text string, number bool) any {
	if number {
		return json.Number(text)
	}
	return text
}

// The tree ToGuideTreeTolerant builds is what decoding the text of
// ToGuideJSONTolerant gives, for the 855, 856 and 997 samples and for a
// partner's 855 with repeated and composite elements, numbers, dates,
// times and a segment left out.
func TestToGuideTreeTolerantDecodesAsItsText(t *testing.T) {
	rep, comp := string(RepetitionMark), string(ComponentMark)
	sets := map[string]Transaction{
		"855 sample":  parseFirstSet(t, "855_5010_stedi-bootstrap.edi"),
		"855 4010":    parseFirstSet(t, "855_4010_bookdistributor_node-x12.edi"),
		"856 nesting": parseFirstSet(t, "856_4060_1edisource_gozer_newline-terminated.txt"),
		"997 sample":  parseFirstSet(t, "997_5010X230_staedi.edi"),
		"855 partner": {SetID: "855", ST: Segment{ID: "ST", Elements: []string{"855", "0001"}},
			Body: segs("BAK*00*AD*PO1*20240101", "REF*CO*A"+rep+"B"+comp+"C"+rep+"*x"+comp+comp+"y",
				"DTM*002*20240102*1030", "PO1*1*0002.50*EA*1.2.5", "ZZZ*partner", "ACK*IA*2*EA", "CTT*1")},
	}
	for name, set := range sets {
		t.Run(name, func(t *testing.T) {
			text, skippedText, err := ToGuideJSONTolerant(set, 10)
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(text))
			dec.UseNumber()
			var want any
			if err := dec.Decode(&want); err != nil {
				t.Fatal(err)
			}
			got, skipped, err := ToGuideTreeTolerant(set, 10, decodedTree{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("tree\n%#v\nwant (decoded from %s)\n%#v", got, text, want)
			}
			if !reflect.DeepEqual(skipped, skippedText) {
				t.Errorf("skipped %+v, text skipped %+v", skipped, skippedText)
			}
		})
	}
}
