package x3sim

import (
	"net/http"
	"time"
)

// poSchema is what PORDER's $query facet exposes to where and orderBy.
var poSchema = schema[PO]{
	keyName: "POHNUM",
	key:     func(p *PO) string { return p.Number },
	properties: map[string]property[PO]{
		"POHNUM":     stringProp(func(p *PO) string { return p.Number }),
		"POHTYP":     numberProp(func(p *PO) float64 { return float64(p.Type) }),
		"BPSNUM":     stringProp(func(p *PO) string { return p.Supplier }),
		"CPY":        stringProp(func(p *PO) string { return p.Company }),
		"POHFCY":     stringProp(func(p *PO) string { return p.OrderSite }),
		"RCPFCY":     stringProp(func(p *PO) string { return p.ReceivingSite }),
		"BUY":        stringProp(func(p *PO) string { return p.Buyer }),
		"CUR":        stringProp(func(p *PO) string { return p.Currency }),
		"ORDREF":     stringProp(func(p *PO) string { return p.InternalRef }),
		"ORDDAT":     dateProp(func(p *PO) string { return p.OrderDate }),
		"EXTRCPDAT1": dateProp(func(p *PO) string { return p.ExpectedReceipt }),
		"TOTORD":     numberProp(func(p *PO) float64 { return p.Total }),
		"CREDATTIM":  dateTimeProp(func(p *PO) time.Time { return p.Created }),
		"UPDDATTIM":  dateTimeProp(func(p *PO) time.Time { return p.Updated }),
		"UPDDAT":     dateProp(func(p *PO) string { return formatDate(p.Updated) }),
	},
}

func (s *Server) queryPurchaseOrders(w http.ResponseWriter, r *http.Request, rt route, _ *representation) {
	serveFeed(w, r, rt, poSchema, func(fr feedRequest[PO]) ([]*PO, bool) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return fr.run(s.keys, s.pos)
	}, s.poQueryRow)
}

func (s *Server) detailsPurchaseOrder(w http.ResponseWriter, rt route, rep *representation) {
	s.mu.RLock()
	p := s.pos[rt.key]
	s.mu.RUnlock()
	if p == nil {
		writeError(w, recordNotFound("PORDER", rt.key))
		return
	}
	writeJSON(w, http.StatusOK, rep.render(s.poColumns(p)))
}

func recordNotFound(class, key string) *apiError {
	return &apiError{status: http.StatusNotFound, code: codeApplication,
		message: class + " '" + key + "': record does not exist"}
}
