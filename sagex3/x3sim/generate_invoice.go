package x3sim

import (
	"fmt"
	"time"
)

// SeedSupplierInvoices adds up to n generated supplier invoices and returns
// their numbers. They are what a distributor on evaluated receipt
// settlement issues to its suppliers: a self-billing invoice (PIHTYP 1) for
// each received PO, taken in key order among the POs not yet invoiced, and
// every fourth document a credit memo for a return (PIHTYP 4) against the
// PO invoiced just before. Fewer than n come back when the POs run out.
func (s *Server) SeedSupplierInvoices(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invoices.ready()
	now := s.Now()
	var numbers []string
	var last *PO
	for i := 0; i < n; i++ {
		var inv *Invoice
		if i%4 == 3 && last != nil {
			inv = s.creditMemo(last, now)
		} else {
			po := s.nextUninvoiced()
			if po == nil {
				break
			}
			inv, last = s.selfBillingInvoice(po, now), po
			s.invoices.billed[po.Number] = true
		}
		inv.normalize(now)
		s.invoices.put(inv)
		numbers = append(numbers, inv.Number)
	}
	return numbers
}

// nextUninvoiced returns the first PO, in key order, that no seeded
// invoice covers; the caller holds the write lock.
func (s *Server) nextUninvoiced() *PO {
	for _, num := range s.keys {
		if !s.invoices.billed[num] {
			return s.pos[num]
		}
	}
	return nil
}

// selfBillingInvoice invoices every line of po as ordered and received.
func (s *Server) selfBillingInvoice(po *PO, now time.Time) *Invoice {
	inv := s.invoiceHeader(po, InvoiceTypeInvoice, fmt.Sprintf("PS-%05d", 10000+s.rng.IntN(90000)), now)
	for _, l := range po.Lines {
		inv.Lines = append(inv.Lines, InvoiceLine{Item: l.Item, Description: l.Description, Unit: l.Unit,
			Quantity: l.Quantity, NetPrice: l.NetPrice, PO: po.Number, POLine: l.Line, POSeq: l.Seq})
	}
	return inv
}

// creditMemo credits part of po's first line back, as for a return.
func (s *Server) creditMemo(po *PO, now time.Time) *Invoice {
	inv := s.invoiceHeader(po, InvoiceTypeCreditRet, fmt.Sprintf("RMA-%05d", 10000+s.rng.IntN(90000)), now)
	l := po.Lines[0]
	qty := max(1, float64(int(l.Quantity/10)))
	inv.Lines = []InvoiceLine{{Item: l.Item, Description: l.Description, Unit: l.Unit,
		Quantity: qty, NetPrice: l.NetPrice, PO: po.Number, POLine: l.Line, POSeq: l.Seq}}
	return inv
}

func (s *Server) invoiceHeader(po *PO, typ int, doc string, now time.Time) *Invoice {
	site := po.ReceivingSite
	date := now.Format(time.DateOnly)
	return &Invoice{
		Number: s.nextInvoiceNumber(site), Type: typ,
		Supplier: po.Supplier, SupplierDoc: doc, SupplierDocDate: date, AccountingDate: date,
		Currency: po.Currency, PaymentTerms: po.PaymentTerms, Site: site, Company: po.Company,
		Status: InvoiceValidated, UpdatedBy: po.Buyer,
	}
}

// nextInvoiceNumber follows X3's "PI" + site + counter numbering, skipping
// numbers a test added by hand.
func (s *Server) nextInvoiceNumber(site string) string {
	for {
		s.invoices.nextSeq[site]++
		num := fmt.Sprintf("PI%s%05d", site, s.invoices.nextSeq[site])
		if _, taken := s.invoices.byNum[num]; !taken {
			return num
		}
	}
}
