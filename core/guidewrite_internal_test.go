package core

import (
	"slices"
	"strings"
	"testing"
)

// fakeNode is a hand-made guide schema node.
type fakeNode struct {
	props map[string]*fakeNode
	array *fakeNode // items, when the node is an array
	enum  []string
	types []string
}

func (n *fakeNode) Keys() []string {
	var ks []string
	for k := range n.props {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func (n *fakeNode) Property(k string) GuideNode {
	if p, ok := n.props[k]; ok {
		return p
	}
	return nil
}
func (n *fakeNode) IsArray() bool { return n.array != nil }
func (n *fakeNode) Items() GuideNode {
	if n.array == nil {
		return nil
	}
	return n.array
}
func (n *fakeNode) Enum() []string  { return n.enum }
func (n *fakeNode) Types() []string { return n.types }

type fakeGuide struct{ root *fakeNode }

func (g fakeGuide) Source() string                                { return "fake.json" }
func (g fakeGuide) Root() GuideNode                               { return g.root }
func (g fakeGuide) Validate(doc []byte) ([]GuideViolation, error) { return nil, nil }

// A guide that types quantities as strings and keeps one REF per
// qualifier as an object gets exactly that.
func TestWriteGuide_TypesAndShapesFromTheSchema(t *testing.T) {
	str := &fakeNode{types: []string{"string"}}
	num := &fakeNode{types: []string{"number"}}
	refBM := &fakeNode{props: map[string]*fakeNode{
		"reference_identification_qualifier_01": {types: []string{"string"}, enum: []string{"BM"}},
		"reference_identification_02":           str}}
	po1 := &fakeNode{props: map[string]*fakeNode{"assigned_identification_01": str, "quantity_ordered_02": str, "unit_price_04": num}}
	root := &fakeNode{props: map[string]*fakeNode{
		"heading": {props: map[string]*fakeNode{
			"reference_identification_REF":    {array: &fakeNode{props: refBM.props}},
			"reference_identification_REF_BM": refBM,
		}},
		"detail": {props: map[string]*fakeNode{
			"baseline_item_data_PO1_loop": {array: &fakeNode{props: map[string]*fakeNode{"baseline_item_data_PO1": po1}}},
		}},
	}}
	root.props["heading"].props["reference_identification_REF"].array.props = map[string]*fakeNode{
		"reference_identification_qualifier_01": {types: []string{"string"}, enum: []string{"IA", "VR"}},
		"reference_identification_02":           str}
	tree := gtree{
		Heading: []gpart{seg("REF", "BM", "BOL-1"), seg("REF", "IA", "ELC")},
		Detail:  []gpart{iteration(seg("PO1", "1000", 12.0, "EA", "3"))},
	}
	got := string(writeGuide(tree, guide850Names, Release4010, fakeGuide{root}))
	for _, want := range []string{
		`"reference_identification_REF_BM":{"reference_identification_qualifier_01":"BM","reference_identification_02":"BOL-1"}`,
		`"reference_identification_REF":[{"reference_identification_qualifier_01":"IA","reference_identification_02":"ELC"}]`,
		`"quantity_ordered_02":"12"`,
		`"unit_price_04":3`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}
