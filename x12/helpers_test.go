package x12

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// samplesDir holds the third-party test vectors; CI places shared/ beside
// the checkout, so the relative path holds there too.
const samplesDir = "../../shared/x12-samples"

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	if _, err := os.Stat(samplesDir); err != nil {
		t.Skipf("sample folder %s not available: %v", samplesDir, err)
	}
	b, err := os.ReadFile(filepath.Join(samplesDir, name))
	if err != nil {
		t.Fatalf("read sample: %v", err)
	}
	return b
}

// guidePayload returns the Guide JSON transaction of a sample file, which
// Stedi's demo repository wraps in {"metadata", "payload"}.
func guidePayload(t testing.TB, raw []byte) []byte {
	t.Helper()
	var wrap struct {
		Payload json.RawMessage `json:"payload"`
	}
	if err := json.Unmarshal(raw, &wrap); err != nil {
		t.Fatalf("unwrap payload: %v", err)
	}
	if wrap.Payload == nil {
		return raw
	}
	return wrap.Payload
}

// naiveBody splits a clean "*", "~" file by hand and returns the segments
// strictly between the first ST and its SE. It is deliberately independent
// of Parse so the golden test does not check the codec against itself.
func naiveBody(t testing.TB, edi []byte) []Segment {
	t.Helper()
	var out []Segment
	in := false
	for _, raw := range strings.Split(string(edi), "~") {
		raw = strings.Trim(raw, "\r\n")
		if raw == "" {
			continue
		}
		f := strings.Split(raw, "*")
		switch {
		case f[0] == "ST":
			in = true
		case f[0] == "SE":
			return out
		case in:
			out = append(out, Segment{ID: f[0], Elements: f[1:]})
		}
	}
	t.Fatal("no ST..SE in sample")
	return nil
}

func segmentsText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.String())
		b.WriteString("\n")
	}
	return b.String()
}
