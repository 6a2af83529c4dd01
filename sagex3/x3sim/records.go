package x3sim

// Reads for the GraphQL API (package x3gql). The records they return are
// the stored ones, shared, not copies: writers store a changed clone and
// never change a record in place, so a reader may keep one, and must
// never modify it. Each read takes the lock its book is guarded by.

// StoredPurchaseOrder is the stored PO with this number, nil when none.
func (s *Server) StoredPurchaseOrder(num string) *PO {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.pos[num]
}

// SelectPurchaseOrders lists the stored POs that match, in key (POHNUM)
// order; match runs under the read lock.
func (s *Server) SelectPurchaseOrders(match func(*PO) bool) []*PO {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*PO
	for _, k := range s.keys {
		if p := s.pos[k]; match(p) {
			out = append(out, p)
		}
	}
	return out
}

// StoredSupplierInvoice is the stored invoice with this number, nil when
// none.
func (s *Server) StoredSupplierInvoice(num string) *Invoice {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.invoices.byNum[num]
}

// SelectSupplierInvoices lists the stored invoices that match, in key
// (NUM) order; match runs under the read lock.
func (s *Server) SelectSupplierInvoices(match func(*Invoice) bool) []*Invoice {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*Invoice
	for _, k := range s.invoices.keys {
		if inv := s.invoices.byNum[k]; match(inv) {
			out = append(out, inv)
		}
	}
	return out
}

// SelectReceipts lists the stored purchase receipts that match, oldest
// first; match runs under the receipts' read lock.
func (s *Server) SelectReceipts(match func(*Receipt) bool) []*Receipt {
	s.inbound.mu.RLock()
	defer s.inbound.mu.RUnlock()
	var out []*Receipt
	for i := range s.inbound.receipts {
		if r := &s.inbound.receipts[i]; match(r) {
			out = append(out, r)
		}
	}
	return out
}
