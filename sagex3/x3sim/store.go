package x3sim

import "slices"

// AddPurchaseOrder stores po, replacing any PO with the same number. Unset
// defaults are filled as X3 would on creation (line numbers 1000, 2000, …,
// POQSEQ 1, LINSTA 1, LINOCNFLG 1 = No, stamps = now) and the amounts are
// recomputed. It panics when po has no Number: that is a test bug.
func (s *Server) AddPurchaseOrder(po PO) {
	if po.Number == "" {
		panic("x3sim: AddPurchaseOrder needs a Number (POHNUM)")
	}
	p := po.clone()
	p.normalize(s.Now())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.put(p)
}

// UpdatePurchaseOrder changes a PO's content as a user in X3 would: fn edits
// a copy, then amounts are recomputed and UPDDATTIM moves to now. fn cannot
// change the number. It reports whether the PO exists.
func (s *Server) UpdatePurchaseOrder(num string, fn func(*PO)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	current := s.pos[num]
	if current == nil {
		return false
	}
	next := current.clone()
	fn(next)
	next.Number = num
	next.normalize(s.Now())
	next.Updated = s.Now()
	s.pos[num] = next
	return true
}

// Touch moves a PO's UPDDATTIM to now without changing its content, as X3
// does when a record is saved unchanged. It reports whether the PO exists.
func (s *Server) Touch(num string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	current := s.pos[num]
	if current == nil {
		return false
	}
	next := current.clone()
	next.Updated = s.Now()
	s.pos[num] = next
	return true
}

// LockPurchaseOrder makes $edit on num fail with 409 and a "Transient"
// diagnosis, as when a user has the record open in X3, until unlock is
// called.
func (s *Server) LockPurchaseOrder(num, byUser string) (unlock func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.locks[num] = byUser
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.locks, num)
	}
}

// PurchaseOrder returns a deep copy of one PO.
func (s *Server) PurchaseOrder(num string) (PO, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p := s.pos[num]
	if p == nil {
		return PO{}, false
	}
	return *p.clone(), true
}

// PurchaseOrderNumbers returns every POHNUM in key order.
func (s *Server) PurchaseOrderNumbers() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.keys)
}

// Count returns how many POs the simulator holds.
func (s *Server) Count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.keys)
}

// Writes returns every $edit received so far, oldest first.
func (s *Server) Writes() []Write {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Write, len(s.writes))
	for i, w := range s.writes {
		w.Patch = slices.Clone(w.Patch)
		out[i] = w
	}
	return out
}

// Suppliers returns the suppliers in key order.
func (s *Server) Suppliers() []Supplier {
	return slices.Clone(s.suppliers)
}

// Items returns the articles the generated POs are made of.
func (s *Server) Items() []Item {
	return slices.Clone(s.items)
}

// put stores p; the caller holds the write lock. A new number is inserted
// into the sorted key list (O(n) copy, fine for single adds; bulk seeding
// appends and sorts once instead).
func (s *Server) put(p *PO) {
	if _, exists := s.pos[p.Number]; !exists {
		i, _ := slices.BinarySearch(s.keys, p.Number)
		s.keys = slices.Insert(s.keys, i, p.Number)
	}
	s.pos[p.Number] = p
}
