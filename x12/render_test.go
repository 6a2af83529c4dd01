package x12

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func testEnvelope() Envelope {
	return Envelope{
		SenderQual: "ZZ", SenderID: "AMERCHANT",
		ReceiverQual: "14", ReceiverID: "ANOTHERMERCH",
		SenderApp: "READDEMO", ReceiverApp: "072271711TMS",
		Date:          time.Date(2022, 10, 11, 2, 56, 30, 0, time.UTC),
		ControlNumber: 57,
		Usage:         'T',
		Version:       "00501",
		Release:       "005010",
		AckRequested:  '0',
		Delimiters:    DefaultDelimiters,
	}
}

func TestRenderGolden850(t *testing.T) {
	raw := guidePayload(t, readSample(t, "850_5010_stedi-bootstrap_guide-json.json"))
	setID, body, err := FromGuideJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Render(testEnvelope(), Transaction{SetID: setID, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	// The sample's own envelope has GS01=OW, ISA11=U and 9-digit ST02, all
	// of which Stedi's current generator no longer produces; compare the
	// body against the sample and the envelope against the spec.
	want := "ISA*00*          *00*          *ZZ*AMERCHANT      *14*ANOTHERMERCH   *221011*0256*^*00501*000000057*0*T*>~" +
		"GS*PO*READDEMO*072271711TMS*20221011*0256*000000057*X*005010~" +
		"ST*850*0001~" +
		"BEG*00*DS*365465413**20220830~" +
		"REF*CO*ACME-4567~" +
		"REF*ZZ*Thank you for your business~" +
		"PER*OC*Marvin Acme*TE*973-555-1212*EM*marvin@acme.com~" +
		"TD5****ZZ*FHD~" +
		"N1*ST*Wile E Coyote*92*123~" +
		"N3*111 Canyon Court~" +
		"N4*Phoenix*AZ*85001*US~" +
		"PO1*item-1*0008*EA*400**VC*VND1234567*SK*ACM/8900-400~" +
		"PID*F****400 pound anvil~" +
		"PO1*item-2*0004*EA*125**VC*VND000111222*SK*ACM/1100-001~" +
		"PID*F****Detonator~" +
		"CTT*2~" +
		"AMT*TT*3700~" +
		"SE*16*0001~" +
		"GE*1*000000057~" +
		"IEA*1*000000057~"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.ReplaceAll(got, "~", "~\n"), strings.ReplaceAll(want, "~", "~\n"))
	}
	if i := strings.IndexByte(got, '~'); i != 105 {
		t.Errorf("ISA is %d bytes, want 106", i+1)
	}
}

func TestRenderSeveralSets(t *testing.T) {
	env := testEnvelope()
	env.Version, env.Release = "00401", "004010"
	body := []Segment{{ID: "BIG", Elements: []string{"20240115", "INV-1", "", "", ""}}, {ID: "TDS", Elements: []string{"3750"}}}
	got, err := Render(env, Transaction{SetID: "810", Body: body}, Transaction{SetID: "810", Body: body[1:]})
	if err != nil {
		t.Fatal(err)
	}
	want := "ISA*00*          *00*          *ZZ*AMERCHANT      *14*ANOTHERMERCH   *221011*0256*U*00401*000000057*0*T*>~" +
		"GS*IN*READDEMO*072271711TMS*20221011*0256*000000057*X*004010~" +
		"ST*810*0001~BIG*20240115*INV-1~TDS*3750~SE*4*0001~" +
		"ST*810*0002~TDS*3750~SE*3*0002~" +
		"GE*2*000000057~IEA*1*000000057~"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestRenderCompositeAndDelimiters(t *testing.T) {
	env := testEnvelope()
	env.Delimiters = Delimiters{Element: '|', Component: ':', Repetition: '!', Segment: '\n'}
	env.SenderApp, env.ReceiverApp = "", ""
	body := []Segment{{ID: "HI", Elements: []string{Composite("ABK", "J020", ""), Repeated(Composite("ABF", "Z11"), "X")}}}
	got, err := Render(env, Transaction{SetID: "850", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "\nHI|ABK:J020|ABF:Z11!X\n") {
		t.Errorf("composite/repetition not rendered: %q", got)
	}
	if !strings.Contains(got, "|!|00501|") || !strings.Contains(got, "|T|:\nGS|PO|AMERCHANT|ANOTHERMERCH|") {
		t.Errorf("ISA11/ISA16 or GS02/GS03 fallback wrong: %q", got)
	}
}

func TestRenderErrors(t *testing.T) {
	ok := []Segment{{ID: "BEG", Elements: []string{"00"}}}
	cases := map[string]struct {
		mut  func(*Envelope)
		sets []Transaction
		is   error
	}{
		"no sets":          {sets: nil},
		"unknown set":      {sets: []Transaction{{SetID: "999", Body: ok}}},
		"mixed groups":     {sets: []Transaction{{SetID: "850", Body: ok}, {SetID: "810", Body: ok}}},
		"delimiter":        {sets: []Transaction{{SetID: "850", Body: []Segment{{ID: "REF", Elements: []string{"ZZ", "a*b"}}}}}, is: errDelimiterInData},
		"terminator":       {sets: []Transaction{{SetID: "850", Body: []Segment{{ID: "REF", Elements: []string{"ZZ", "a~b"}}}}}, is: errDelimiterInData},
		"component":        {sets: []Transaction{{SetID: "850", Body: []Segment{{ID: "REF", Elements: []string{"ZZ", "a>b"}}}}}, is: errDelimiterInData},
		"envelope in body": {sets: []Transaction{{SetID: "850", Body: []Segment{{ID: "SE", Elements: []string{"1"}}}}}, is: errEnvelopeInBody},
		"bad segment ID":   {sets: []Transaction{{SetID: "850", Body: []Segment{{ID: "ref"}}}}},
		"id in ISA":        {mut: func(e *Envelope) { e.SenderID = "A*B" }, sets: []Transaction{{SetID: "850", Body: ok}}, is: errDelimiterInData},
		"long sender":      {mut: func(e *Envelope) { e.SenderID = strings.Repeat("A", 16) }, sets: []Transaction{{SetID: "850", Body: ok}}},
		"usage":            {mut: func(e *Envelope) { e.Usage = 0 }, sets: []Transaction{{SetID: "850", Body: ok}}},
		"control number":   {mut: func(e *Envelope) { e.ControlNumber = 1e9 }, sets: []Transaction{{SetID: "850", Body: ok}}},
		"same delimiters":  {mut: func(e *Envelope) { e.Delimiters.Segment = '*' }, sets: []Transaction{{SetID: "850", Body: ok}}, is: errBadDelimiters},
		"repetition in 4010": {mut: func(e *Envelope) { e.Version = "00401" },
			sets: []Transaction{{SetID: "850", Body: []Segment{{ID: "REF", Elements: []string{Repeated("A", "B")}}}}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			env := testEnvelope()
			if c.mut != nil {
				c.mut(&env)
			}
			out, err := Render(env, c.sets...)
			if err == nil {
				t.Fatalf("no error, rendered %q", out)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("err = %v, want %v", err, c.is)
			}
		})
	}
}
