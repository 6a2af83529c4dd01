package inspect

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// Inbound is the reading of an 855, 856, 997 or 999 as the connector
// takes it in: through its Guide JSON, read by core's readers, with the X3
// update an 855 or 856 asks for and what a 997 says in words.
type Inbound struct {
	Acknowledgment *core.Acknowledgment `json:"acknowledgment,omitempty"`
	Shipment       *core.Shipment       `json:"shipment,omitempty"`
	FunctionalAck  *core.FunctionalAck  `json:"functional_acknowledgment,omitempty"`
	InWords        *AckWords            `json:"in_words,omitempty"`
	// X3Update is what the document asks of X3, relative to nothing.
	X3Update []core.POUpdate `json:"x3_update,omitempty"`
	// X3Patch is what would be written to the PO as X3 holds it now
	// (Options.Resolve); Problems why it would not be applied.
	X3Patch  []core.Patch `json:"x3_patch,omitempty"`
	Problems []string     `json:"problems,omitempty"`
	Error    string       `json:"error,omitempty"`
}

// Resolver resolves the X3 updates of an inbound document against the
// POs as X3 holds them now: the patches that would be written, and why
// others would not. Nothing is written.
type Resolver func(ctx context.Context, updates []core.POUpdate) ([]core.Patch, []string)

// AckWords is what a 997 or 999 says, in words (core's descriptions).
type AckWords struct {
	Group string   `json:"group"` // e.g. "partially accepted, at least one transaction set was rejected (P)"
	Sets  []string `json:"sets"`  // one per set response, e.g. "850 0003: rejected (R): …"
}

func ackWords(fa *core.FunctionalAck) *AckWords {
	w := &AckWords{Group: fa.GroupWords(), Sets: []string{}}
	for _, r := range fa.Sets {
		w.Sets = append(w.Sets, r.SetID+" "+r.Control+": "+r.Describe())
	}
	return w
}

// maxInboundSegments bounds an 855, 856 or 997 read whole: its Guide JSON
// and core's reading of it are built in memory, as the connector builds
// them for a document Stedi delivers. Measured with bench/inspect_test.go.
const maxInboundSegments = 50000

// maxSkipped bounds the segments ToGuideJSONTolerant may leave out.
const maxSkipped = 200

// guideTrees recycles the blocks the trees of inbound sets are built in.
var guideTrees = sync.Pool{New: func() any { return new(core.GuideTree) }}

// inboundReading collects an 855, 856, 997 or 999 and reads it at its SE.
type inboundReading struct {
	ctx     context.Context
	resolve Resolver
	set     x12.Transaction
	at      []x12.Position // of ST, then of each body segment
	count   int
}

// newInboundReading starts reading an inbound set; segments, when known
// (else 0), sizes its lists at once.
func newInboundReading(ctx context.Context, st x12.Segment, stAt x12.Position, resolve Resolver, segments int) *inboundReading {
	segments = min(segments, maxInboundSegments)
	r := &inboundReading{ctx: ctx, resolve: resolve, set: x12.Transaction{SetID: st.Element(1), ST: st,
		Body: make([]x12.Segment, 0, segments)}, at: make([]x12.Position, 1, segments+1)}
	r.at[0] = stAt
	return r
}

func (r *inboundReading) header() any     { return nil }
func (r *inboundReading) listKey() string { return "" }

func (r *inboundReading) add(seg x12.Segment, pos x12.Position, _ *setScope) {
	r.count++
	if r.count <= maxInboundSegments {
		r.set.Body = append(r.set.Body, seg)
		r.at = append(r.at, pos)
	}
}

func (r *inboundReading) finish(_ x12.Segment, _ x12.Position, s *setScope) any {
	if r.count > maxInboundSegments {
		r.set.Body, r.at = nil, nil
		return &Inbound{Error: fmt.Sprintf("the %s has %d segments; inspect reads an 855, 856 or 997 whole (through its Guide JSON, as the connector does) only up to %d",
			r.set.SetID, r.count, maxInboundSegments)}
	}
	tree := guideTrees.Get().(*core.GuideTree)
	defer func() {
		tree.Reset()
		guideTrees.Put(tree)
	}()
	guide, skipped, err := x12.ToGuideTreeTolerant(r.set, maxSkipped, tree)
	for _, sk := range skipped {
		s.note(finding(x12.Info, "NOT-READ", r.at[sk.InSet-1], sk.Segment.ID, "%s is left out of the %s reading: %s", sk.Segment.ID, r.set.SetID, sk.Reason))
	}
	r.set.Body, r.at = nil, nil
	if err != nil {
		return &Inbound{Error: err.Error()}
	}
	in := readInbound(r.set.SetID, guide) // holds nothing of the tree
	if r.resolve != nil && len(in.X3Update) > 0 {
		in.X3Patch, in.Problems = r.resolve(r.ctx, in.X3Update)
	}
	return in
}

// readGuide reads 855 or 856 Guide JSON with core's readers.
func readGuide(set string, guide []byte) *Inbound {
	var v any
	dec := json.NewDecoder(bytes.NewReader(guide))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return &Inbound{Error: "not JSON: " + err.Error()}
	}
	return readInbound(set, v)
}

// readInbound reads decoded 855 or 856 Guide JSON with core's readers.
func readInbound(set string, guide any) *Inbound {
	in := &Inbound{}
	switch set {
	case "855":
		a, err := core.Read855Value(guide)
		if err != nil {
			in.Error = err.Error()
			return in
		}
		in.Acknowledgment, in.X3Update = a, []core.POUpdate{core.Plan855(a, "")}
	case "856":
		sh, err := core.Read856Value(guide)
		if err != nil {
			in.Error = err.Error()
			return in
		}
		in.Shipment, in.X3Update = sh, core.Plan856(sh)
	case "997", "999":
		fa, err := core.Read997Value(guide)
		if err != nil {
			in.Error = err.Error()
			return in
		}
		in.FunctionalAck, in.InWords = fa, ackWords(fa)
	default:
		in.Error = "ml-connector reads 855, 856 and 997 Guide JSON only"
	}
	return in
}

// segmentsReading lists the segments of a set inspect has no reading for.
type segmentsReading struct{ st x12.Segment }

func (r *segmentsReading) header() any     { return nil }
func (r *segmentsReading) listKey() string { return "segments" }

func (r *segmentsReading) add(seg x12.Segment, _ x12.Position, s *setScope) {
	if r.st.ID != "" {
		s.emit(r.st.String())
		r.st = x12.Segment{}
	}
	s.emit(seg.String())
}

func (r *segmentsReading) finish(se x12.Segment, _ x12.Position, s *setScope) any {
	if r.st.ID != "" {
		s.emit(r.st.String())
	}
	if se.ID == "SE" {
		s.emit(se.String())
	}
	return nil
}

// unwrapGuide returns the {heading, detail, summary} object of a Guide
// JSON file, inside the wrappers core.GuideSetID also accepts (Stedi's
// samples put it under "payload", a generate-edi body under
// "transaction"), with its key order kept: FromGuideJSON reads segments
// in key order.
func unwrapGuide(raw []byte) []byte {
	for range 4 {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return raw
		}
		if _, ok := obj["heading"]; ok {
			return raw
		}
		var inner json.RawMessage
		for _, k := range []string{"payload", "transaction", "transactionSets", "transaction_sets", "artifact"} {
			if v, ok := obj[k]; ok {
				inner = v
				break
			}
		}
		var list []json.RawMessage
		if json.Unmarshal(inner, &list) == nil && len(list) > 0 {
			inner = list[0]
		}
		if inner == nil {
			return raw
		}
		raw = inner
	}
	return raw
}
