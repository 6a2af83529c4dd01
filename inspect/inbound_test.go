package inspect

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/x12gen"
	"github.com/mlconnector/ml-connector/x12"
)

// An 855, 856, 997 or 999 read through the tree x12 builds for core's
// readers (core.GuideTree) reads exactly as its Guide JSON text does
// (ToGuideJSONTolerant, decoded as the connector decodes what Stedi
// delivers): the samples, the partner variants of the golden reports,
// the 999 and a generated file.
func TestInboundTreeReadsAsItsGuideJSON(t *testing.T) {
	inputs := map[string][]byte{"999": []byte(sample999), "generated": generate(t, x12gen.Options{Size: 20000, Sets: 2, Lines: 4})}
	for _, name := range []string{"855_5010_stedi-bootstrap.edi", "855_4010_bookdistributor_node-x12.edi",
		"856_4060_1edisource_gozer_newline-terminated.txt", "997_5010X230_staedi.edi"} {
		inputs[name] = sample(t, name)
	}
	for _, v := range partnerVariants[1:3] { // the 855 variants
		inputs[v.name] = v.apply(t)
	}
	read := 0
	for name, input := range inputs {
		for _, set := range setsOf(t, input) {
			if _, ok := map[string]bool{"855": true, "856": true, "997": true, "999": true}[set.SetID]; !ok {
				continue
			}
			text, _, err := x12.ToGuideJSONTolerant(set, maxSkipped)
			if err != nil {
				t.Fatalf("%s %s: %v", name, set.SetID, err)
			}
			tree, _, err := x12.ToGuideTreeTolerant(set, maxSkipped, &core.GuideTree{})
			if err != nil {
				t.Fatalf("%s %s: %v", name, set.SetID, err)
			}
			want, got := readGuide(set.SetID, text), readInbound(set.SetID, tree)
			if want.Error != "" || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: from the tree\n%+v\nfrom the text\n%+v", name, set.SetID, got, want)
			}
			read++
		}
	}
	if read < 20 {
		t.Errorf("only %d sets compared", read)
	}
}

// setsOf is every transaction set of an X12 input, in any envelope.
func setsOf(t *testing.T, input []byte) []x12.Transaction {
	t.Helper()
	var sets []x12.Transaction
	rd := x12.NewReader(bytes.NewReader(input))
	for {
		ev, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return sets
		}
		if err != nil {
			t.Fatal(err)
		}
		switch ev.Kind {
		case x12.SetStart:
			sets = append(sets, x12.Transaction{SetID: ev.Segment.Element(1), ST: ev.Segment})
		case x12.SetSegment:
			sets[len(sets)-1].Body = append(sets[len(sets)-1].Body, ev.Segment)
		}
	}
}
