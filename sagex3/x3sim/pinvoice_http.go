package x3sim

import (
	"net/http"
	"time"
)

// invoiceSchema is what PINVOICE's $query facet exposes to where and orderBy.
var invoiceSchema = schema[Invoice]{
	keyName: "NUM",
	key:     func(inv *Invoice) string { return inv.Number },
	properties: map[string]Property[Invoice]{
		"NUM":       StringProp(func(inv *Invoice) string { return inv.Number }),
		"PIHTYP":    NumberProp(func(inv *Invoice) float64 { return float64(inv.Type) }),
		"BPR":       StringProp(func(inv *Invoice) string { return inv.Supplier }),
		"BPRVCR":    StringProp(func(inv *Invoice) string { return inv.SupplierDoc }),
		"BPRDAT":    DateProp(func(inv *Invoice) string { return inv.SupplierDocDate }),
		"ACCDAT":    DateProp(func(inv *Invoice) string { return inv.AccountingDate }),
		"CUR":       StringProp(func(inv *Invoice) string { return inv.Currency }),
		"AMTNOT":    NumberProp(func(inv *Invoice) float64 { return inv.AmountExTax }),
		"AMTATI":    NumberProp(func(inv *Invoice) float64 { return inv.AmountIncTax }),
		"FCY":       StringProp(func(inv *Invoice) string { return inv.Site }),
		"CPY":       StringProp(func(inv *Invoice) string { return inv.Company }),
		"STA":       NumberProp(func(inv *Invoice) float64 { return float64(inv.Status) }),
		"CREDATTIM": DateTimeProp(func(inv *Invoice) time.Time { return inv.Created }),
		"UPDDATTIM": DateTimeProp(func(inv *Invoice) time.Time { return inv.Updated }),
		"UPDDAT":    DateProp(func(inv *Invoice) string { return formatDate(inv.Updated) }),
	},
}

func (s *Server) queryInvoices(w http.ResponseWriter, r *http.Request, rt route, _ *representation) {
	serveFeed(w, r, rt, invoiceSchema, func(fr feedRequest[Invoice]) ([]*Invoice, bool) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return fr.run(s.invoices.keys, s.invoices.byNum)
	}, s.invoiceQueryRow)
}

func (s *Server) detailsInvoice(w http.ResponseWriter, rt route, rep *representation) {
	s.mu.RLock()
	inv := s.invoices.byNum[rt.key]
	s.mu.RUnlock()
	if inv == nil {
		writeError(w, recordNotFound("PINVOICE", rt.key))
		return
	}
	writeJSON(w, http.StatusOK, rep.render(s.invoiceColumns(inv)))
}
