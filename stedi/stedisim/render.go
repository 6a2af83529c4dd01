package stedisim

import (
	"fmt"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// maxControlNumber is the largest ISA13; numbering then starts again at 1.
const maxControlNumber = 999999999

// interchangeMetadata is one item of metadata.interchangeMetadata.
type interchangeMetadata struct {
	InterchangeControlNumber      int64   `json:"interchangeControlNumber"`
	FunctionalGroupControlNumbers []int64 `json:"functionalGroupControlNumbers"`
}

// reserve takes n consecutive control numbers of the partnership and
// returns the first. One atomic add: no lock is held while rendering. A
// request that then fails to render leaves a gap, which X12 allows.
func (p partnership) reserve(n int) int64 {
	return p.counter.Add(int64(n)) - int64(n) + 1
}

func controlNumber(seq int64) int64 {
	return (seq-1)%maxControlNumber + 1
}

// render writes the X12 file for plans, with ISA13 = GS06 from the
// partnership's counter.
//
// Stedi puts several transaction groups into one interchange with one GS per
// group; x12.Render writes one interchange with one group, so each group
// becomes its own interchange in the same file, with its own control number
// and its own interchangeMetadata item. The project's client always sends
// one group, for which the two agree.
func render(p partnership, req *generateRequest, plans []groupPlan, now time.Time) (string, []interchangeMetadata, error) {
	first := p.reserve(len(plans))
	var b strings.Builder
	meta := make([]interchangeMetadata, 0, len(plans))
	for i, gp := range plans {
		ctl := controlNumber(first + int64(i))
		out, err := x12.Render(envelope(p.Partnership, req, gp, ctl, now), gp.sets...)
		if err != nil {
			return "", nil, fmt.Errorf("transaction group %d: %w", i+1, err)
		}
		b.WriteString(out)
		meta = append(meta, interchangeMetadata{ctl, []int64{ctl}})
	}
	return b.String(), meta, nil
}

// envelope fills ISA/GS from the partnership, the transaction setting and
// the request's overrides.
func envelope(p Partnership, req *generateRequest, gp groupPlan, ctl int64, now time.Time) x12.Envelope {
	env := x12.Envelope{
		SenderQual:    p.LocalISAQual,
		SenderID:      p.LocalISAID,
		ReceiverQual:  p.PartnerISAQual,
		ReceiverID:    p.PartnerISAID,
		SenderApp:     p.LocalAppID,
		ReceiverApp:   p.PartnerAppID,
		Date:          now,
		ControlNumber: ctl,
		Usage:         req.usage(),
		Release:       gp.setting.Release,
		AckRequested:  '0',
		Delimiters:    x12.DefaultDelimiters,
	}
	if len(env.Release) >= 5 {
		env.Version = env.Release[:5] // ISA12 of release 005010 is 00501
	}
	if o := gp.overrides; o != nil {
		if o.LocalApplicationID != nil {
			env.SenderApp = *o.LocalApplicationID
		}
		if o.PartnerApplicationID != nil {
			env.ReceiverApp = *o.PartnerApplicationID
		}
	}
	if o := req.Overrides; o != nil {
		if o.AcknowledgmentRequestedCode != nil {
			env.AckRequested = (*o.AcknowledgmentRequestedCode)[0]
		}
		if o.InterchangeControlVersionNumberCode != nil {
			env.Version = *o.InterchangeControlVersionNumberCode
		}
		if d := o.Delimiters; d != nil {
			env.Delimiters = x12.Delimiters{Element: d.Element[0], Component: d.Composite[0],
				Repetition: d.Repetition[0], Segment: d.Segment[0]}
		}
	}
	return env
}
