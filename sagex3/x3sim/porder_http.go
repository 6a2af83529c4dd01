package x3sim

import (
	"net/http"
	"time"
)

// poSchema is what PORDER's $query facet exposes to where and orderBy.
var poSchema = schema[PO]{
	keyName: "POHNUM",
	key:     func(p *PO) string { return p.Number },
	properties: map[string]Property[PO]{
		"POHNUM":     StringProp(func(p *PO) string { return p.Number }),
		"POHTYP":     NumberProp(func(p *PO) float64 { return float64(p.Type) }),
		"BPSNUM":     StringProp(func(p *PO) string { return p.Supplier }),
		"CPY":        StringProp(func(p *PO) string { return p.Company }),
		"POHFCY":     StringProp(func(p *PO) string { return p.OrderSite }),
		"RCPFCY":     StringProp(func(p *PO) string { return p.ReceivingSite }),
		"BUY":        StringProp(func(p *PO) string { return p.Buyer }),
		"CUR":        StringProp(func(p *PO) string { return p.Currency }),
		"ORDREF":     StringProp(func(p *PO) string { return p.InternalRef }),
		"ORDDAT":     DateProp(func(p *PO) string { return p.OrderDate }),
		"EXTRCPDAT1": DateProp(func(p *PO) string { return p.ExpectedReceipt }),
		"TOTORD":     NumberProp(func(p *PO) float64 { return p.Total }),
		"CREDATTIM":  DateTimeProp(func(p *PO) time.Time { return p.Created }),
		"UPDDATTIM":  DateTimeProp(func(p *PO) time.Time { return p.Updated }),
		"UPDDAT":     DateProp(func(p *PO) string { return formatDate(p.Updated) }),
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
