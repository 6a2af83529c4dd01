package render_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/internal/render"
)

// nested is an event like the one in issue 14: 9,000 objects each inside
// the next, about 54 kB.
func nested(levels int) []byte {
	return []byte(`{"event":` + strings.Repeat(`{"a":`, levels) + `1` + strings.Repeat(`}`, levels) + `}`)
}

// depthOf is the deepest nesting of a JSON text.
func depthOf(t *testing.T, s string) int {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			deepest = max(deepest, depth)
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return deepest
}

func TestPayload_DeepNestingFoldsWithinBound(t *testing.T) {
	body := nested(9000)
	if len(body) < 50_000 {
		t.Fatalf("test body is %d bytes, want about 54 kB", len(body))
	}
	lim := render.Default
	out, folds := render.Payload(body, lim)
	if !json.Valid([]byte(out)) {
		t.Fatalf("rendering is not valid JSON:\n%s", out)
	}
	if d := depthOf(t, out); d > lim.Depth {
		t.Errorf("rendering nests %d levels, limit %d", d, lim.Depth)
	}
	// 16 levels of at most a few dozen bytes each, and the fold line.
	if len(out) > 2_000 {
		t.Errorf("rendering is %d bytes for a %d-byte body, want a few hundred", len(out), len(body))
	}
	// Levels 0-15 are shown: the outer object and 15 of the 9,000. The
	// 16th folds, holding the 8,984 objects below it and the number 1.
	if want := 9000 - (lim.Depth - 1) - 1 + 1; folds.Containers != 1 || folds.Values != want {
		t.Errorf("folds = %+v, want one container holding %d values", folds, want)
	}
	if !strings.Contains(out, "values folded") || !strings.Contains(folds.String(), "deeper than the levels shown") {
		t.Errorf("the fold is not said:\n%s\n%s", out, folds)
	}
}

func TestPayload_BeyondJSONDepthLimitRendersAsBoundedText(t *testing.T) {
	body := nested(200_000) // deeper than encoding/json accepts: shown as text, cut
	out, folds := render.Payload(body, render.Default)
	if len(out) > render.Default.Bytes+200 {
		t.Errorf("rendering is %d bytes, limit %d", len(out), render.Default.Bytes)
	}
	if folds.Bytes != len(body)-render.Default.Bytes || !strings.Contains(out, "bytes are not shown") {
		t.Errorf("folds = %+v; tail %q", folds, out[len(out)-80:])
	}
}

func TestPayload_LongArraysAndStringsFold(t *testing.T) {
	items := make([]string, 2000)
	for i := range items {
		items[i] = `{"line":` + strings.Repeat("1", 3) + `}`
	}
	body := []byte(`{"lines":[` + strings.Join(items, ",") + `],"note":"` + strings.Repeat("x", 5000) + `"}`)
	lim := render.Limits{Depth: 8, Items: 10, String: 100, Bytes: 1 << 20}
	out, folds := render.Payload(body, lim)
	if !json.Valid([]byte(out)) {
		t.Fatalf("not valid JSON:\n%s", out)
	}
	if folds.Items != 1990 || folds.Chars != 4900 {
		t.Errorf("folds = %+v, want 1990 items and 4900 characters", folds)
	}
	for _, want := range []string{`"… 1990 more elements folded"`, `… (4900 more characters)`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
}

func TestPayload_OutputLimitKeepsJSONValid(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"rows":[`)
	for i := range 50_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"k":"value","n":[1,2,3]}`)
	}
	b.WriteString(`]}`)
	lim := render.Limits{Depth: 16, Items: 1 << 30, String: 100, Bytes: 4096}
	out, folds := render.Payload([]byte(b.String()), lim)
	if !json.Valid([]byte(out)) {
		t.Fatalf("not valid JSON: ...%s", out[max(0, len(out)-200):])
	}
	if len(out) > 2*lim.Bytes || folds.Bytes == 0 || !strings.Contains(out, "output limit reached") {
		t.Errorf("output %d bytes, folds %+v", len(out), folds)
	}
}

func TestPayload_SmallJSONIsIndentedUnchanged(t *testing.T) {
	out, folds := render.Payload([]byte(`{"a":[1,{"b":null}],"c":"d","e":true,"f":{}}`), render.Default)
	want := "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"d\",\n  \"e\": true,\n  \"f\": {}\n}"
	if out != want || folds.Any() {
		t.Errorf("got\n%s\nwant\n%s (folds %+v)", out, want, folds)
	}
}

func TestPayload_ControlCharactersEscaped(t *testing.T) {
	out, _ := render.Payload([]byte(`{"po":"PO1\u001b[31mRED\u0007","k\u009b":"\u202eevil"}`), render.Default)
	if strings.ContainsAny(out, "\x1b\x07\u009b\u202e") {
		t.Errorf("control characters left raw: %q", out)
	}
	if !strings.Contains(out, `PO1\u001b[31mRED\u0007`) || !json.Valid([]byte(out)) {
		t.Errorf("got %q", out)
	}
	text, _ := render.Payload([]byte("ISA*00*\x1b]0;title\x07~"), render.Default)
	if strings.ContainsAny(text, "\x1b\x07") || !strings.Contains(text, "␛]0;title␇") {
		t.Errorf("X12 text: %q", text)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain PO-1 ünïcode": "plain PO-1 ünïcode",
		"a\x1b[2Jb":          "a␛[2Jb",
		"bell\x07":           "bell␇",
		"cr\roverwrite":      "cr␍overwrite",
		"del\x7f":            "del␡",
		"c1\u009bx":          "c1\ufffdx",
		"bidi\u202eabc":      "bidi\ufffdabc",
		"bad\xffutf8":        "bad\ufffdutf8",
		"keeps\ttab\nline":   "keeps\ttab\nline",
	} {
		if got := render.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := render.Line("two\r\nlines \x1b and  tabs\t"); got != "two lines ␛ and tabs" {
		t.Errorf("Line = %q", got)
	}
}
