package inspect

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// Every type jsonWriter writes by hand is written byte for byte as
// encoding/json writes it, compact and laid out at any depth, for values
// filled at random through reflection: every exported field, so a field
// added to one of these types (inspect's or core's) fails here until
// jsontypes.go or jsoncore.go writes it. Strings include quotes, control
// characters, HTML characters and non-ASCII text; numbers the values
// encoding/json writes with an exponent; slices nil, empty and full.
func TestJSONWriterWritesAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	samples := []any{new(*Line), new(docHead), new(docTail), new(*Inbound), new(string),
		new(orderHead), new(orderTail), new(invoiceHead), new(invoiceTail)}
	for _, sample := range samples {
		typ := reflect.TypeOf(sample).Elem()
		t.Run(typ.String(), func(t *testing.T) {
			for i := range 400 {
				v := reflect.New(typ).Elem()
				fill(rng, v, 0)
				if h, ok := v.Interface().(docHead); ok {
					h.Interchange, h.Group = nil, nil // written by encoding/json: not jsonWriter's
					v.Set(reflect.ValueOf(h))
				}
				compareWriters(t, i, v.Interface())
			}
		})
	}
}

func compareWriters(t *testing.T, i int, v any) {
	t.Helper()
	fast, ref := newJSONOut(), newJSONOut()
	got, ok := fast.writeFast(nil, v, 0, 1)
	if !ok {
		t.Fatalf("jsonWriter does not write %T", v)
	}
	want := ref.compact(v)
	if fast.err != nil || ref.err != nil {
		t.Fatalf("value %d: errors %v, %v", i, fast.err, ref.err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("value %d compact:\n got %s\nwant %s", i, got, want)
	}
	depth := i % 4
	got = append([]byte(nil), fast.marshal(v, depth)...)
	want = appendLaidOut(nil, ref.compact(v), depth)
	if !bytes.Equal(got, want) {
		t.Fatalf("value %d laid out at depth %d:\n got %s\nwant %s", i, depth, got, want)
	}
}

var (
	sampleTexts   = []string{"", "PO-1", "a \"quoted\" \\ path", "tab\there\nline", "<b>&amp;</b>", "Müller 東京", "\u2028\u2029", "bell\x07\x7f", "bad \xff utf8"}
	sampleNumbers = []json.Number{"", "0", "12.5", "-3", "1e5", "0.0001", "2554.38"}
	sampleFloats  = []float64{0, 1.5, -2, 400, 0.1, 1e-7, 1e21, 123456789.125, -0.000001}
)

// fill sets v to random values: zero a third of the time, and past a
// few levels of nesting, so that omitempty and null are tried too.
func fill(rng *rand.Rand, v reflect.Value, depth int) {
	if !v.CanSet() || rng.IntN(3) == 0 || depth > 6 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.Type() == reflect.TypeOf(json.Number("")) {
			v.SetString(string(sampleNumbers[rng.IntN(len(sampleNumbers))]))
			return
		}
		v.SetString(sampleTexts[rng.IntN(len(sampleTexts))])
	case reflect.Float64:
		v.SetFloat(sampleFloats[rng.IntN(len(sampleFloats))])
	case reflect.Int, reflect.Int64:
		v.SetInt(rng.Int64N(2000) - 100)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(rng, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), rng.IntN(3), 3)
		for i := range s.Len() {
			fill(rng, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		v.Set(randomColumns(rng))
	case reflect.Struct:
		for i := range v.NumField() {
			fill(rng, v.Field(i), depth+1)
		}
	}
}

// randomColumns is a map of X3 columns as the plans write them, with a
// value jsonWriter hands to encoding/json now and then.
func randomColumns(rng *rand.Rand) reflect.Value {
	m := map[string]any{}
	values := []any{"2026-11-27", 2, 12.5, json.Number("8"), true, nil, int64(7), []string{"a", "b"}, map[string]any{"z": 1, "a": "x"}, "a<b>"}
	for range rng.IntN(4) {
		m[sampleTexts[rng.IntN(len(sampleTexts))]+strings.Repeat("k", rng.IntN(3))] = values[rng.IntN(len(values))]
	}
	return reflect.ValueOf(m)
}

// The inbound readings jsonWriter writes are those of core's types named
// in jsoncore.go; this keeps the list of types checked above complete.
var _ = []any{core.Acknowledgment{}, core.Shipment{}, core.FunctionalAck{}, core.POUpdate{}}
