package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

const samplesDir = "../../../shared/x12-samples"

func inspectSample(t *testing.T, name string) inspectReport {
	t.Helper()
	path := filepath.Join(samplesDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("sample not available: %v", err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"inspect", path}, &out, &errOut); err != nil {
		t.Fatalf("inspect %s: %v\n%s", name, err, errOut.String())
	}
	var rep inspectReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("inspect printed no JSON: %v\n%s", err, out.String())
	}
	if len(rep.Documents) == 0 {
		t.Fatalf("no documents in %s", out.String())
	}
	return rep
}

func ackStatuses(a *core.Acknowledgment) string {
	var s []string
	for _, l := range a.Lines {
		for _, ack := range l.Acks {
			s = append(s, l.LineID+"="+ack.Status)
		}
	}
	return strings.Join(s, " ")
}

func TestInspect_855GuideJSON(t *testing.T) {
	rep := inspectSample(t, "855_5010_stedi-bootstrap_guide-json.json")
	d := rep.Documents[0]
	if rep.Format != "guide-json" || d.Set != "855" || d.Acknowledgment == nil || d.Acknowledgment.PONumber != "365465413" {
		t.Fatalf("report %+v", rep)
	}
	if got := ackStatuses(d.Acknowledgment); got != "item-1=IA item-2=IA" {
		t.Errorf("statuses %q", got)
	}
	if len(d.X3Update) != 1 || d.X3Update[0].Header[core.FieldAckNotes] != "855 AD: 2 accepted" || len(d.X3Update[0].Lines) != 2 {
		t.Errorf("planned update %+v", d.X3Update)
	}
}

func TestInspect_855X12(t *testing.T) {
	rep := inspectSample(t, "855_4010_bookdistributor_node-x12.edi")
	d := rep.Documents[0]
	if rep.Format != "x12" || d.Acknowledgment == nil || d.Acknowledgment.PONumber != "POTEST1112" {
		t.Fatalf("report %+v", rep)
	}
	if got := ackStatuses(d.Acknowledgment); got != "1=IA 2=IR 3=IR 4=IA" {
		t.Errorf("statuses %q", got)
	}
}

func TestInspect_856X12(t *testing.T) {
	rep := inspectSample(t, "856_4060_1edisource_gozer_newline-terminated.txt")
	s := rep.Documents[0].Shipment
	if s == nil || s.ID != "829716" || len(s.Orders) != 1 || s.Orders[0].PONumber != "99999817" || len(s.Orders[0].Items) != 2 {
		t.Fatalf("shipment %+v", s)
	}
	if it := s.Orders[0].Items[1]; it.LineID != "2" || it.Quantity != 6 {
		t.Errorf("second item %+v", it)
	}
	if len(rep.Findings) == 0 {
		t.Error("no validation findings for a sample with a wrong IEA02")
	}
}

func TestInspect_OtherSetsShowSegmentsAndFindings(t *testing.T) {
	rep := inspectSample(t, "850_5010_stedi-bootstrap.edi")
	d := rep.Documents[0]
	if d.Set != "850" || len(d.Segments) == 0 || !strings.HasPrefix(d.Segments[1], "BEG*00*DS*365465413") {
		t.Errorf("850 report %+v", d)
	}
	var out bytes.Buffer
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"heading":{}}`), 0o600)
	if err := run(context.Background(), []string{"inspect", bad}, &out, &out); err == nil {
		t.Error("no error for a document of no known set")
	}
}
