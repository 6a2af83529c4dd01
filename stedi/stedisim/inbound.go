package stedisim

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// Fault codes of file.failed.v2 the simulator raises (ExecutionFaultCode,
// stedi-api.md §4.3).
//
// Unconfirmed: which code Stedi gives a set that breaks its guide (the
// docs' example shows TRANSLATION_ERROR, used here) and one it cannot
// turn into Guide JSON (FAILED_TO_TRANSLATE here).
const (
	FaultParse       = "FAILED_TO_PARSE"
	FaultPartnership = "FAILED_TO_FIND_PARTNERSHIP"
	FaultValidation  = "TRANSLATION_ERROR"
	FaultTranslate   = "FAILED_TO_TRANSLATE"
	FaultNoSets      = "NO_TRANSACTION_SETS"
)

// FileFailure reports an inbound file the simulator failed as Stedi would:
// no transaction was stored, and a file.failed.v2 event was emitted.
type FileFailure struct {
	FileExecutionID string
	FaultCode       string
	Message         string
}

func (f *FileFailure) Error() string {
	return fmt.Sprintf("stedisim: inbound file %s failed: %s: %s", f.FileExecutionID, f.FaultCode, f.Message)
}

// maxFindings is how many validation errors a failure message lists.
const maxFindings = 3

// InjectInbound processes an X12 file as if partnershipID's partner had
// sent it: parse, check the envelope against the partnership, validate,
// translate each set to Guide JSON, store one transaction per set and emit
// transaction.processed.v2 for each. One bad set fails the whole file, as
// Stedi does: then no transaction is stored, a file.failed.v2 is emitted
// and the error is a *FileFailure. An unknown partnershipID is a plain
// error and emits nothing.
func (s *Server) InjectInbound(partnershipID string, file []byte) ([]string, error) {
	p, ok := s.partnership(partnershipID)
	if !ok {
		return nil, fmt.Errorf("stedisim: partnership %s not found", partnershipID)
	}
	s.inboundMu.Lock()
	defer s.inboundMu.Unlock()
	ids, ev, err := s.processInbound(partnershipID, p.Partnership, file)
	s.hooks.enqueue(ev...)
	return ids, err
}

// processInbound does the work of InjectInbound and returns the events to
// send. The caller holds inboundMu, which keeps file numbering in call
// order.
func (s *Server) processInbound(pid string, p Partnership, file []byte) ([]string, []*event, error) {
	now := s.now()
	execID := s.fileExecutionID(pid, file)
	pj := partnershipRef(pid, p, dirInbound)
	txs, fault := s.translate(pid, p, file, execID, now)
	if fault != nil {
		fault.FileExecutionID = execID
		s.txs.add(txs...) // the sets a failed validation, listed with status failed
		return nil, []*event{s.fileFailedEvent(fault, pj, len(file), now)}, fault
	}
	s.txs.add(txs...)
	ids := make([]string, len(txs))
	evs := make([]*event, len(txs))
	for i, t := range txs {
		ids[i], evs[i] = t.rec.TransactionID, s.transactionEvent(t)
	}
	return ids, evs, nil
}

// fileExecutionID names a file by its content and how often the same
// bytes arrived before, so a seeded run repeats its ids.
func (s *Server) fileExecutionID(pid string, file []byte) string {
	sum := sha256.Sum256(file)
	n := s.seen[sum]
	s.seen[sum] = n + 1
	return s.ids.uuid("file", pid, string(sum[:]), strconv.Itoa(n))
}

// translate turns a file into transactions, or says why Stedi would fail it.
func (s *Server) translate(pid string, p Partnership, file []byte, execID string, now time.Time) ([]*storedTx, *FileFailure) {
	ic, err := x12.Parse(file)
	if err != nil {
		return nil, &FileFailure{FaultCode: FaultParse, Message: err.Error()}
	}
	if err := matchEnvelope(ic.ISA, p); err != nil {
		return nil, &FileFailure{FaultCode: FaultPartnership, Message: err.Error()}
	}
	if msg := validationErrors(ic); msg != "" {
		return s.failedSets(pid, p, ic, file, execID, now, msg), &FileFailure{FaultCode: FaultValidation, Message: msg}
	}
	var out []*storedTx
	input := stored{string(file), typeX12} // a copy: the caller keeps its slice
	for _, g := range ic.Groups {
		for _, t := range g.Sets {
			guide, err := x12.ToGuideJSON(t)
			if err == nil {
				guide, err = inRelease(guide, inboundRelease(p, t.SetID))
			}
			if err != nil {
				return nil, &FileFailure{FaultCode: FaultTranslate, Message: err.Error()}
			}
			rec := txRecord{
				TransactionID:       s.ids.uuid("transaction", execID, strconv.Itoa(len(out))),
				FileExecutionID:     execID,
				Status:              statusOK,
				Direction:           dirInbound,
				Mode:                modeOf(ic.ISA.Element(15)),
				Partnership:         partnershipRef(pid, p, dirInbound),
				X12:                 inboundMetadata(ic, g, t, p),
				BusinessIdentifiers: businessIdentifiers(t.SetID, documentNumber(t)),
			}
			out = append(out, newStoredTx(rec, now, input, stored{string(guide), typeJSON}))
		}
	}
	if len(out) == 0 {
		return nil, &FileFailure{FaultCode: FaultNoSets, Message: "the file holds no transaction set"}
	}
	return out, nil
}

// matchEnvelope checks that the file goes from the partnership's partner
// to its local profile, the way Stedi finds the partnership of a file.
func matchEnvelope(isa x12.Segment, p Partnership) error {
	from := [2]string{isa.Element(5), strings.TrimSpace(isa.Element(6))}
	to := [2]string{isa.Element(7), strings.TrimSpace(isa.Element(8))}
	if from != [2]string{p.PartnerISAQual, p.PartnerISAID} || to != [2]string{p.LocalISAQual, p.LocalISAID} {
		return fmt.Errorf("no partnership from %s/%s to %s/%s", from[0], from[1], to[0], to[1])
	}
	return nil
}

// validationErrors lists the first error findings in tolerant mode, which
// is how a receiver treats what partners send; "" when there are none.
func validationErrors(ic *x12.Interchange) string {
	var msgs []string
	for _, f := range x12.Validate(ic, x12.Tolerant) {
		if f.Severity == x12.Error {
			msgs = append(msgs, f.String())
		}
	}
	if len(msgs) > maxFindings {
		msgs = append(msgs[:maxFindings], fmt.Sprintf("and %d more", len(msgs)-maxFindings))
	}
	return strings.Join(msgs, "; ")
}

// modeOf maps ISA15 to Stedi's mode.
func modeOf(usage string) string {
	switch usage {
	case "P":
		return "production"
	case "T":
		return "test"
	}
	return "other"
}

// partnershipRef describes partnership pid as events do. The simulator
// uses the lower-cased ISA ids as profile ids, since it has no profiles of
// its own.
func partnershipRef(pid string, p Partnership, direction string) partnershipJSON {
	local, partner := profileRef{strings.ToLower(p.LocalISAID)}, profileRef{strings.ToLower(p.PartnerISAID)}
	pj := partnershipJSON{PartnershipID: pid, PartnershipType: "x12", Sender: partner, Receiver: local}
	if direction == dirOutbound {
		pj.Sender, pj.Receiver = local, partner
	}
	return pj
}

func inboundMetadata(ic *x12.Interchange, g x12.Group, t x12.Transaction, p Partnership) x12Info {
	isaCtl, _ := strconv.ParseInt(ic.ISA.Element(13), 10, 64)
	gsCtl, _ := strconv.ParseInt(g.GS.Element(6), 10, 64)
	info := x12Info{Metadata: x12Metadata{
		Interchange: &interchangeInfo{AcknowledgmentRequestedCode: ic.ISA.Element(14), ControlNumber: isaCtl},
		FunctionalGroup: &groupInfo{ControlNumber: gsCtl, Date: isoDate(g.GS.Element(4)), Time: isoTime(g.GS.Element(5)),
			Release: g.GS.Element(8), FunctionalIdentifierCode: g.GS.Element(1)},
		Transaction: transactionInfo{ControlNumber: t.ST.Element(2), TransactionSetIdentifier: t.SetID},
		Sender:      &partyInfo{g.GS.Element(2), isaInfo{ic.ISA.Element(5), strings.TrimSpace(ic.ISA.Element(6))}},
		Receiver:    &partyInfo{g.GS.Element(3), isaInfo{ic.ISA.Element(7), strings.TrimSpace(ic.ISA.Element(8))}},
	}}
	if id := inboundSetting(p, t.SetID, g.GS.Element(8)); id != "" {
		info.TransactionSetting = &transactionSetting{TransactionSettingID: id}
	}
	return info
}

// inboundSetting finds the inbound transaction setting for a set and
// release, in a stable order when several match.
//
// Unconfirmed (stedi-api.md §8): what Stedi does with an inbound set that
// no transaction setting covers. The simulator processes it against the
// base X12 and leaves x12.transactionSetting out, rather than failing the
// file.
func inboundSetting(p Partnership, setID, release string) string {
	var ids []string
	for id, ts := range p.TransactionSettings {
		if ts.Direction == Inbound && ts.SetID == setID && (ts.Release == "" || ts.Release == release) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// isoDate turns CCYYMMDD into YYYY-MM-DD; other shapes pass through.
func isoDate(s string) string {
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}

// isoTime turns HHMM[SS] into HH:MM:SS; other shapes pass through.
func isoTime(s string) string {
	switch len(s) {
	case 4:
		return s[:2] + ":" + s[2:] + ":00"
	case 6, 7, 8:
		return s[:2] + ":" + s[2:4] + ":" + s[4:6]
	}
	return s
}
