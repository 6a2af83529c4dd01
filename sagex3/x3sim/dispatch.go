package x3sim

import "net/http"

// resourceClass is one api1 class the simulator serves, with the single
// representation that belongs to it.
type resourceClass struct {
	representation string
	query          func(s *Server, w http.ResponseWriter, r *http.Request, rt route)
	details        func(s *Server, w http.ResponseWriter, rt route)
	// edit is nil for classes the simulator serves read-only.
	edit func(s *Server, w http.ResponseWriter, r *http.Request, rt route, user string)
}

var classes = map[string]resourceClass{
	"PORDER": {
		representation: "PORDER",
		query:          (*Server).queryPurchaseOrders,
		details:        (*Server).detailsPurchaseOrder,
		edit:           (*Server).editPurchaseOrder,
	},
	"BPSUPPLIER": {
		representation: "BPSUPPLIER",
		query:          (*Server).querySuppliers,
		details:        (*Server).detailsSupplier,
	},
	"PINVOICE": {
		representation: "PINVOICE",
		query:          (*Server).queryInvoices,
		details:        (*Server).detailsInvoice,
	},
}

// dispatch checks class, representation, facet and method, in that order,
// then hands the request to the class's handler.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, rt route, user string) {
	cls, ok := classes[rt.class]
	if !ok {
		writeError(w, badRequest(codeUnknownClass, "Class '"+rt.class+"' does not exist"))
		return
	}
	if rt.representation != cls.representation {
		writeError(w, badRequest(codeBadParameter,
			"Representation '"+rt.representation+"' does not belong to class '"+rt.class+"'"))
		return
	}
	if rt.keyed {
		s.dispatchRecord(w, r, rt, cls, user)
		return
	}
	s.dispatchCollection(w, r, rt, cls)
}

func (s *Server) dispatchCollection(w http.ResponseWriter, r *http.Request, rt route, cls resourceClass) {
	if r.Method != http.MethodGet {
		writeMethodNotAllowed(w, http.MethodGet)
		return
	}
	if rt.facet != "$query" {
		writeError(w, badRequest(codeBadParameter, "Facet '"+rt.facet+"' is not available on a collection; use $query"))
		return
	}
	cls.query(s, w, r, rt)
}

func (s *Server) dispatchRecord(w http.ResponseWriter, r *http.Request, rt route, cls resourceClass, user string) {
	allow := http.MethodGet
	if cls.edit != nil {
		allow += ", " + http.MethodPut
	}
	switch {
	case r.Method == http.MethodGet && (rt.facet == "$details" || rt.facet == "$edit"):
		// Reading the $edit facet first is the documented way to prepare an update.
		cls.details(s, w, rt)
	case r.Method == http.MethodGet:
		writeError(w, badRequest(codeBadParameter, "Facet '"+rt.facet+"' is not available on a record; use $details"))
	case r.Method == http.MethodPut && cls.edit != nil && rt.facet == "$edit":
		cls.edit(s, w, r, rt, user)
	case r.Method == http.MethodPut && cls.edit != nil:
		writeError(w, badRequest(codeBadParameter, "PUT needs the $edit facet, not '"+rt.facet+"'"))
	default:
		writeMethodNotAllowed(w, allow)
	}
}
