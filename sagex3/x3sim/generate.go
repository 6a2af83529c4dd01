package x3sim

import (
	"fmt"
	"slices"
	"time"
)

// SeedPurchaseOrders adds n generated POs and returns their numbers. The
// data follows from Config.Seed and the order of calls, so a test run is
// repeatable; dates are relative to the simulator clock.
func (s *Server) SeedPurchaseOrders(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	numbers := make([]string, 0, n)
	for range n {
		p := s.generatePO(now)
		s.pos[p.Number] = p
		s.keys = append(s.keys, p.Number)
		numbers = append(numbers, p.Number)
	}
	slices.Sort(s.keys)
	return numbers
}

// generatePO builds one realistic PO; the caller holds the write lock.
func (s *Server) generatePO(now time.Time) *PO {
	sup := s.suppliers[s.rng.IntN(len(s.suppliers))]
	site := sites[s.rng.IntN(len(sites))]
	orderDate := now.AddDate(0, 0, -s.rng.IntN(21))
	p := &PO{
		Number:        s.nextNumber(site),
		Type:          1,
		Supplier:      sup.Code,
		SupplierName:  [2]string{sup.Name},
		Company:       company,
		OrderSite:     site,
		ReceivingSite: site,
		Buyer:         buyers[s.rng.IntN(len(buyers))],
		OrderDate:     orderDate.Format(time.DateOnly),
		Currency:      sup.Currency,
		PaymentTerms:  sup.PaymentTerms,
		InternalRef:   s.internalRef(),
	}
	p.UpdatedBy = p.Buyer // the buyer who entered it
	p.Lines = s.generateLines(sup, orderDate)
	p.ExpectedReceipt = earliestReceipt(p.Lines)
	p.normalize(now)
	return p
}

// nextNumber follows X3's usual "PO" + site + counter numbering, skipping
// numbers a test added by hand.
func (s *Server) nextNumber(site string) string {
	for {
		s.nextSeq[site]++
		num := fmt.Sprintf("PO%s%05d", site, s.nextSeq[site])
		if _, taken := s.pos[num]; !taken {
			return num
		}
	}
}

// internalRef is the requisition a buyer typed into ORDREF, when there is one.
func (s *Server) internalRef() string {
	if s.rng.IntN(10) < 4 {
		return ""
	}
	return fmt.Sprintf("REQ-%05d", 10000+s.rng.IntN(90000))
}

func (s *Server) generateLines(sup Supplier, orderDate time.Time) []POLine {
	var catalog []Item
	for _, it := range s.items {
		if it.Supplier == sup.Code {
			catalog = append(catalog, it)
		}
	}
	n := 1 + s.rng.IntN(min(6, len(catalog)))
	lines := make([]POLine, 0, n)
	for i, pick := range s.rng.Perm(len(catalog))[:n] {
		it := catalog[pick]
		gross := priceWithJitter(it.Price, s.rng.Float64())
		lines = append(lines, POLine{
			Line:            (i + 1) * 1000,
			Seq:             1,
			Item:            it.Code,
			Description:     it.Description,
			SupplierItem:    it.SupplierItem,
			Unit:            it.Unit,
			Quantity:        s.quantityFor(it),
			GrossPrice:      gross,
			NetPrice:        s.netPrice(gross),
			ExpectedReceipt: orderDate.AddDate(0, 0, sup.LeadDays+s.rng.IntN(8)).Format(time.DateOnly),
			Status:          1,
			AckFlag:         menuNo,
		})
	}
	return lines
}

// quantityFor picks a quantity a buyer would order: cheap parts by the
// hundred, modules by the ten, packs and cases by the unit.
func (s *Server) quantityFor(it Item) float64 {
	switch {
	case it.Unit != "EA":
		return float64(1 + s.rng.IntN(40))
	case it.Price < 1:
		return float64(100 * (5 + s.rng.IntN(46)))
	case it.Price < 20:
		return float64(10 * (1 + s.rng.IntN(50)))
	default:
		return float64(1 + s.rng.IntN(50))
	}
}

// priceWithJitter moves a list price by up to ±3 %, keeping 4 decimals for
// sub-dollar parts as distributors quote them.
func priceWithJitter(list, r float64) float64 {
	p := list * (0.97 + 0.06*r)
	if p < 1 {
		return round4(p)
	}
	return round2(p)
}

// netPrice applies the occasional volume discount.
func (s *Server) netPrice(gross float64) float64 {
	discount := [...]float64{0, 0, 0, 0, 0, 0, 0.02, 0.02, 0.05, 0.05}[s.rng.IntN(10)]
	if gross < 1 {
		return round4(gross * (1 - discount))
	}
	return round2(gross * (1 - discount))
}

func earliestReceipt(lines []POLine) string {
	earliest := ""
	for _, l := range lines {
		if earliest == "" || l.ExpectedReceipt < earliest {
			earliest = l.ExpectedReceipt
		}
	}
	return earliest
}
