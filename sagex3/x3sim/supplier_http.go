package x3sim

import "net/http"

// supplierSchema is what BPSUPPLIER's $query facet exposes.
var supplierSchema = schema[Supplier]{
	keyName: "BPSNUM",
	key:     func(s *Supplier) string { return s.Code },
	properties: map[string]Property[Supplier]{
		"BPSNUM": StringProp(func(s *Supplier) string { return s.Code }),
		"BPSNAM": StringProp(func(s *Supplier) string { return s.Name }),
		"BPSSHO": StringProp(func(s *Supplier) string { return s.ShortName }),
		"CUR":    StringProp(func(s *Supplier) string { return s.Currency }),
		"ENAFLG": NumberProp(func(s *Supplier) float64 { return float64(yesNo(s.Active)) }),
		"CRY":    StringProp(func(s *Supplier) string { return s.Country }),
	},
}

// supplierTable indexes the suppliers, which never change after New, for
// the generic feed code.
type supplierTable struct {
	keys []string
	rows map[string]*Supplier
}

func newSupplierTable(suppliers []Supplier) supplierTable {
	t := supplierTable{rows: make(map[string]*Supplier, len(suppliers))}
	for i := range suppliers {
		t.keys = append(t.keys, suppliers[i].Code)
		t.rows[suppliers[i].Code] = &suppliers[i]
	}
	return t
}

func (s *Server) querySuppliers(w http.ResponseWriter, r *http.Request, rt route, _ *representation) {
	serveFeed(w, r, rt, supplierSchema, func(fr feedRequest[Supplier]) ([]*Supplier, bool) {
		return fr.run(s.supplierTable.keys, s.supplierTable.rows)
	}, s.supplierRow)
}

func (s *Server) detailsSupplier(w http.ResponseWriter, rt route, _ *representation) {
	sup := s.supplierTable.rows[rt.key]
	if sup == nil {
		writeError(w, recordNotFound("BPSUPPLIER", rt.key))
		return
	}
	writeJSON(w, http.StatusOK, s.supplierRow(sup))
}
