package stedisim

import (
	"cmp"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// answerKind is what a scheduled partner answer produces.
type answerKind int

const (
	answerAck      answerKind = iota // the 855
	answerShipHalf                   // the first of two 856s
	answerShipRest                   // an 856 with everything not yet shipped
	answerFA                         // a 997 (fa997.go), written when the file arrived
)

// answer is one document a partner owes, due at a time on the simulator
// clock. rev ties it to the order revision it answers: a replacement 850
// makes the answers still owed for the old one stale.
type answer struct {
	due  time.Time
	seq  int64
	kind answerKind
	po   *poState
	rev  int
	fa   *partnerDoc // answerFA only
}

// poState is a partner's memory of one purchase order: the latest revision
// received, the decisions about its lines, and what has been shipped, so
// a replacement ships only what is still missing. The 850 is read when the
// first answer falls due, not when it arrives, which keeps generate-edi as
// fast as before for callers that never let partners answer.
type poState struct {
	latest    Accepted
	profile   PartnerProfile
	rev       int
	read      bool // order and decisions are those of latest
	order     order
	decisions []lineDecision
	shipped   map[string]float64 // by PO101
	shipments int
	changes   []Accepted // 860s (BCH01 04) received since latest, applied in order
}

// prepare reads the latest revision once; false if it cannot be read.
func (st *poState) prepare() bool {
	if st.read {
		return true
	}
	o, err := readOrder(st.latest)
	for _, c := range st.changes {
		if err == nil {
			err = o.apply(c) // change.go
		}
	}
	if err != nil {
		return false // a partner cannot answer what it cannot read
	}
	st.order, st.decisions, st.read = o, decide(o, st.profile, st.latest.At), true
	return true
}

// delays are when partners answer, after the 850 was accepted.
type delays struct {
	ack, ship, second, fa time.Duration
}

// partnerDesk is every simulated partner: profiles, the orders they hold,
// the answers they owe and the numbers they hand out.
type partnerDesk struct {
	delays delays

	mu       sync.Mutex
	profiles map[string]PartnerProfile
	orders   map[string]*poState // by partnership id + "\x00" + PO number
	owed     []answer
	seq      int64
	control  map[string]int64 // last interchange control number per partnership
	cartons  int64            // serial of SSCCs and tracking numbers
	bills    int64            // serial of bills of lading
	received map[string]int   // sets received per partnership, for FARejectFirst
}

func newPartnerDesk(d delays) *partnerDesk {
	return &partnerDesk{delays: d, profiles: map[string]PartnerProfile{},
		orders: map[string]*poState{}, control: map[string]int64{}, received: map[string]int{}}
}

// partnerDoc is one document a partner is about to send.
type partnerDoc struct {
	partnershipID string
	usage         byte
	at            time.Time
	set           x12.Transaction
}

// receive files the answers owed for newly accepted 850s.
func (d *partnerDesk) receive(as []Accepted) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(as) == 0 {
		return
	}
	rejected := d.acknowledge(as) // fa997.go: the 997s, and what they refuse
	for _, a := range as {
		if rejected[a.DocumentNumber] {
			continue
		}
		key := a.PartnershipID + "\x00" + a.DocumentNumber
		switch {
		case a.SetID != "850" && a.SetID != "860":
		case a.Purpose == purposeCancel:
			d.cancel(key) // change.go
		case a.SetID == "860":
			d.change(key, a)
		default:
			d.order(key, a)
		}
	}
}

// order takes an 850 (original or replacement) and schedules its answers;
// a replacement makes those owed for the earlier revision stale.
func (d *partnerDesk) order(key string, a Accepted) {
	st := d.orders[key]
	if st == nil {
		st = &poState{shipped: map[string]float64{}}
		d.orders[key] = st
	}
	p, ok := d.profiles[a.PartnershipID]
	if !ok {
		p = PartnerProfile{}.withDefaults()
	}
	st.rev++
	st.latest, st.profile, st.read, st.changes = a, p, false, nil
	d.schedule(st, a.At)
}

func (d *partnerDesk) schedule(st *poState, at time.Time) {
	at = at.Add(st.profile.Slow)
	owe := func(kind answerKind, after time.Duration) {
		d.seq++
		d.owed = append(d.owed, answer{due: at.Add(after), seq: d.seq, kind: kind, po: st, rev: st.rev})
	}
	if st.profile.Ack != AckNone {
		owe(answerAck, d.delays.ack)
	}
	switch st.profile.Ship {
	case ShipFull:
		owe(answerShipRest, d.delays.ship)
	case ShipPartial:
		owe(answerShipHalf, d.delays.ship)
		owe(answerShipRest, max(d.delays.second, d.delays.ship)) // never before the first

	}
}

// takeDue removes the answers due at now and writes their documents, in
// due order.
func (d *partnerDesk) takeDue(now time.Time) []partnerDoc {
	d.mu.Lock()
	defer d.mu.Unlock()
	slices.SortFunc(d.owed, func(a, b answer) int {
		return cmp.Or(a.due.Compare(b.due), cmp.Compare(a.seq, b.seq))
	})
	n := 0
	for n < len(d.owed) && !d.owed[n].due.After(now) {
		n++
	}
	due := slices.Clone(d.owed[:n])
	d.owed = slices.Delete(d.owed, 0, n)
	var docs []partnerDoc
	for _, a := range due {
		if a.kind == answerFA {
			docs = append(docs, *a.fa)
			continue
		}
		if a.rev != a.po.rev || !a.po.prepare() {
			continue
		}
		if set, ok := d.write(a); ok {
			docs = append(docs, partnerDoc{partnershipID: a.po.order.partnershipID, usage: a.po.order.usage, at: a.due, set: set})
		}
	}
	return docs
}

func (d *partnerDesk) write(a answer) (x12.Transaction, bool) {
	if a.kind == answerAck {
		return a.po.acknowledgment(a.due).Transaction(), true
	}
	n, ok := d.shipment(a.po, a.kind == answerShipHalf, a.due)
	return n.Transaction(), ok
}

// nextControl reserves the partner's next interchange control number.
func (d *partnerDesk) nextControl(partnershipID string) int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.control[partnershipID] = d.control[partnershipID]%maxControlNumber + 1
	return d.control[partnershipID]
}

// ProcessDue turns every partner answer due at the simulator clock into
// inbound transactions, oldest due first, as if the partner had sent the
// file and Stedi had processed it, and queues their webhook events. It
// returns the ids of the transactions stored. Tests call it after moving
// their clock; Start calls it on a timer.
func (s *Server) ProcessDue() ([]string, error) {
	s.inboundMu.Lock()
	defer s.inboundMu.Unlock()
	var ids []string
	var evs []*event
	var errs []error
	for _, d := range s.desk.takeDue(s.now()) {
		p, _ := s.partnership(d.partnershipID) // partnerships are never removed
		file, err := s.renderPartnerFile(d.partnershipID, p.Partnership, d.usage, d.at, d.set)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got, ev, err := s.processInbound(d.partnershipID, p.Partnership, file)
		ids, evs = append(ids, got...), append(evs, ev...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	s.hooks.enqueue(evs...)
	return ids, errors.Join(errs...)
}
