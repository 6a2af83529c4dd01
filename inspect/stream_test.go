package inspect

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/x12gen"
)

type readDocument struct {
	Set           string              `json:"set"`
	Interchange   *Interchange        `json:"-"`
	Group         *Group              `json:"-"`
	PurchaseOrder *Order              `json:"purchase_order"`
	Invoice       *Invoice            `json:"invoice"`
	Lines         []Line              `json:"lines"`
	Totals        json.RawMessage     `json:"totals"`
	Acknowledged  json.RawMessage     `json:"acknowledgment"`
	Shipment      json.RawMessage     `json:"shipment"`
	FunctionalAck *core.FunctionalAck `json:"functional_acknowledgment"`
	InWords       *AckWords           `json:"in_words"`
	Findings      []Finding           `json:"findings"`
}

type report struct {
	Interchanges []struct {
		Interchange
		Groups []struct {
			Group
			Documents []readDocument `json:"documents"`
		} `json:"groups"`
	} `json:"interchanges"`
	Documents []readDocument `json:"documents"`
	Findings  []Finding      `json:"findings"`
	Summary   Summary        `json:"summary"`
	Error     string         `json:"error"`
}

func inspectBytes(t *testing.T, src []byte) report {
	t.Helper()
	var out bytes.Buffer
	if err := Read(context.Background(), "generated.x12", bytes.NewReader(src), &out, Options{}); err != nil {
		t.Fatal(err)
	}
	var rep report
	dec := json.NewDecoder(&out)
	if err := dec.Decode(&rep); err != nil || dec.More() {
		t.Fatalf("not one JSON document: %v", err)
	}
	for i := range rep.Interchanges {
		for j := range rep.Interchanges[i].Groups {
			for _, d := range rep.Interchanges[i].Groups[j].Documents {
				d.Interchange, d.Group = &rep.Interchanges[i].Interchange, &rep.Interchanges[i].Groups[j].Group
				rep.Documents = append(rep.Documents, d)
			}
		}
	}
	return rep
}

// A generated file of several interchanges, each with its own delimiters
// and five groups, reads back document for document in file order, with
// the values the generator wrote and no finding.
func TestReadGeneratedInterchanges(t *testing.T) {
	var src bytes.Buffer
	opt := x12gen.Options{Size: 40000, Sets: 4, Lines: 9, Newlines: true}
	stats, err := x12gen.Write(&src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Interchanges < 3 {
		t.Fatalf("only %d interchanges generated", stats.Interchanges)
	}
	rep := inspectBytes(t, src.Bytes())
	if rep.Summary.Interchanges != stats.Interchanges || rep.Summary.Groups != 5*stats.Interchanges || rep.Summary.Bytes != stats.Bytes {
		t.Errorf("summary %+v, stats %+v", rep.Summary, stats)
	}
	for set, n := range stats.Sets {
		if rep.Summary.Sets[set] != n {
			t.Errorf("%d %s read, %d written", rep.Summary.Sets[set], set, n)
		}
	}
	if rep.Summary.Findings["warning"]+rep.Summary.Findings["error"] != 0 {
		t.Errorf("findings on a clean file: %+v %+v", rep.Summary.Findings, rep.Findings)
	}
	var lineCents int64
	orders := 0
	for _, d := range rep.Documents {
		n := d.Interchange.Index - 1
		if want := []string{"*", "|", "*"}[n%3]; d.Interchange.Delimiters.Element != want {
			t.Errorf("interchange %d delimiters %+v", n+1, d.Interchange.Delimiters)
		}
		if len(d.Findings) > 0 {
			t.Errorf("%s of interchange %d: %+v", d.Set, n+1, d.Findings)
		}
		switch d.Set {
		case "850":
			if want := x12gen.PONumber(n, orders%opt.Sets); d.PurchaseOrder.Number != want || len(d.Lines) != opt.Lines {
				t.Fatalf("850 %q with %d lines, want %q", d.PurchaseOrder.Number, len(d.Lines), want)
			}
			for _, l := range d.Lines {
				c, _ := cents(l.Amount)
				lineCents += c
			}
			orders++
		case "810":
			var tot InvoiceTotals
			json.Unmarshal(d.Totals, &tot)
			if tot.Total == "" || tot.Total != tot.LineAmount {
				t.Errorf("810 %s: total %s, lines %s", d.Invoice.Number, tot.Total, tot.LineAmount)
			}
		case "855", "856":
			if d.Acknowledged == nil && d.Shipment == nil {
				t.Errorf("%s not read", d.Set)
			}
		case "997":
			fa := d.FunctionalAck
			if fa == nil || len(fa.Sets) != opt.Sets || fa.Sets[2].Status != "R" || fa.GroupStatus != "P" ||
				!strings.HasPrefix(d.InWords.Sets[2], "850 0003: rejected (R)") {
				t.Errorf("997 %+v %+v", fa, d.InWords)
			}
		}
	}
	if lineCents != stats.LineAmount {
		t.Errorf("850 lines add up to %d cents, %d written", lineCents, stats.LineAmount)
	}
}

// One 850 with many lines is written line by line.
func TestReadHugeSet(t *testing.T) {
	var src bytes.Buffer
	stats, err := x12gen.Write(&src, x12gen.Options{HugeSet: 20000})
	if err != nil {
		t.Fatal(err)
	}
	rep := inspectBytes(t, src.Bytes())
	if len(rep.Documents) != 1 || len(rep.Documents[0].Lines) != 20000 || rep.Documents[0].Lines[19999].Line != "20000000" {
		t.Fatalf("%d documents", len(rep.Documents))
	}
	var tot OrderTotals
	json.Unmarshal(rep.Documents[0].Totals, &tot)
	if c, _ := cents(tot.LineAmount); c != stats.LineAmount || tot.TotalAmount != tot.LineAmount {
		t.Errorf("totals %+v, written %d cents", tot, stats.LineAmount)
	}
}

// Sets that together hold many times the segments allowed in flight are
// all read and written in file order: the budget is given back as each
// document is written (were it not, the reading would stop for good).
func TestReadManyLargeSetsInOrder(t *testing.T) {
	var src bytes.Buffer
	opt := x12gen.Options{Size: 2_000_000, Sets: 3, Lines: 400}
	stats, err := x12gen.Write(&src, opt)
	if err != nil {
		t.Fatal(err)
	}
	rep := inspectBytes(t, src.Bytes())
	if rep.Summary.Segments < 2*maxInflightSegments {
		t.Fatalf("only %d segments: the test needs more than the budget in flight", rep.Summary.Segments)
	}
	orders := 0
	for _, d := range rep.Documents {
		if d.Set != "850" {
			continue
		}
		n := d.Interchange.Index - 1
		if want := x12gen.PONumber(n, orders%opt.Sets); d.PurchaseOrder.Number != want || len(d.Lines) != opt.Lines {
			t.Fatalf("850 %d is %q with %d lines, want %q", orders, d.PurchaseOrder.Number, len(d.Lines), want)
		}
		orders++
	}
	if orders != stats.Sets["850"] || rep.Summary.Documents != len(rep.Documents) {
		t.Errorf("%d 850s read of %d, %d documents of %d", orders, stats.Sets["850"], len(rep.Documents), rep.Summary.Documents)
	}
}
