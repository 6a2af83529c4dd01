package x3sim

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Receipt is a purchase receipt: PRECEIPT [PTH] with its PRECEIPTD [PTD]
// lines, as GraphQL's purchaseReceipt.create makes it.
type Receipt struct {
	Number      string // PTHNUM, assigned by X3
	Site        string // PRHFCY
	Date        string // RCPDAT, YYYY-MM-DD
	Supplier    string // BPSNUM
	PackingSlip string // BPSNDE (A*20): the supplier's packing slip number
	Created     time.Time
	CreatedBy   string
	Lines       []ReceiptLine
}

// ReceiptLine receives a quantity of one PO line.
type ReceiptLine struct {
	Line     int    // PTDLIN
	PO       string // POHNUM
	POLine   int    // POPLIN
	Item     string // ITMREF
	Unit     string // UOM, the receipt unit
	Quantity float64
}

// Shipment is an inbound shipment (function GESSHIP) against PO lines, as
// a configured site's shipment operation creates it.
type Shipment struct {
	ID           string // the shipment number: the creator's (GraphQL), or X3's (api1, SHIPNUM)
	Reference    string // api1: BPSNDE, the supplier's shipment number
	Supplier     string
	Site         string
	ShipDate     string
	Expected     string
	Carrier      string
	Tracking     string
	BillOfLading string
	Created      time.Time
	CreatedBy    string
	Lines        []ShipmentLine
}

// ShipmentLine ships a quantity of one PO line.
type ShipmentLine struct {
	PO       string
	POLine   int
	POSeq    int
	Item     string
	Unit     string
	Quantity float64
}

// inboundBook keeps the receipts and shipments the GraphQL mutations made.
type inboundBook struct {
	mu        sync.RWMutex
	receipts  []Receipt
	shipments map[string]Shipment
	order     []string // shipment IDs in creation order
}

// Receipts returns the purchase receipts made so far, oldest first.
func (s *Server) Receipts() []Receipt {
	s.inbound.mu.RLock()
	defer s.inbound.mu.RUnlock()
	return slices.Clone(s.inbound.receipts)
}

// Shipments returns the inbound shipments made so far, oldest first.
func (s *Server) Shipments() []Shipment {
	s.inbound.mu.RLock()
	defer s.inbound.mu.RUnlock()
	out := make([]Shipment, 0, len(s.inbound.order))
	for _, id := range s.inbound.order {
		out = append(out, s.inbound.shipments[id])
	}
	return out
}

// Received is the quantity of one PO line received so far.
func (s *Server) Received(po string, line int) float64 {
	s.inbound.mu.RLock()
	defer s.inbound.mu.RUnlock()
	total := 0.0
	for _, r := range s.inbound.receipts {
		for _, l := range r.Lines {
			if l.PO == po && l.POLine == line {
				total += l.Quantity
			}
		}
	}
	return round4(total)
}

// checkAgainstPO checks that a receipt or shipment line names a line of an
// open PO of the supplier, in its order unit (the simulator converts no
// units) and for a positive quantity.
func (s *Server) checkAgainstPO(supplier, po string, line int, unit string, qty float64) error {
	s.mu.RLock()
	p := s.pos[po]
	s.mu.RUnlock()
	switch {
	case p == nil:
		return fmt.Errorf("purchase order %s does not exist", po)
	case p.Supplier != supplier:
		return fmt.Errorf("purchase order %s is for supplier %s, not %s", po, p.Supplier, supplier)
	case qty <= 0:
		return fmt.Errorf("purchase order %s line %d: the quantity must be positive", po, line)
	}
	i := slices.IndexFunc(p.Lines, func(l POLine) bool { return l.Line == line })
	switch {
	case i < 0:
		return fmt.Errorf("purchase order %s has no line %d", po, line)
	case unit != "" && unit != p.Lines[i].Unit:
		return fmt.Errorf("purchase order %s line %d is ordered in %s, not %s", po, line, p.Lines[i].Unit, unit)
	case p.Lines[i].Closed == menuYes:
		return fmt.Errorf("purchase order %s line %d is closed", po, line)
	}
	return nil
}

// AddReceipt stores a receipt after checking it, numbering it as X3 does
// (the GraphQL purchaseReceipt.create and ReceiveInFull make receipts).
func (s *Server) AddReceipt(r Receipt) (Receipt, error) {
	if len(r.PackingSlip) > 20 {
		return r, fmt.Errorf("supplierPackingSlip is longer than 20 characters")
	}
	for _, l := range r.Lines {
		if err := s.checkAgainstPO(r.Supplier, l.PO, l.POLine, l.Unit, l.Quantity); err != nil {
			return r, err
		}
	}
	s.inbound.mu.Lock()
	r.Number = fmt.Sprintf("PTH%s%06d", r.Site, len(s.inbound.receipts)+1)
	s.inbound.receipts = append(s.inbound.receipts, r)
	s.inbound.mu.Unlock()
	for _, po := range receiptPOs(r) {
		s.settleReceipts(po) // closure.go: lines received in full close by receipt
	}
	return r, nil
}

// receiptPOs lists the POs a receipt receives, each once.
func receiptPOs(r Receipt) []string {
	var pos []string
	for _, l := range r.Lines {
		if !slices.Contains(pos, l.PO) {
			pos = append(pos, l.PO)
		}
	}
	return pos
}

// AddShipment stores a shipment; its ID must be new.
func (s *Server) AddShipment(sh Shipment) (Shipment, error) {
	for _, l := range sh.Lines {
		if err := s.checkAgainstPO(sh.Supplier, l.PO, l.POLine, l.Unit, l.Quantity); err != nil {
			return sh, err
		}
	}
	s.inbound.mu.Lock()
	defer s.inbound.mu.Unlock()
	if _, dup := s.inbound.shipments[sh.ID]; dup {
		return sh, fmt.Errorf("shipment %s already exists", sh.ID)
	}
	if s.inbound.shipments == nil {
		s.inbound.shipments = map[string]Shipment{}
	}
	s.inbound.shipments[sh.ID] = sh
	s.inbound.order = append(s.inbound.order, sh.ID)
	return sh, nil
}

// Shipment returns the shipment with this ID, made over api1 or GraphQL.
func (s *Server) Shipment(id string) (Shipment, bool) {
	s.inbound.mu.RLock()
	defer s.inbound.mu.RUnlock()
	sh, ok := s.inbound.shipments[id]
	return sh, ok
}
