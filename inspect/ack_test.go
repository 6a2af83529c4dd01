package inspect

import (
	"strings"
	"testing"
)

// A 999 (written for this test) reads like a 997: its IK3/IK4/IK5 notes,
// with their CTX context, in words.
func TestRead999(t *testing.T) {
	src := strings.Join([]string{
		"ISA*00*          *00*          *ZZ*PAYER          *ZZ*NORTHWIND      *261126*1030*^*00501*000000017*0*P*:",
		"GS*FA*PAYER*NORTHWIND*20261126*1030*17*X*005010X231",
		"ST*999*0001*005010X231",
		"AK1*HC*17*005010X222A1",
		"AK2*837*0001*005010X222A1",
		"IK3*NM1*9*2010BA*8",
		"CTX*CLM01:PATIENT1",
		"IK4*9*67*I12*ABC",
		"IK5*R*I5",
		"AK2*837*0002*005010X222A1",
		"IK5*A",
		"AK9*P*2*2*1",
		"SE*11*0001",
		"GE*1*17",
		"IEA*1*000000017",
	}, "~\n") + "~\n"
	rep := inspectBytes(t, []byte(src))
	if len(rep.Documents) != 1 {
		t.Fatalf("%d documents", len(rep.Documents))
	}
	d := rep.Documents[0]
	if len(d.Findings) > 0 {
		t.Errorf("findings on a clean 999: %+v", d.Findings)
	}
	fa := d.FunctionalAck
	if fa == nil || fa.SetID != "999" || fa.GroupID != "HC" || fa.GroupStatus != "P" || len(fa.Sets) != 2 {
		t.Fatalf("999 %+v", fa)
	}
	want := []string{
		`837 0001: rejected (R); code I5: segment NM1 at position 9 (loop 2010BA): segment has data element errors; element NM109 (67): implementation pattern match failure, got "ABC"`,
		"837 0002: accepted (A)",
	}
	if d.InWords == nil || strings.Join(d.InWords.Sets, "\n") != strings.Join(want, "\n") ||
		d.InWords.Group != "partially accepted, at least one transaction set was rejected (P)" {
		t.Errorf("in words %+v\nwant %q", d.InWords, want)
	}
}
