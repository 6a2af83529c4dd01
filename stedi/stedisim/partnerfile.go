package stedisim

import (
	"fmt"
	"slices"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// defaultInboundRelease is used for a set no inbound setting names.
const defaultInboundRelease = "005010"

// PartnerFile renders sets as the partner of partnershipID sends them:
// one interchange from the partner to the local profile, usage P, dated at
// the simulator clock, with the partner's next control number. The sets
// must share a functional group (all 855s, or all 856s). Pass the result
// to InjectInbound.
func (s *Server) PartnerFile(partnershipID string, sets ...x12.Transaction) ([]byte, error) {
	p, ok := s.partnership(partnershipID)
	if !ok {
		return nil, fmt.Errorf("stedisim: partnership %s not found", partnershipID)
	}
	return s.renderPartnerFile(partnershipID, p.Partnership, 'P', s.now(), sets...)
}

func (s *Server) renderPartnerFile(pid string, p Partnership, usage byte, at time.Time, sets ...x12.Transaction) ([]byte, error) {
	if len(sets) == 0 {
		return nil, fmt.Errorf("stedisim: no transaction sets for partnership %s", pid)
	}
	release := inboundRelease(p, sets[0].SetID)
	env := x12.Envelope{
		SenderQual: p.PartnerISAQual, SenderID: p.PartnerISAID,
		ReceiverQual: p.LocalISAQual, ReceiverID: p.LocalISAID,
		SenderApp: p.PartnerAppID, ReceiverApp: p.LocalAppID,
		Date: at.UTC(), ControlNumber: s.desk.nextControl(pid), Usage: usage,
		Release: release, AckRequested: '0', Delimiters: x12.DefaultDelimiters,
	}
	if len(release) >= 5 {
		env.Version = release[:5]
	}
	out, err := x12.Render(env, sets...)
	if err != nil {
		return nil, fmt.Errorf("stedisim: partner file for %s: %w", pid, err)
	}
	return []byte(out), nil
}

// inboundRelease is the release of the inbound setting for setID, so the
// partner writes what the partnership expects.
func inboundRelease(p Partnership, setID string) string {
	var ids []string
	for id, ts := range p.TransactionSettings {
		if ts.Direction == Inbound && ts.SetID == setID && ts.Release != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return defaultInboundRelease
	}
	slices.Sort(ids)
	return p.TransactionSettings[ids[0]].Release
}
