package stedi

import (
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// envelopeOf reads the control numbers of the first transaction set of
// the X12 Stedi generated (the response's edi): ISA13, GS01, GS06, GS08,
// ST01 and ST02, which a partner's 997 quotes back in AK1 and AK2. Stedi
// documents edi as optional: without it, or when it does not parse, there
// is no envelope and a 997 cannot be matched (the deadlines still run).
func envelopeOf(edi string) *core.Envelope {
	if strings.TrimSpace(edi) == "" {
		return nil
	}
	ic, err := x12.Parse([]byte(edi))
	if err != nil || len(ic.Groups) == 0 || len(ic.Groups[0].Sets) == 0 {
		return nil
	}
	g := ic.Groups[0]
	st := g.Sets[0].ST
	isa, _ := strconv.ParseInt(strings.TrimSpace(ic.ISA.Element(13)), 10, 64)
	gs, err := strconv.ParseInt(g.GS.Element(6), 10, 64)
	if err != nil {
		return nil
	}
	return &core.Envelope{Interchange: isa, GroupID: g.GS.Element(1), GroupControl: gs, Release: g.GS.Element(8),
		SetID: st.Element(1), SetControl: st.Element(2)}
}
