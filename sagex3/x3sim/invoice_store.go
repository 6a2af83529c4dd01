package x3sim

import "slices"

// invoiceBook holds the supplier invoices; Server.mu guards it. Its zero
// value is ready to use.
type invoiceBook struct {
	byNum   map[string]*Invoice // never changed in place: writers store a clone
	keys    []string            // NUM ascending, for key-ordered paging
	nextSeq map[string]int      // next invoice sequence number per site
	billed  map[string]bool     // POHNUM already invoiced by SeedSupplierInvoices
}

// ready makes the maps on first use; the caller holds the write lock.
func (b *invoiceBook) ready() {
	if b.byNum == nil {
		b.byNum, b.nextSeq, b.billed = map[string]*Invoice{}, map[string]int{}, map[string]bool{}
	}
}

// put stores inv; the caller holds the write lock.
func (b *invoiceBook) put(inv *Invoice) {
	b.ready()
	if _, exists := b.byNum[inv.Number]; !exists {
		i, _ := slices.BinarySearch(b.keys, inv.Number)
		b.keys = slices.Insert(b.keys, i, inv.Number)
	}
	b.byNum[inv.Number] = inv
}

// AddSupplierInvoice stores inv, replacing any invoice with the same
// number. Unset defaults are filled as X3 would (type 1 invoice, status 3
// validated, PIDLIN 1, 2, …, stamps = now) and the amounts are recomputed.
// It panics when inv has no Number: that is a test bug.
func (s *Server) AddSupplierInvoice(inv Invoice) {
	if inv.Number == "" {
		panic("x3sim: AddSupplierInvoice needs a Number (NUM)")
	}
	c := inv.clone()
	c.normalize(s.Now())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invoices.put(c)
}

// UpdateSupplierInvoice changes an invoice as a user in X3 would: fn edits
// a copy, then amounts are recomputed and UPDDATTIM moves to now. fn cannot
// change the number. It reports whether the invoice exists.
func (s *Server) UpdateSupplierInvoice(num string, fn func(*Invoice)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	current := s.invoices.byNum[num]
	if current == nil {
		return false
	}
	next := current.clone()
	fn(next)
	next.Number = num
	next.normalize(s.Now())
	next.Updated = s.Now()
	s.invoices.put(next)
	return true
}

// TouchInvoice moves an invoice's UPDDATTIM to now without changing its
// content. It reports whether the invoice exists.
func (s *Server) TouchInvoice(num string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	current := s.invoices.byNum[num]
	if current == nil {
		return false
	}
	next := current.clone()
	next.Updated = s.Now()
	s.invoices.put(next)
	return true
}

// SupplierInvoice returns a deep copy of one invoice.
func (s *Server) SupplierInvoice(num string) (Invoice, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	inv := s.invoices.byNum[num]
	if inv == nil {
		return Invoice{}, false
	}
	return *inv.clone(), true
}

// SupplierInvoiceNumbers returns every NUM in key order.
func (s *Server) SupplierInvoiceNumbers() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.invoices.keys)
}
