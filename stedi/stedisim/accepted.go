package stedisim

import (
	"encoding/json"
	"maps"
	"slices"
	"sync"
	"time"
)

// Accepted is one transaction the simulator accepted and "delivered".
type Accepted struct {
	IdempotencyKey       string
	PartnershipID        string
	TransactionSettingID string
	SetID                string
	DocumentNumber       string // BEG03 for an 850, BIG02 for an 810, BCH03 for an 860
	Purpose              string // BEG01 for an 850, BIG08 for an 810, BCH01 for an 860
	EDI                  string // the whole interchange it went out in
	FileExecutionID      string
	At                   time.Time
	Transaction          json.RawMessage // the Guide JSON as received
}

// acceptedLog keeps every accepted transaction, in order.
type acceptedLog struct {
	mu    sync.Mutex
	list  []Accepted
	byDoc map[string]int
}

func (l *acceptedLog) add(as ...Accepted) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byDoc == nil {
		l.byDoc = map[string]int{}
	}
	for _, a := range as {
		l.list = append(l.list, a)
		l.byDoc[a.DocumentNumber]++
	}
}

// Accepted returns a copy of every accepted transaction, oldest first. A
// replayed request adds nothing; a request whose answer was lost after the
// simulator committed it is included.
func (s *Server) Accepted() []Accepted {
	s.accepted.mu.Lock()
	defer s.accepted.mu.Unlock()
	return slices.Clone(s.accepted.list)
}

// AcceptedCount is len(Accepted()) without the copy.
func (s *Server) AcceptedCount() int {
	s.accepted.mu.Lock()
	defer s.accepted.mu.Unlock()
	return len(s.accepted.list)
}

// CountByDocument maps each DocumentNumber (PO number, invoice number) to
// how many times it was accepted, so a test can assert that every document
// arrived exactly once.
func (s *Server) CountByDocument() map[string]int {
	s.accepted.mu.Lock()
	defer s.accepted.mu.Unlock()
	return maps.Clone(s.accepted.byDoc)
}
