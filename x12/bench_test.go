package x12

import (
	"fmt"
	"testing"
)

// benchBody is an 850 with n lines, about 100 bytes per line.
func benchBody(n int) []Segment {
	body := segs("BEG*00*SA*4500012345**20240101", "REF*DP*038", "N1*ST*XYZ RETAIL*9*0003947268292", "N3*31875 SOLON RD", "N4*SOLON*OH*44139")
	for i := 1; i <= n; i++ {
		body = append(body,
			Segment{ID: "PO1", Elements: []string{fmt.Sprint(i), "120", "EA", "9.25", "TE", "CB", "065322-117", "VN", "AB3542"}},
			Segment{ID: "PID", Elements: []string{"F", "", "", "", "SMALL WIDGET"}})
	}
	return append(body, Segment{ID: "CTT", Elements: []string{fmt.Sprint(n)}})
}

func BenchmarkRender(b *testing.B) {
	body := benchBody(5000)
	out, err := Render(testEnvelope(), Transaction{SetID: "850", Body: body})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(testEnvelope(), Transaction{SetID: "850", Body: body}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	out, err := Render(testEnvelope(), Transaction{SetID: "850", Body: benchBody(5000)})
	if err != nil {
		b.Fatal(err)
	}
	data := []byte(out)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromGuideJSON(b *testing.B) {
	raw := guidePayload(b, readSample(b, "850_5010_stedi-bootstrap_guide-json.json"))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FromGuideJSON(raw); err != nil {
			b.Fatal(err)
		}
	}
}
