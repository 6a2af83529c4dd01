package stedisim

import (
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/x12"
)

// FABehavior is how a simulated partner's translator acknowledges the
// functional groups it receives with 997s.
type FABehavior int

const (
	// FANone sends no 997 (the zero value: a partner sends them only when
	// its profile says how).
	FANone FABehavior = iota
	// FAAccept accepts every set (AK5 A, AK9 A).
	FAAccept
	// FAWithErrors accepts every set but notes an error in its first N1
	// segment (AK5 E with an AK3 and an AK4).
	FAWithErrors
	// FARejectFirst rejects the first set the partner receives (its first
	// PO1 or IT1: AK5 R with an AK3 and an AK4 naming the unit) and
	// accepts the rest; it sends no 855 or 856 for what it rejected.
	FARejectFirst
	// FAReject rejects every set, and answers none of them.
	FAReject
)

// Set statuses a 997 gives (element 717).
const (
	faAccepted   = "A"
	faWithErrors = "E"
	faRejected   = "R"
)

// functionalAck writes the partner's 997 for one interchange it received
// (the X12 Stedi rendered): one per functional group, AK1 and AK2 quoting
// the group's GS01/GS06 and each set's ST01/ST02. It returns the 997s and
// the document numbers (BEG03, BIG02) of the sets it rejected.
func (d *partnerDesk) functionalAck(pid string, p PartnerProfile, edi string) ([]x12.Transaction, map[string]bool) {
	rejected := map[string]bool{}
	var out []x12.Transaction
	for _, ic := range interchanges(edi) {
		for _, g := range ic.Groups {
			out = append(out, d.groupAck(pid, p, g, rejected))
		}
	}
	return out, rejected
}

func (d *partnerDesk) groupAck(pid string, p PartnerProfile, g x12.Group, rejected map[string]bool) x12.Transaction {
	ak1 := []string{g.GS.Element(1), g.GS.Element(6)}
	if strings.HasPrefix(g.GS.Element(8), "005") {
		ak1 = append(ak1, g.GS.Element(8)) // AK103 exists from 005010
	}
	body := []x12.Segment{seg("AK1", ak1...)}
	accepted := 0
	for _, t := range g.Sets {
		status := d.setStatus(pid, p)
		body = append(body, seg("AK2", t.ST.Element(1), t.ST.Element(2)))
		body = append(body, setNotes(t, status)...)
		switch status {
		case faRejected:
			body = append(body, seg("AK5", faRejected, "5")) // 5: one or more segments in error
			rejected[documentNumber(t)] = true
		default:
			body = append(body, seg("AK5", status))
			accepted++
		}
	}
	groupStatus := faAccepted
	switch {
	case accepted == 0:
		groupStatus = faRejected
	case accepted < len(g.Sets):
		groupStatus = "P" // partially accepted
	}
	n := strconv.Itoa(len(g.Sets))
	body = append(body, seg("AK9", groupStatus, n, n, strconv.Itoa(accepted)))
	return x12.Transaction{SetID: "997", Body: body}
}

// setStatus is the partner's verdict on the next set it receives.
func (d *partnerDesk) setStatus(pid string, p PartnerProfile) string {
	d.received[pid]++
	switch {
	case p.FA == FAReject, p.FA == FARejectFirst && d.received[pid] == 1:
		return faRejected
	case p.FA == FAWithErrors:
		return faWithErrors
	}
	return faAccepted
}

// setNotes are the AK3/AK4 of a set: for a rejection the unit of its
// first line (PO103, IT103: code 7, invalid code value), for errors noted
// the name of its first party (N102: code 5, too long). Positions count
// from ST, which is 1.
func setNotes(t x12.Transaction, status string) []x12.Segment {
	ids, elem, ref, code := []string{"PO1", "IT1"}, 3, "355", "7"
	if status == faWithErrors {
		ids, elem, ref, code = []string{"N1"}, 2, "93", "5"
	}
	if status == faAccepted {
		return nil
	}
	for i, s := range t.Body {
		for _, id := range ids {
			if s.ID == id {
				return []x12.Segment{seg("AK3", s.ID, strconv.Itoa(i+2), s.ID, "8"),
					seg("AK4", strconv.Itoa(elem), ref, code, s.Element(elem))}
			}
		}
	}
	return []x12.Segment{seg("AK3", "ST", "1", "", "8")}
}

// interchanges parses the interchanges of a file Stedi rendered, which
// holds one per transaction group, one after the other.
func interchanges(edi string) []*x12.Interchange {
	var out []*x12.Interchange
	for len(edi) > 106 && strings.HasPrefix(edi, "ISA") {
		term := edi[105:106]
		end := strings.Index(edi, term+"ISA")
		chunk := edi
		if end >= 0 {
			chunk, edi = edi[:end+1], edi[end+1:]
		} else {
			edi = ""
		}
		if ic, err := x12.Parse([]byte(chunk)); err == nil {
			out = append(out, ic)
		}
	}
	return out
}

// acknowledge files the 997s owed for the sets of one accepted request,
// due after the partner's translator delay, and returns the document
// numbers of the sets it rejected.
func (d *partnerDesk) acknowledge(as []Accepted) map[string]bool {
	a := as[0] // one request: one partnership, one file
	p, ok := d.profiles[a.PartnershipID]
	if !ok || p.FA == FANone {
		return nil
	}
	sets, rejected := d.functionalAck(a.PartnershipID, p, a.EDI)
	for _, set := range sets {
		d.seq++
		due := a.At.Add(d.delays.fa)
		d.owed = append(d.owed, answer{due: due, seq: d.seq, kind: answerFA,
			fa: &partnerDoc{partnershipID: a.PartnershipID, usage: usageOf(a.EDI), at: due, set: set}})
	}
	return rejected
}
